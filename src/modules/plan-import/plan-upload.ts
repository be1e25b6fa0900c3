/**
 * Receiving a plan's file from a multipart request, for the API and the page
 * alike: at most 10 MB, holding one of the user's upload slots, its type told
 * later by its content (`readPlanFile`), never by the name it was sent with.
 */
import type { Context } from 'hono';
import { AppError, invalidInput } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { isMultipart, multipartForm } from '../../http/multipart.ts';
import { withUploadSlot } from '../../http/upload-slots.ts';

export const MAX_PLAN_BYTES = 10 * 1024 * 1024;

const tooLarge = () =>
  new AppError('payload_too_large', 413, 'error.payloadTooLarge', {
    fields: [{ field: 'file', messageKey: 'error.field.fileTooLarge', params: { max: '10 MB' } }],
  });

export type ReceivedPlan = { fileName: string; bytes: Uint8Array; fields: Record<string, string> };

/** Reads the form's `file` (a 400 naming it when missing) and hands it, with the form's other fields, to `use`. */
export function receivePlanFile<T>(c: Context<AppEnv>, userId: string, use: (plan: ReceivedPlan) => Promise<T>) {
  // A plan only comes as a file: a form or JSON without one lacks it.
  if (!isMultipart(c.req.header('content-type')))
    throw invalidInput([{ field: 'file', messageKey: 'error.field.required' }]);
  return withUploadSlot(userId, async () => {
    const form = multipartForm(c);
    const file = await form.readFile({
      field: 'file',
      maxBytes: MAX_PLAN_BYTES,
      tooLarge,
      headBytes: 0,
      inspect: () => 'application/octet-stream',
    });
    if (!file) throw invalidInput([{ field: 'file', messageKey: 'error.field.required' }]);
    const fields = Object.fromEntries(Object.entries(form.fields).filter(([, v]) => v !== ''));
    return use({ fileName: file.filename, bytes: file.bytes, fields });
  });
}
