/**
 * PostgreSQL text cannot hold U+0000: a request body carrying it in any field
 * (JSON or form) is refused with a 400 naming the field, before a use case
 * tries to store it and fails with a 500.
 */
import type { MiddlewareHandler } from 'hono';
import { invalidInput } from '../errors.ts';
import type { AppEnv } from './env.ts';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The path (`entries.0.carriedOut`) of the first string holding U+0000, if any. */
function fieldWithNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || 'body' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = fieldWithNul(inner, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}

export const refuseNulCharacters: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!WITH_BODY.has(c.req.method)) return next();
  const type = c.req.header('content-type') ?? '';
  let field: string | null = null;
  if (type.startsWith('application/json')) {
    const text = await c.req.text();
    // JSON can only carry U+0000 escaped; most bodies need no parsing here.
    if (text.includes('\\u0000')) {
      try {
        field = fieldWithNul(JSON.parse(text));
      } catch {
        // Malformed JSON is the route's to refuse, with its own message.
      }
    }
  } else if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    field = fieldWithNul(await c.req.parseBody());
  }
  if (field !== null) throw invalidInput([{ field, messageKey: 'error.field.nulCharacter' }]);
  return next();
};
