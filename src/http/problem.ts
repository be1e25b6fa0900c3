/**
 * Turns errors into answers: `application/problem+json` (RFC 9457) for the
 * API, an error page in the user's language for pages. Never a stack trace.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { AppError, type FieldError } from '../errors.ts';
import { maskSecretLinks } from '../modules/mail/secret-links.ts';
import type { MessageKey, Translator } from '../web/i18n/i18n.ts';
import type { AppEnv } from './env.ts';

export function problemBody(error: AppError, i18n: Translator, instance: string) {
  return {
    type: `about:blank`,
    title: i18n.t(error.messageKey as MessageKey, error.params),
    status: error.status,
    code: error.code,
    instance,
    ...(error.fields.length > 0
      ? {
          errors: error.fields.map((f) => ({
            field: f.field,
            message: i18n.t(f.messageKey as MessageKey, { field: f.field, ...f.params }),
          })),
        }
      : {}),
  };
}

export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  return c.body(JSON.stringify(problemBody(error, c.var.i18n, c.req.path)), error.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

/** Field errors from a zod failure, with the path as the field name (`query.type`). */
export function fieldErrorsFromZod(error: ZodError, prefix: string): FieldError[] {
  return error.issues.flatMap((issue): FieldError | FieldError[] => {
    // A field the input does not take (a strict object) is named itself.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [prefix, ...issue.path.map(String), key].filter(Boolean).join('.'),
        messageKey: 'error.field.unknownField',
      }));
    }
    // An issue about the whole input (a JSON body that is not an object) is about the body.
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'body';
    // A rule of our own names its message (`refine(…, { params: { messageKey } })`).
    if (issue.code === 'custom' && typeof issue.params?.messageKey === 'string') {
      return { field, messageKey: issue.params.messageKey };
    }
    if (issue.code === 'invalid_value' || issue.code === 'invalid_format') {
      return { field, messageKey: 'error.field.invalidValue' };
    }
    if (issue.code === 'invalid_type' && issue.input === undefined)
      return { field, messageKey: 'error.field.required' };
    if (issue.code === 'too_big' && issue.origin === 'string')
      return { field, messageKey: 'error.field.tooLong', params: { max: Number(issue.maximum) } };
    return { field, messageKey: 'error.field.invalid' };
  });
}

/** Any thrown value as an AppError; unknown errors become a logged 500 without details. */
export function toAppError(err: unknown, c: Context<AppEnv>): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError)
    return new AppError('invalid_input', 400, 'error.invalidInput', { fields: fieldErrorsFromZod(err, '') });
  if (err instanceof HTTPException) {
    if (err.status === 413) return new AppError('payload_too_large', 413, 'error.payloadTooLarge');
    // The route's body is JSON (or a form): another Content-Type is the header's fault.
    if (err.status === 415) {
      return new AppError('unsupported_media_type', 415, 'error.unsupportedMediaType', {
        fields: [{ field: 'Content-Type', messageKey: 'error.field.invalidValue' }],
      });
    }
    if (err.status === 400 && /json/i.test(err.message)) {
      return new AppError('invalid_input', 400, 'error.invalidInput', {
        fields: [{ field: 'body', messageKey: 'error.field.malformedJson' }],
      });
    }
    if (err.status < 500) return new AppError('bad_request', err.status, 'error.badRequest');
  }
  const where = { path: maskSecretLinks(c.req.path), method: c.req.method };
  if (clientWentAway(err, c)) {
    c.var.deps.log.info(where, 'client disconnected before the answer');
    return new AppError('client_closed', 400, 'error.badRequest');
  }
  c.var.deps.log.error({ err, ...where }, 'unhandled error');
  return new AppError('internal', 500, 'error.internal');
}

const GONE_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/** The client closed the connection (a closed tab, a cancelled upload): not the server's error. */
function clientWentAway(err: unknown, c: Context<AppEnv>): boolean {
  if (c.req.raw.signal?.aborted) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return err.name === 'AbortError' || err.message === 'aborted' || (typeof code === 'string' && GONE_CODES.has(code));
}

export function wantsJson(c: Context<AppEnv>): boolean {
  return c.req.path.startsWith('/api/');
}
