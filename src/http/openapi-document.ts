/**
 * The API's OpenAPI 3.1 document as clients read it: generated from the
 * routes' zod schemas, then completed with what holds for every operation —
 * the server it lives under, a stable operationId, and the answers the
 * middleware gives any of them (401 for a bad token, 403 for a refused one,
 * 413 and 415 for a body that cannot be read, 429 when asked too often).
 * The same document decides which query parameters an operation takes.
 */
import { ProblemSchemaRef } from './api.ts';

type Json = Record<string, unknown>;
export type OperationObject = {
  operationId?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses: Record<string, Json>;
} & Json;
export type OpenApiDocument = { paths: Record<string, Record<string, OperationObject>> } & Json;

export const API_BASE = '/api/v1';
/** Where the document is served, under the API's base. */
export const DOCUMENT_PATH = '/openapi.json';
export const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchemaRef } },
});

/** Answers any operation can give, whatever its route declares. */
const EVERY_OPERATION: Record<string, Json> = {
  401: problem('Not signed in, or the API token is invalid, revoked or expired'),
  403: problem('Signed in without the permission this needs, a read-only token writing, or a cross-site request'),
  405: problem('This address does not take that method: `Allow` names those it takes'),
  500: problem('An unexpected error: it has been logged, and the answer says nothing of its cause'),
};
const WITH_BODY: Record<string, Json> = {
  413: problem('The request body is larger than the limit'),
  415: problem('The request body is not in a format this operation takes'),
};

/** `get /programmes/{slug}/items` → `getProgrammesBySlugItems`: stable as long as the route is. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      const text = param ? `by-${param[1]}` : segment;
      return text
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
        .map((w) => w[0]?.toUpperCase() + w.slice(1))
        .join('');
    });
  return `${method.toLowerCase()}${words.join('')}`;
}

/**
 * The generator writes a nullable reference (`Actor.nullable()`) as
 * `allOf: [{$ref}, {type: [object, null]}]`, which no null satisfies:
 * rewritten as `anyOf: [{$ref}, {type: null}]`, what it means.
 */
function fixNullableReferences(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) fixNullableReferences(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Json;
  const allOf = schema.allOf;
  if (Array.isArray(allOf) && allOf.length === 2) {
    const [ref, nullable] = allOf as [Json, Json];
    const type = nullable?.type;
    if (
      typeof ref?.$ref === 'string' &&
      Object.keys(nullable ?? {}).length === 1 &&
      Array.isArray(type) &&
      type.includes('null')
    ) {
      delete schema.allOf;
      schema.anyOf = [ref, { type: 'null' }];
    }
  }
  for (const value of Object.values(schema)) fixNullableReferences(value);
}

/** Completes the generated document (see above); the generated one is left as it was. */
export function completeDocument(generated: object): OpenApiDocument {
  const doc = structuredClone(generated) as OpenApiDocument;
  fixNullableReferences(doc);
  (doc as Json).servers = [{ url: API_BASE, description: 'This server' }];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = operations[method];
      if (!operation) continue;
      operation.operationId ??= operationIdOf(method, path);
      const extra = { ...EVERY_OPERATION, ...(operation.requestBody ? WITH_BODY : {}) };
      for (const [status, response] of Object.entries(extra)) operation.responses[status] ??= response;
    }
  }
  return doc;
}

/** An operation of the document, found from a request's method and path (under /api/v1). */
export type OperationMatch = { path: string; operation: OperationObject };

/** Finds operations by method and path; literal segments win over parameters. */
export function operationMatcher(doc: OpenApiDocument) {
  const templates = Object.keys(doc.paths).map((path) => {
    const pattern = path
      .split(/(\{[^}]+\})/)
      .map((part) => (/^\{.+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('');
    return { path, regex: new RegExp(`^${pattern}$`), literal: path.replace(/\{[^}]+\}/g, '').length };
  });
  templates.sort((a, b) => b.literal - a.literal);
  return {
    /** The template of the path, whatever the method. */
    template(apiPath: string): string | undefined {
      return templates.find((t) => t.regex.test(apiPath))?.path;
    },
    find(method: string, apiPath: string): OperationMatch | undefined {
      const path = templates.find((t) => t.regex.test(apiPath))?.path;
      const operation = path ? doc.paths[path]?.[method.toLowerCase()] : undefined;
      return path && operation ? { path, operation } : undefined;
    },
  };
}
