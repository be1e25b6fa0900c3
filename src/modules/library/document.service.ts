/**
 * Library documents: a file kept in the file store or a link, described by
 * title, summary, type, languages, date, countries, actors, items and
 * meetings, seen by its visibility. A file's text is extracted after the
 * upload, by a background job; until then it is `pending`.
 */
import { count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../db/connect.ts';
import { bumpContentVersion } from '../../db/content-version.ts';
import {
  actors,
  attachments,
  cycles,
  documentActors,
  documentItems,
  documentMeetings,
  documents,
  items,
  meetings,
  programmes,
  reports,
} from '../../db/schema/index.ts';
import type { Translated } from '../../db/schema/registry.ts';
import { type Principal, refusalFor } from '../../domain/authz.ts';
import { canSeeRecord, documentRefusal, visibilitiesFor } from '../../domain/library.policy.ts';
import { canReadReport } from '../../domain/report.policy.ts';
import type { DocumentType, LibraryLanguage, LibraryVisibility } from '../../domain/vocabulary.ts';
import { forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueJob, type JobHandlers } from '../jobs/job.service.ts';
import { checkUpload, type FileUpload, sha256Of } from '../reporting/evidence.service.ts';
import { byLanguage, type DocumentFields, type FileDocumentFields, type LinkDocumentInput } from './document.schema.ts';
import { databaseFileStore, type FileStore } from './file-store.ts';
import { findActors, findById, findCountries, forbiddenField, resolve } from './references.ts';
import { extractText } from './text-extraction.ts';

export const EXTRACT_JOB = 'library.extract';
/** The types whose text Enlace extracts; any other file is found by its description only. */
const EXTRACTABLE = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
  'text/csv',
]);
export const DOCUMENTS_PER_PAGE = 50;

export type NewDocument = LinkDocumentInput | (FileDocumentFields & { file: FileUpload });

/** A file already checked (type by content, name cleaned) with its digest. */
export type CheckedFile = { filename: string; contentType: string; bytes: Uint8Array; sha256: string };

/** A document as written: its references resolved to ids, its file checked. */
export type DocumentRecord = {
  id: string;
  title: Translated;
  summary: Translated;
  type: DocumentType;
  languages: string[];
  issuedOn: string | null;
  visibility: LibraryVisibility;
  content: { url: string } | { file: CheckedFile };
  countryIds: readonly string[];
  actorIds: readonly string[];
  itemIds: readonly string[];
  meetingIds: readonly string[];
};

/**
 * What a description of a document links to, by id, once every reference is
 * known and this person may describe a document so: refused otherwise, naming
 * the field that goes beyond what they may add. Adding and changing share it.
 */
export async function permittedLinks(
  db: Db,
  input: Pick<DocumentFields, 'countries' | 'actors' | 'items' | 'meetings' | 'visibility'>,
  by: Principal,
) {
  const [countryIds, actorIds, itemIds, meetingIds] = await Promise.all([
    resolve(input.countries, 'countries', 'error.field.unknownCountry', findCountries(db)),
    resolve(input.actors, 'actors', 'error.field.unknownActor', findActors(db)),
    resolve(input.items, 'items', 'error.field.unknownItem', findById(db, items)),
    resolve(input.meetings, 'meetings', 'error.field.unknownMeeting', findById(db, meetings)),
  ]);
  const refusal = documentRefusal(by, { actorIds: [...countryIds, ...actorIds], visibility: input.visibility });
  if (refusal === 'forbidden') throw forbidden();
  if (refusal === 'actors') throw forbiddenField('countries', 'error.field.ownActorsOnly');
  if (refusal === 'visibility') throw forbiddenField('visibility', 'error.field.secretariatOnly');
  return { countryIds, actorIds, itemIds, meetingIds };
}

/**
 * Adds a document: checked against the policy with the actors it names, then
 * written with its file, links and extraction job in one transaction.
 */
export async function addDocument(
  db: Db,
  input: NewDocument,
  by: Principal,
  store: FileStore = databaseFileStore,
): Promise<{ id: string }> {
  const { countryIds, actorIds, itemIds, meetingIds } = await permittedLinks(db, input, by);
  const content: DocumentRecord['content'] =
    'file' in input
      ? { file: { ...checkUpload(input.file), bytes: input.file.bytes, sha256: sha256Of(input.file) } }
      : { url: input.url };
  const language = input.languages[0] as LibraryLanguage;
  const title = byLanguage(input.title, language);
  if ('file' in content && Object.keys(title).length === 0) title[language] = content.file.filename;
  const id = crypto.randomUUID();
  const record: DocumentRecord = {
    id,
    title,
    summary: byLanguage(input.summary, language),
    type: input.type,
    languages: input.languages,
    issuedOn: input.issuedOn ?? null,
    visibility: input.visibility,
    content,
    countryIds,
    actorIds,
    itemIds,
    meetingIds,
  };
  await db.transaction((tx) => writeDocument(tx, record, by.userId, store));
  return { id };
}

/**
 * Writes a document with its file, its links, its extraction job and its
 * audit event inside the caller's transaction: the one way a document enters
 * the library, whether added directly or drawn from a report or a meeting.
 */
export async function writeDocument(
  tx: Db,
  record: DocumentRecord,
  by: string | null,
  store: FileStore = databaseFileStore,
): Promise<void> {
  const { id } = record;
  const file = 'file' in record.content ? record.content.file : null;
  const extractable = file !== null && EXTRACTABLE.has(file.contentType);
  const fileKey = file ? crypto.randomUUID() : null;
  if (file && fileKey)
    await store.put(tx, fileKey, { contentType: file.contentType, bytes: file.bytes, sha256: file.sha256 });
  await tx.insert(documents).values({
    id,
    title: record.title,
    summary: record.summary,
    type: record.type,
    languages: record.languages,
    issuedOn: record.issuedOn,
    visibility: record.visibility,
    countryIds: [...record.countryIds].sort(),
    url: 'url' in record.content ? record.content.url : null,
    fileKey,
    filename: file?.filename ?? null,
    contentType: file?.contentType ?? null,
    size: file?.bytes.length ?? null,
    sha256: file?.sha256 ?? null,
    textStatus: extractable ? 'pending' : 'no_text',
    addedBy: by,
  });
  const links = [
    ...record.countryIds.map((actorId) => ({ documentId: id, actorId, role: 'country' as const })),
    ...record.actorIds.map((actorId) => ({ documentId: id, actorId, role: 'actor' as const })),
  ];
  if (links.length > 0) await tx.insert(documentActors).values(links);
  if (record.itemIds.length > 0)
    await tx.insert(documentItems).values(record.itemIds.map((itemId) => ({ documentId: id, itemId })));
  if (record.meetingIds.length > 0)
    await tx.insert(documentMeetings).values(record.meetingIds.map((meetingId) => ({ documentId: id, meetingId })));
  if (extractable) await enqueueJob(tx, { kind: EXTRACT_JOB, payload: { documentId: id }, uniqueKey: `extract:${id}` });
  await recordAudit(tx, {
    userId: by,
    action: 'document.add',
    entityType: 'document',
    entityId: id,
    after: {
      title: record.title,
      type: record.type,
      visibility: record.visibility,
      ...(file ? { sha256: file.sha256 } : {}),
    },
  });
}

/** Takes documents out of the library with their files, in the caller's transaction (their links go with them). */
export async function removeDocuments(
  tx: Db,
  ids: readonly string[],
  by: string | null,
  store: FileStore = databaseFileStore,
): Promise<void> {
  if (ids.length === 0) return;
  const removed = await tx
    .delete(documents)
    .where(inArray(documents.id, [...ids]))
    .returning({ id: documents.id, fileKey: documents.fileKey, title: documents.title });
  for (const row of removed) {
    if (row.fileKey) await store.remove(tx, row.fileKey);
    await recordAudit(tx, {
      userId: by,
      action: 'document.remove',
      entityType: 'document',
      entityId: row.id,
      before: { title: row.title },
    });
  }
}

/** The document's row, if the caller may see it: hidden ones do not exist to visitors and are forbidden to members. */
export async function visibleDocument(db: Db, id: string, principal: Principal | null) {
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  if (!row) throw notFound('document');
  if (!canSeeRecord(principal, row.visibility))
    throw refusalFor(principal) === 'forbidden' ? forbidden() : notFound('document');
  return row;
}

export async function getDocument(db: Db, id: string, principal: Principal | null) {
  const document = await visibleDocument(db, id, principal);
  const [actorRows, itemRows, meetingRows, reportRows] = await Promise.all([
    db
      .select({ role: documentActors.role, id: actors.id, key: actors.key, name: actors.name, acronym: actors.acronym })
      .from(documentActors)
      .innerJoin(actors, eq(actors.id, documentActors.actorId))
      .where(eq(documentActors.documentId, id))
      .orderBy(actors.key),
    db
      .select({ id: items.id, code: items.code, text: items.text, programme: programmes.title, slug: programmes.slug })
      .from(documentItems)
      .innerJoin(items, eq(items.id, documentItems.itemId))
      .innerJoin(programmes, eq(programmes.id, items.programmeId))
      .where(eq(documentItems.documentId, id))
      .orderBy(programmes.slug, items.code),
    db
      .select({ id: meetings.id, title: meetings.title, startsOn: meetings.startsOn, visibility: meetings.visibility })
      .from(documentMeetings)
      .innerJoin(meetings, eq(meetings.id, documentMeetings.meetingId))
      .where(eq(documentMeetings.documentId, id))
      .orderBy(meetings.startsOn),
    // Evidence drawn from a report bears its attachment's id (document-sources.service.ts).
    db
      .select({
        id: reports.id,
        actorId: reports.actorId,
        state: reports.state,
        cycleState: cycles.state,
        period: cycles.period,
        actor: actors.name,
      })
      .from(attachments)
      .innerJoin(reports, eq(reports.id, attachments.reportId))
      .innerJoin(cycles, eq(cycles.id, reports.cycleId))
      .innerJoin(actors, eq(actors.id, reports.actorId))
      .where(eq(attachments.id, id)),
  ]);
  const [report] = reportRows;
  return {
    document,
    countries: actorRows.filter((a) => a.role === 'country'),
    actors: actorRows.filter((a) => a.role === 'actor'),
    items: itemRows,
    // A members-only meeting is not named to those who cannot see it.
    meetings: meetingRows.filter((m) => m.visibility === 'public' || canSeeRecord(principal, 'members')),
    // The report it is evidence of, named to those who may read the report.
    report:
      report && canReadReport(principal, report) ? { id: report.id, period: report.period, actor: report.actor } : null,
  };
}
export type DocumentDetail = Awaited<ReturnType<typeof getDocument>>;

/** The documents the caller may see, latest first (by the date they bear, then when added), a page at a time. */
export async function listDocuments(db: Db, principal: Principal | null, page = 1) {
  const visible = inArray(documents.visibility, visibilitiesFor(principal));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(documents)
      .where(visible)
      .orderBy(sql`${documents.issuedOn} desc nulls last`, desc(documents.createdAt), documents.id)
      .limit(DOCUMENTS_PER_PAGE)
      .offset((page - 1) * DOCUMENTS_PER_PAGE),
    db.select({ n: count() }).from(documents).where(visible),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** A document's file, if the caller may see the document. */
export async function getDocumentFile(db: Db, id: string, principal: Principal | null, store = databaseFileStore) {
  const document = await visibleDocument(db, id, principal);
  const bytes = document.fileKey ? await store.get(db, document.fileKey) : null;
  if (!bytes) throw notFound('file');
  return { bytes, contentType: document.contentType, filename: document.filename };
}

/**
 * The extraction job: the file's text, page by page, or `no_text` where there
 * is none — a file pdf.js or mammoth cannot read is a document without text,
 * not a job to retry.
 */
export function libraryHandlers(log?: Logger, store: FileStore = databaseFileStore): JobHandlers {
  return {
    async [EXTRACT_JOB](payload, { db }) {
      const { documentId } = payload as { documentId: string };
      const [row] = await db.select().from(documents).where(eq(documents.id, documentId));
      if (row?.textStatus !== 'pending' || !row.fileKey || !row.contentType) return;
      const bytes = await store.get(db, row.fileKey);
      let text: Awaited<ReturnType<typeof extractText>> = { status: 'no_text', pages: [] };
      if (bytes) {
        try {
          text = await extractText(row.contentType, bytes);
        } catch (err) {
          log?.warn({ err, documentId }, 'could not read the text of a library file');
        }
      }
      await db
        .update(documents)
        .set({ textStatus: text.status, pages: text.pages, updatedAt: new Date() })
        .where(eq(documents.id, documentId));
      // Pages that showed the text as pending are kept in every instance's cache until the version moves.
      await bumpContentVersion(db);
    },
  };
}
