/**
 * An API operation takes the query parameters its OpenAPI document lists and
 * no others: an unknown one (a typo such as `?stauts=`) is a 400 naming it,
 * rather than a filter silently ignored. The document is the one rule.
 */
import type { MiddlewareHandler } from 'hono';
import { invalidInput } from '../errors.ts';
import type { AppEnv } from './env.ts';
import { API_BASE, DOCUMENT_PATH, type OpenApiDocument, operationMatcher } from './openapi-document.ts';

export function refuseUnknownQueryParameters(document: () => OpenApiDocument): MiddlewareHandler<AppEnv> {
  let match: ReturnType<typeof operationMatcher> | undefined;
  return async (c, next) => {
    const query = c.req.url.indexOf('?');
    if (query === -1) return next();
    match ??= operationMatcher(document());
    const path = c.req.path.slice(API_BASE.length);
    const found = match.find(c.req.method === 'HEAD' ? 'GET' : c.req.method, path);
    // The document itself is no operation of its own, and takes no parameter either.
    if (!found && path !== DOCUMENT_PATH) return next();
    const known = new Set((found?.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    // A nameless pair (`&=x`) names nothing to refuse.
    const unknown = [...new URLSearchParams(c.req.url.slice(query + 1)).keys()].filter(
      (name) => name !== '' && !known.has(name),
    );
    if (unknown.length > 0) {
      throw invalidInput([...new Set(unknown)].map((field) => ({ field, messageKey: 'error.field.unknownParameter' })));
    }
    return next();
  };
}
