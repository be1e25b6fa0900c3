/**
 * Holds every answer of the API to its OpenAPI document: the status must be
 * documented for the operation, the content type too, and a JSON body must
 * match the documented schema. Wrapped around every application the tests
 * make (see openapi-conformance.setup.ts), so each API test checks it.
 */

import zlib from 'node:zlib';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import {
  API_BASE,
  type OpenApiDocument,
  type OperationObject,
  operationMatcher,
} from '../../src/http/openapi-document.ts';

type Checker = {
  check(method: string, url: string, res: Response): Promise<string | null>;
};

const checkers = new Map<string, Checker>();

/** The body as text, uncompressed when the server compressed it for the client. */
async function bodyText(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.clone().arrayBuffer());
  const encoding = res.headers.get('content-encoding');
  if (encoding === 'gzip') return zlib.gunzipSync(bytes).toString('utf8');
  if (encoding === 'br') return zlib.brotliDecompressSync(bytes).toString('utf8');
  if (encoding === 'deflate') return zlib.inflateSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

function buildChecker(doc: OpenApiDocument): Checker {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...(doc as object), $id: 'enlace-openapi' } as object, undefined, undefined, false);
  const compiled = new Map<string, ValidateFunction>();
  const match = operationMatcher(doc);
  const documentedType = (operation: OperationObject, status: string) => {
    const responses = operation.responses as Record<string, { content?: Record<string, unknown> }>;
    const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default';
    return { key, response: responses[key] };
  };
  return {
    async check(method, url, res) {
      const path = new URL(url, 'http://x').pathname;
      if (!path.startsWith(`${API_BASE}/`) || path === `${API_BASE}/openapi.json`) return null;
      const found = match.find(method === 'HEAD' ? 'GET' : method, path.slice(API_BASE.length));
      // An address the API does not have answers 404 or 405, both in the document's shape below.
      if (!found) {
        if (res.status === 404 || res.status === 405) return null;
        return `${method} ${path}: no operation in the document, answered ${res.status}`;
      }
      const status = String(res.status);
      const where = `${method} ${found.path} → ${status}`;
      const { key, response } = documentedType(found.operation, status);
      if (!response) return `${where}: status not documented`;
      const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
      const content = response.content;
      if (!content) {
        if (res.body === null || type === '' || method === 'HEAD') return null;
        const text = await bodyText(res);
        return text.length === 0 ? null : `${where}: a body (${type}) where the document declares none`;
      }
      // A documented range (`*/*`, `image/*`) covers the types within it.
      const covered = Object.keys(content).some(
        (range) => range === type || range === '*/*' || (range.endsWith('/*') && type.startsWith(range.slice(0, -1))),
      );
      if (!covered)
        return `${where}: content type ${type || '(none)'} not documented (${Object.keys(content).join(', ')})`;
      if (!type.endsWith('json') || method === 'HEAD') return null;
      const ref = `enlace-openapi#/${pointer('paths', found.path, method.toLowerCase(), 'responses', key, 'content', type, 'schema')}`;
      let validate = compiled.get(ref);
      if (!validate) {
        validate = ajv.compile({ $ref: ref });
        compiled.set(ref, validate);
      }
      const body = JSON.parse(await bodyText(res)) as unknown;
      if (validate(body)) return null;
      const [first] = validate.errors ?? [];
      return `${where}: body does not match the schema at ${first?.instancePath || '/'}: ${first?.message} ${JSON.stringify(first?.params)}`;
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the wrapped fetch passes its other arguments through untouched
type Fetch = (request: Request, ...rest: any[]) => Response | Promise<Response>;

/** Wraps an application's `fetch` (which `request` goes through too) so each API answer is checked. */
export function checkedAgainstDocument<T extends { fetch: Fetch }>(app: T): T {
  const original = app.fetch;
  let checker: Promise<Checker> | undefined;
  const load = () => {
    checker ??= (async () => {
      const res = await original(new Request(`http://localhost${API_BASE}/openapi.json`));
      const text = await res.text();
      let found = checkers.get(text);
      if (!found) {
        found = buildChecker(JSON.parse(text) as OpenApiDocument);
        checkers.set(text, found);
      }
      return found;
    })();
    return checker;
  };
  app.fetch = async (request: Request, ...rest: Parameters<Fetch> extends [Request, ...infer R] ? R : never) => {
    const res = await original(request, ...rest);
    if (!new URL(request.url).pathname.startsWith(`${API_BASE}/`)) return res;
    const problem = await (await load()).check(request.method, request.url, res);
    if (problem) {
      const message = `The API answer does not match its OpenAPI document: ${problem}`;
      // Behind a real server the error becomes a bare 500: say why where the test's output shows it.
      console.error(message);
      throw new Error(message);
    }
    return res;
  };
  return app;
}
