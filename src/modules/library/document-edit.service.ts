/**
 * Changing a library document's description, and taking it out of the
 * library: by whoever could have added it (`canChangeDocument`), to what they
 * could add (`documentRefusal`), in one transaction with its audit event. Its
 * file and extracted text stay; a link's address may change. A document drawn
 * from a meeting leaves with the meeting's document, and an accepted report's
 * evidence stays: neither is removed here.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  attachments,
  documentActors,
  documentItems,
  documentMeetings,
  documents,
  meetingDocuments,
} from '../../db/schema/index.ts';
import { type Principal, refusalFor } from '../../domain/authz.ts';
import { canChangeDocument } from '../../domain/library.policy.ts';
import type { LibraryLanguage } from '../../domain/vocabulary.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { byLanguage, type DocumentFields } from './document.schema.ts';
import { permittedLinks, removeDocuments, visibleDocument } from './document.service.ts';

/** The document as this person may change it: seen, and theirs to change (else refused as a stranger is). */
async function changeableDocument(db: Db, id: string, by: Principal) {
  const row = await visibleDocument(db, id, by);
  const links = await db
    .select({ actorId: documentActors.actorId })
    .from(documentActors)
    .where(eq(documentActors.documentId, id));
  if (!canChangeDocument(by, { actorIds: links.map((l) => l.actorId), visibility: row.visibility }))
    throw refusalFor(by) === 'forbidden' ? forbidden() : notFound('document');
  return row;
}

/** A new description of a document; a link's address too (a file's stays). */
export type DocumentChange = DocumentFields & { url?: string | undefined };

export async function updateDocument(db: Db, id: string, input: DocumentChange, by: Principal): Promise<void> {
  const before = await changeableDocument(db, id, by);
  const { countryIds, actorIds, itemIds, meetingIds } = await permittedLinks(db, input, by);
  const language = input.languages[0] as LibraryLanguage;
  const title = byLanguage(input.title, language);
  const after = {
    title,
    summary: byLanguage(input.summary, language),
    type: input.type,
    languages: input.languages,
    issuedOn: input.issuedOn ?? null,
    visibility: input.visibility,
    // Only a link has an address to change.
    url: before.url !== null && input.url ? input.url : before.url,
  };
  await db.transaction(async (tx) => {
    await tx
      .update(documents)
      .set({ ...after, countryIds: [...countryIds].sort(), updatedAt: new Date() })
      .where(eq(documents.id, id));
    await tx.delete(documentActors).where(eq(documentActors.documentId, id));
    await tx.delete(documentItems).where(eq(documentItems.documentId, id));
    await tx.delete(documentMeetings).where(eq(documentMeetings.documentId, id));
    const actorLinks = [
      ...countryIds.map((actorId) => ({ documentId: id, actorId, role: 'country' as const })),
      ...actorIds.map((actorId) => ({ documentId: id, actorId, role: 'actor' as const })),
    ];
    if (actorLinks.length > 0) await tx.insert(documentActors).values(actorLinks);
    if (itemIds.length > 0)
      await tx.insert(documentItems).values(itemIds.map((itemId) => ({ documentId: id, itemId })));
    if (meetingIds.length > 0)
      await tx.insert(documentMeetings).values(meetingIds.map((meetingId) => ({ documentId: id, meetingId })));
    await recordAudit(tx, {
      userId: by.userId,
      action: 'document.update',
      entityType: 'document',
      entityId: id,
      before: {
        title: before.title,
        type: before.type,
        languages: before.languages,
        issuedOn: before.issuedOn,
        visibility: before.visibility,
        url: before.url,
      },
      after: {
        title: after.title,
        type: after.type,
        languages: after.languages,
        issuedOn: after.issuedOn,
        visibility: after.visibility,
        url: after.url,
      },
    });
  });
}

/** What a document stands for besides itself: a meeting's document, an accepted report's evidence, or nothing. */
export async function documentSource(db: Db, id: string): Promise<'meeting' | 'evidence' | null> {
  const [[meetingDocument], [evidence]] = await Promise.all([
    db.select({ id: meetingDocuments.id }).from(meetingDocuments).where(eq(meetingDocuments.id, id)),
    db.select({ id: attachments.id }).from(attachments).where(eq(attachments.id, id)),
  ]);
  return meetingDocument ? 'meeting' : evidence ? 'evidence' : null;
}

/** Takes a document out of the library with its file; one that stands for a meeting's document or a report's evidence stays. */
export async function deleteDocument(db: Db, id: string, by: Principal): Promise<void> {
  await changeableDocument(db, id, by);
  const source = await documentSource(db, id);
  if (source === 'meeting') throw new AppError('wrong_state', 409, 'error.documentOfMeeting');
  if (source === 'evidence') throw new AppError('wrong_state', 409, 'error.documentIsEvidence');
  await db.transaction((tx) => removeDocuments(tx, [id], by.userId));
}
