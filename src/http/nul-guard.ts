/**
 * PostgreSQL text cannot hold U+0000, and jsonb refuses a lone UTF-16
 * surrogate (`"x\ud800y"`, which only JSON's escapes can carry): a request
 * carrying either in a query parameter (of any method) or in any field of its
 * body (JSON or form) is refused with a 400 naming the parameter or field,
 * before a route reads it and a use case tries to store or compare it and
 * fails with a 500.
 */
import type { MiddlewareHandler } from 'hono';
import { invalidInput } from '../errors.ts';
import type { AppEnv } from './env.ts';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const NUL = '\u0000';

/** A name as it can be shown: a NUL in the name itself written out as `\u0000`. */
const visible = (name: string) => name.replaceAll(NUL, '\\u0000');

/** The first query parameter whose name or value holds U+0000, if any. */
function queryParamWithNul(url: string): string | null {
  // A URL can only carry U+0000 percent-encoded; most queries need no parsing here.
  const query = url.indexOf('?');
  if (query === -1 || !url.includes('%00', query)) return null;
  for (const [name, value] of new URLSearchParams(url.slice(query + 1))) {
    if (name.includes(NUL) || value.includes(NUL)) return visible(name);
  }
  return null;
}

type Unstorable = { field: string; messageKey: 'error.field.nulCharacter' | 'error.field.loneSurrogate' };

/** Why a string cannot be stored, if it cannot. */
function problemOf(text: string): Unstorable['messageKey'] | null {
  if (text.includes(NUL)) return 'error.field.nulCharacter';
  return text.isWellFormed() ? null : 'error.field.loneSurrogate';
}

/** The path (`entries.0.carriedOut`) of the first string (or key) that cannot be stored, and why. */
function unstorableField(value: unknown, path: string[] = []): Unstorable | null {
  const here = () => visible(path.join('.')) || 'body';
  if (typeof value === 'string') {
    const messageKey = problemOf(value);
    return messageKey ? { field: here(), messageKey } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const keyProblem = problemOf(key);
    if (keyProblem) return { field: visible([...path, key.toWellFormed()].join('.')), messageKey: keyProblem };
    const found = unstorableField(inner, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

/** JSON carries U+0000 and surrogates only as `\u` escapes: most bodies need no parsing here. */
const MAY_BE_UNSTORABLE = /\\u(?:0000|[dD][89a-fA-F])/;

export const refuseNulCharacters: MiddlewareHandler<AppEnv> = async (c, next) => {
  const param = queryParamWithNul(c.req.url);
  let found: Unstorable | null = param === null ? null : { field: param, messageKey: 'error.field.nulCharacter' };
  if (found === null && WITH_BODY.has(c.req.method)) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/json')) {
      const text = await c.req.text();
      if (MAY_BE_UNSTORABLE.test(text)) {
        try {
          found = unstorableField(JSON.parse(text));
        } catch {
          // Malformed JSON is the route's to refuse, with its own message.
        }
      }
    } else if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      found = unstorableField(await c.req.parseBody());
    }
  }
  if (found !== null) throw invalidInput([found]);
  return next();
};
