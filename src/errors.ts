/**
 * The one error type of the application. A code that clients can rely on, an
 * HTTP status, a message key of the catalogs, and optional field errors.
 */
export type FieldError = { field: string; messageKey: string; params?: Record<string, string | number> };

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageKey: string;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[];

  constructor(
    code: string,
    status: number,
    messageKey: string,
    options: { detail?: string; params?: Record<string, string | number>; fields?: FieldError[] } = {},
  ) {
    super(options.detail ?? code);
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.messageKey = messageKey;
    this.params = options.params ?? {};
    this.fields = options.fields ?? [];
  }
}

export const unauthenticated = () => new AppError('unauthenticated', 401, 'error.unauthenticated');
export const forbidden = () => new AppError('forbidden', 403, 'error.forbidden');

export const notFound = (what: string) =>
  new AppError('not_found', 404, 'error.notFound', { detail: `${what} not found` });

export const invalidInput = (fields: FieldError[]) =>
  new AppError('invalid_input', 400, 'error.invalidInput', { fields, detail: fields.map((f) => f.field).join(', ') });
