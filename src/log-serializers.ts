/**
 * What a logged error may carry: its kind, code, a short message and where it
 * happened; never the values of a failed query (a whole report's content, a
 * password hash) nor a one-time link's secret.
 */
import { maskSecretLinks } from './modules/mail/secret-links.ts';

const MAX_MESSAGE = 300;
const MAX_FRAMES = 12;
/** PostgreSQL's and Node's fields that name what failed without quoting data. */
const SAFE_FIELDS = [
  'code',
  'errno',
  'syscall',
  'severity',
  'constraint',
  'table',
  'column',
  'routine',
  'status',
] as const;

export type LoggedError = {
  type: string;
  message: string;
  stack?: string;
  cause?: LoggedError;
} & Partial<Record<(typeof SAFE_FIELDS)[number], unknown>>;

/** A value PostgreSQL quotes in its message (`invalid input syntax for type integer: "…"`), cut to its start. */
const LONG_QUOTED = /"([^"]{40})[^"]*"/g;

/** The message without the parameters a query error appends or long quoted values, masked and cut short. */
function shortMessage(message: string): string {
  const withoutParams = message.split(/\nparams:/)[0] ?? '';
  const masked = maskSecretLinks(withoutParams).replace(LONG_QUOTED, (_, start: string) => `"${start}…"`);
  return masked.length > MAX_MESSAGE ? `${masked.slice(0, MAX_MESSAGE)}… (${message.length} characters)` : masked;
}

export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: shortMessage(String(err)) };
  const logged: LoggedError = { type: err.constructor?.name ?? err.name, message: shortMessage(err.message) };
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  if (frames.length > 0) logged.stack = frames.slice(0, MAX_FRAMES).join('\n');
  for (const field of SAFE_FIELDS) {
    const value = (err as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') logged[field] = value;
  }
  if (err.cause !== undefined && depth < 3) logged.cause = serializeError(err.cause, depth + 1);
  return logged;
}

/** Serializers for pino: `err` as above. */
export const logSerializers = { err: (err: unknown) => serializeError(err) };
