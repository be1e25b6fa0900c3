/**
 * Receiving a library document from a multipart form, for the API and the
 * page alike: who may add documents is checked before a byte of the file is
 * read; the file streams in (size and type checked as it comes) holding one of
 * the user's upload slots; the fields that follow it are read with it.
 */
import type { Context } from 'hono';
import { canAddDocuments } from '../../domain/library.policy.ts';
import { forbidden, invalidInput } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { multipartForm } from '../../http/multipart.ts';
import { withUploadSlot } from '../../http/upload-slots.ts';
import type { AuthenticatedPrincipal } from '../accounts/account.service.ts';
import { uploadRules } from '../reporting/evidence-upload.ts';
import { addDocument } from './document.service.ts';
import { fileDocumentFields, formValues, linkDocumentFields } from './document-form.ts';

/** Adds the form's document: its file, or — where `linkAllowed` and no file is sent — its link. */
export async function uploadDocument(
  c: Context<AppEnv>,
  by: AuthenticatedPrincipal,
  linkAllowed = false,
): Promise<{ id: string }> {
  if (!canAddDocuments(by)) throw forbidden();
  return withUploadSlot(by.userId, async () => {
    const form = multipartForm(c);
    const file = await form.readFile(uploadRules());
    const values = formValues(form.lists);
    const { db } = c.var.deps;
    if (file) {
      const fields = fileDocumentFields(values);
      return addDocument(db, { ...fields, file: { name: file.filename, bytes: file.bytes, sha256: file.sha256 } }, by);
    }
    if (!linkAllowed) throw invalidInput([{ field: 'file', messageKey: 'error.field.required' }]);
    return addDocument(db, linkDocumentFields(values), by);
  });
}
