/**
 * Receiving an uploaded file from a multipart request, for the API and the
 * pages alike: who may upload and how much room the report has are checked
 * before a byte of the file is read; then, holding one of the user's upload
 * slots, the file streams in — hashed, its size and type checked as it comes
 * — and is stored in one piece.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { DEFAULT_UPLOAD_QUOTA_MB } from '../../config.ts';
import type { AppEnv } from '../../http/env.ts';
import { type FileRules, multipartForm } from '../../http/multipart.ts';
import { parseOr400 } from '../../http/pages.ts';
import { withUploadSlot } from '../../http/upload-slots.ts';
import type { AuthenticatedPrincipal } from '../accounts/account.service.ts';
import {
  addFileEvidence,
  evidenceRoom,
  fileTooLarge,
  inspectUpload,
  MAX_EVIDENCE_BYTES,
  overQuota,
  TYPE_CHECK_BYTES,
} from './evidence.service.ts';
import { LinkEvidenceInput } from './reporting.schema.ts';

/** The rules a file streams through: at most 10 MB, or what is left of a quota (`room` of `quotaBytes`) if less. */
export function uploadRules(room = Number.POSITIVE_INFINITY, quotaBytes = 0): FileRules {
  return {
    field: 'file',
    maxBytes: Math.min(MAX_EVIDENCE_BYTES, room),
    tooLarge: room < MAX_EVIDENCE_BYTES ? () => overQuota(quotaBytes) : fileTooLarge,
    headBytes: TYPE_CHECK_BYTES,
    inspect: inspectUpload,
  };
}

const FileEvidenceFields = z.object({
  title: LinkEvidenceInput.shape.title.optional(),
  entryId: z.uuid().optional(),
});

/**
 * Stores the file of a multipart evidence form as evidence of the report;
 * `null` when the form has no file (its other fields are then in
 * `multipartForm(c).fields`).
 */
export async function uploadEvidence(
  c: Context<AppEnv>,
  reportId: string,
  by: AuthenticatedPrincipal,
): Promise<{ id: string } | null> {
  const { db, uploadQuotaBytes = DEFAULT_UPLOAD_QUOTA_MB * 1024 * 1024 } = c.var.deps;
  const room = await evidenceRoom(db, reportId, by, uploadQuotaBytes);
  return withUploadSlot(by.userId, async () => {
    const form = multipartForm(c);
    const file = await form.readFile(uploadRules(room, uploadQuotaBytes));
    if (!file) return null;
    // Empty fields are left out: the file's name is the title when none is given.
    const given = Object.fromEntries(Object.entries(form.fields).filter(([, v]) => v.trim() !== ''));
    const fields = parseOr400(FileEvidenceFields, { title: given.title, entryId: given.entryId }, '');
    return addFileEvidence(
      db,
      reportId,
      { name: file.filename, bytes: file.bytes, sha256: file.sha256 },
      fields,
      by,
      uploadQuotaBytes,
    );
  });
}
