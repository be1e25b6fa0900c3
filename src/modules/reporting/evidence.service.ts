/**
 * Evidence attached to a report: uploaded files (type and size limited, kept
 * in the database, within the report's quota) or links. Only the actor's
 * focal points add or remove it.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { DEFAULT_UPLOAD_QUOTA_MB } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import { attachments, reportEntries } from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { AppError, notFound } from '../../errors.ts';
import { attachmentDisposition } from '../../http/content-disposition.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { editableReport, readableReport } from './report-access.ts';

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** How many first bytes the type check looks at (a text file has no NUL among them). */
export const TYPE_CHECK_BYTES = 4096;
const MB = 1024 * 1024;

/** Accepted file types: the extension, the content type, and the first bytes a real file of that type has. */
const TYPES: { ext: string[]; type: string; magic?: number[] }[] = [
  { ext: ['pdf'], type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  {
    ext: ['docx'],
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  {
    ext: ['xlsx'],
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  { ext: ['odt'], type: 'application/vnd.oasis.opendocument.text', magic: [0x50, 0x4b, 0x03, 0x04] },
  { ext: ['ods'], type: 'application/vnd.oasis.opendocument.spreadsheet', magic: [0x50, 0x4b, 0x03, 0x04] },
  { ext: ['png'], type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { ext: ['jpg', 'jpeg'], type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { ext: ['csv'], type: 'text/csv' },
  { ext: ['txt'], type: 'text/plain' },
];

export const ACCEPTED_EXTENSIONS = TYPES.flatMap((t) => t.ext.map((e) => `.${e}`));

const fieldError = (field: string, messageKey: string, params?: Record<string, string | number>) =>
  new AppError('invalid_input', 400, 'error.invalidInput', {
    fields: [{ field, messageKey, ...(params ? { params } : {}) }],
  });

/** A file over 10 MB, refused naming the file field. */
export const fileTooLarge = () =>
  new AppError('payload_too_large', 413, 'error.payloadTooLarge', {
    fields: [{ field: 'file', messageKey: 'error.field.fileTooLarge', params: { max: '10 MB' } }],
  });

/** A file that does not fit in what is left of the report's quota. */
export const overQuota = (quotaBytes: number) => {
  const params = { max: `${Math.round(quotaBytes / MB)} MB` };
  return new AppError('quota_exceeded', 413, 'error.uploadQuota', {
    params,
    fields: [{ field: 'file', messageKey: 'error.field.fileQuota', params }],
  });
};

/** The file's type from its name and first bytes; refuses what is not on the list or does not look like it. */
export function classifyFile(filename: string, bytes: Uint8Array): string {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const kind = TYPES.find((t) => t.ext.includes(ext));
  if (!kind) throw fieldError('file', 'error.field.fileType', { types: ACCEPTED_EXTENSIONS.join(', ') });
  if (kind.magic && !kind.magic.every((b, i) => bytes[i] === b)) throw fieldError('file', 'error.field.fileContent');
  if (!kind.magic && bytes.subarray(0, TYPE_CHECK_BYTES).includes(0))
    throw fieldError('file', 'error.field.fileContent');
  return kind.type;
}

/** An uploaded file's type from its name and first bytes, as they stream in: empty or unaccepted files are refused. */
export function inspectUpload(name: string, head: Uint8Array): string {
  if (head.length === 0) throw fieldError('file', 'error.field.fileEmpty');
  return classifyFile(cleanFilename(name), head);
}

/** An uploaded file as the services take it: its bytes (kept as they are, not copied) and, if known, their SHA-256. */
export type FileUpload = { name: string; bytes: Uint8Array; sha256?: string | undefined };

/** The bytes as a Buffer for the database, without copying them. */
export const bufferOf = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export const sha256Of = (file: FileUpload): string =>
  file.sha256 ?? createHash('sha256').update(file.bytes).digest('hex');

/** Checks a received file's size and type again (cheap: its length and first bytes); its stored name and type. */
export function checkUpload(file: FileUpload): { filename: string; contentType: string } {
  if (file.bytes.length === 0) throw fieldError('file', 'error.field.fileEmpty');
  if (file.bytes.length > MAX_EVIDENCE_BYTES) throw fileTooLarge();
  const filename = cleanFilename(file.name);
  return { filename, contentType: classifyFile(filename, file.bytes) };
}

/** A safe file name to store and send back: no path, no control characters, bounded length. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return (cleaned || 'file').slice(-150);
}

async function checkEntry(db: Db, reportId: string, entryId: string | undefined) {
  if (!entryId) return null;
  const [entry] = await db
    .select({ id: reportEntries.id })
    .from(reportEntries)
    .where(and(eq(reportEntries.id, entryId), eq(reportEntries.reportId, reportId)));
  if (!entry) throw fieldError('entryId', 'error.field.unknownEntry');
  return entry.id;
}

/** The bytes of the files a report holds. */
async function usedBytes(db: Db, reportId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${attachments.size}), 0)::float8` })
    .from(attachments)
    .where(eq(attachments.reportId, reportId));
  return Number(row?.total ?? 0);
}

/**
 * Before a byte of a file is read: whether the caller may add evidence to
 * the report now (else 403/404/409), and how many bytes of its quota are left.
 */
export async function evidenceRoom(db: Db, reportId: string, by: Principal, quotaBytes: number): Promise<number> {
  await editableReport(db, reportId, by);
  return Math.max(0, quotaBytes - (await usedBytes(db, reportId)));
}

export async function addFileEvidence(
  db: Db,
  reportId: string,
  file: FileUpload,
  input: { title?: string | undefined; entryId?: string | undefined },
  by: Principal,
  quotaBytes: number = DEFAULT_UPLOAD_QUOTA_MB * MB,
) {
  return db.transaction(async (tx) => {
    await editableReport(tx, reportId, by);
    const { filename, contentType } = checkUpload(file);
    const entryId = await checkEntry(tx, reportId, input.entryId);
    // One upload to a report at a time from here to the commit, so two cannot both fit in the last of its quota.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`evidence:${reportId}`}))`);
    if ((await usedBytes(tx, reportId)) + file.bytes.length > quotaBytes) throw overQuota(quotaBytes);
    const id = crypto.randomUUID();
    const sha256 = sha256Of(file);
    await tx.insert(attachments).values({
      id,
      reportId,
      entryId,
      kind: 'file',
      title: input.title?.trim() || filename,
      filename,
      contentType,
      size: file.bytes.length,
      data: bufferOf(file.bytes),
      createdBy: by.userId,
    });
    await recordAudit(tx, {
      userId: by.userId,
      action: 'evidence.add',
      entityType: 'report',
      entityId: reportId,
      after: { id, filename, size: file.bytes.length, sha256 },
    });
    return { id };
  });
}

export async function addLinkEvidence(
  db: Db,
  reportId: string,
  input: { title: string; url: string; entryId?: string | undefined },
  by: Principal,
) {
  return db.transaction(async (tx) => {
    await editableReport(tx, reportId, by);
    const entryId = await checkEntry(tx, reportId, input.entryId);
    const id = crypto.randomUUID();
    await tx
      .insert(attachments)
      .values({ id, reportId, entryId, kind: 'link', title: input.title, url: input.url, createdBy: by.userId });
    await recordAudit(tx, {
      userId: by.userId,
      action: 'evidence.add',
      entityType: 'report',
      entityId: reportId,
      after: { id, url: input.url },
    });
    return { id };
  });
}

export async function removeEvidence(db: Db, attachmentId: string, by: Principal) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: attachments.id, reportId: attachments.reportId, title: attachments.title })
      .from(attachments)
      .where(eq(attachments.id, attachmentId));
    if (!row) throw notFound('attachment');
    await editableReport(tx, row.reportId, by);
    await tx.delete(attachments).where(eq(attachments.id, attachmentId));
    await recordAudit(tx, {
      userId: by.userId,
      action: 'evidence.remove',
      entityType: 'report',
      entityId: row.reportId,
      before: row,
    });
    return row.reportId;
  });
}

/** A file for download, if the caller may read its report. */
export async function getEvidenceFile(db: Db, attachmentId: string, principal: Principal | null) {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, attachmentId));
  if (row?.kind !== 'file' || !row.data) throw notFound('attachment');
  await readableReport(db, row.reportId, principal);
  return row;
}

/** The headers a downloaded evidence file is sent with: as an attachment, never rendered inline. */
export function evidenceHeaders(file: { contentType: string | null; filename: string | null }): Record<string, string> {
  return {
    'content-type': file.contentType ?? 'application/octet-stream',
    'content-disposition': attachmentDisposition(file.filename ?? 'file'),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
}
