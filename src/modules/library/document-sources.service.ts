/**
 * Library documents drawn from other records: the evidence of an accepted
 * report and the documents of a meeting. Each enters through the library's
 * one write path (`writeDocument`), inside the transaction of the change that
 * brings it (the acceptance, the upload), and bears its source row's id (an
 * attachment's, a meeting document's): its source is a join away, no link
 * table needed, and drawing it again finds it there instead of adding a
 * second. Who sees it follows its source (`library.policy.ts`).
 *
 * The file is copied into the file store: evidence and meeting files are kept
 * in their own rows (`attachments.data`, `meeting_documents.data`), which the
 * store's interface (a key to bytes) cannot point at.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  attachments,
  cycles,
  documents,
  meetingDocuments,
  meetings,
  programmes,
  reportEntries,
  reports,
} from '../../db/schema/index.ts';
import {
  evidenceVisibility,
  libraryLanguagesOf,
  meetingDocumentType,
  meetingDocumentVisibility,
} from '../../domain/library.policy.ts';
import type { LibraryVisibility } from '../../domain/vocabulary.ts';
import { sha256Of } from '../reporting/evidence.service.ts';
import { type DocumentRecord, removeDocuments, writeDocument } from './document.service.ts';
import { databaseFileStore, type FileStore } from './file-store.ts';

type StoredSource = {
  title: string;
  url: string | null;
  filename: string | null;
  contentType: string | null;
  data: Buffer | null;
};

/** A source row's link, or its file with its digest; null for a file whose bytes are gone. */
function contentOf(source: StoredSource): DocumentRecord['content'] | null {
  if (source.data && source.filename && source.contentType) {
    const bytes = new Uint8Array(source.data);
    const file = { filename: source.filename, contentType: source.contentType, bytes };
    return { file: { ...file, sha256: sha256Of({ name: source.filename, bytes }) } };
  }
  return source.url ? { url: source.url } : null;
}

/** The ids among `ids` that the library already holds. */
async function alreadyShelved(tx: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(inArray(documents.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

/**
 * An accepted report's evidence, each file or link a library document of type
 * `report`: titled as the evidence, about the report's actor, serving the
 * item of the entry it supports (or every item of the report, for evidence of
 * the whole report), seen as the report may be read.
 */
export async function addEvidenceToLibrary(
  tx: Db,
  reportId: string,
  by: string | null,
  store: FileStore = databaseFileStore,
): Promise<string[]> {
  const [report] = await tx
    .select({
      state: reports.state,
      actorId: reports.actorId,
      actorType: actors.type,
      cycleState: cycles.state,
      language: programmes.language,
    })
    .from(reports)
    .innerJoin(actors, eq(actors.id, reports.actorId))
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
    .where(eq(reports.id, reportId));
  if (report?.state !== 'accepted') return [];
  const evidence = await tx.select().from(attachments).where(eq(attachments.reportId, reportId));
  const shelved = await alreadyShelved(
    tx,
    evidence.map((e) => e.id),
  );
  const entries = await tx
    .select({ id: reportEntries.id, itemId: reportEntries.itemId })
    .from(reportEntries)
    .where(eq(reportEntries.reportId, reportId));
  const itemsOf = (entryId: string | null) => [
    ...new Set(entries.flatMap((e) => (e.itemId && (entryId === null || e.id === entryId) ? [e.itemId] : []))),
  ];
  const languages = libraryLanguagesOf([report.language]);
  const isCountry = report.actorType === 'member_state';
  const added: string[] = [];
  for (const attachment of evidence) {
    const content = contentOf(attachment);
    if (shelved.has(attachment.id) || !content) continue;
    await writeDocument(
      tx,
      {
        id: attachment.id,
        title: { [languages[0] ?? 'es']: attachment.title },
        summary: {},
        type: 'report',
        languages,
        issuedOn: null,
        visibility: evidenceVisibility(report),
        content,
        countryIds: isCountry ? [report.actorId] : [],
        actorIds: isCountry ? [] : [report.actorId],
        itemIds: itemsOf(attachment.entryId),
        meetingIds: [],
      },
      by,
      store,
    );
    added.push(attachment.id);
  }
  return added;
}

/**
 * Sets who sees the evidence of a cycle's reports in the library, as the
 * cycle now stands: public once published, the secretariat's again when it is
 * unpublished.
 */
export async function followCycleInLibrary(tx: Db, cycleId: string): Promise<void> {
  const rows = await tx
    .select({ id: attachments.id, state: reports.state, cycleState: cycles.state })
    .from(attachments)
    .innerJoin(reports, eq(reports.id, attachments.reportId))
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .where(eq(reports.cycleId, cycleId));
  await setVisibility(
    tx,
    rows.map((r) => ({ id: r.id, visibility: evidenceVisibility(r) })),
  );
}

/** Writes each document's visibility where it differs (so that updatedAt says when its audience last moved). */
async function setVisibility(tx: Db, rows: readonly { id: string; visibility: LibraryVisibility }[]): Promise<void> {
  for (const visibility of new Set(rows.map((r) => r.visibility))) {
    const ids = rows.filter((r) => r.visibility === visibility).map((r) => r.id);
    await tx
      .update(documents)
      .set({ visibility, updatedAt: new Date() })
      .where(and(inArray(documents.id, ids), ne(documents.visibility, visibility)));
  }
}

/**
 * A meeting's document (a file or a link) as a library document: titled as
 * on the meeting, of the type its kind says, about the body that holds the
 * meeting, linked to the meeting, dated by it, seen by whoever sees it.
 */
export async function addMeetingDocumentToLibrary(
  tx: Db,
  meetingDocumentId: string,
  by: string | null,
  store: FileStore = databaseFileStore,
): Promise<boolean> {
  const [row] = await tx
    .select({ document: meetingDocuments, meeting: meetings, bodyType: actors.type })
    .from(meetingDocuments)
    .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
    .innerJoin(actors, eq(actors.id, meetings.bodyId))
    .where(eq(meetingDocuments.id, meetingDocumentId));
  if (!row || (await alreadyShelved(tx, [meetingDocumentId])).size > 0) return false;
  const content = contentOf(row.document);
  if (!content) return false;
  const { meeting } = row;
  const languages = libraryLanguagesOf(meeting.languages);
  const isCountry = row.bodyType === 'member_state';
  await writeDocument(
    tx,
    {
      id: meetingDocumentId,
      title: { [languages[0] ?? 'es']: row.document.title },
      summary: {},
      type: meetingDocumentType(row.document.kind),
      languages,
      issuedOn: meeting.startsOn,
      visibility: meetingDocumentVisibility(meeting.visibility),
      content,
      countryIds: isCountry ? [meeting.bodyId] : [],
      actorIds: isCountry ? [] : [meeting.bodyId],
      itemIds: [],
      meetingIds: [meeting.id],
    },
    by,
    store,
  );
  return true;
}

/** Sets who sees a meeting's documents in the library as the meeting's visibility now is. */
export async function followMeetingInLibrary(tx: Db, meetingId: string): Promise<void> {
  const rows = await tx
    .select({ id: meetingDocuments.id, visibility: meetings.visibility })
    .from(meetingDocuments)
    .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
    .where(eq(meetingDocuments.meetingId, meetingId));
  await setVisibility(
    tx,
    rows.map((r) => ({ id: r.id, visibility: meetingDocumentVisibility(r.visibility) })),
  );
}

/** Takes a meeting's document out of the library, with its copy of the file. */
export const removeMeetingDocumentFromLibrary = (
  tx: Db,
  meetingDocumentId: string,
  by: string | null,
  store: FileStore = databaseFileStore,
) => removeDocuments(tx, [meetingDocumentId], by, store);
