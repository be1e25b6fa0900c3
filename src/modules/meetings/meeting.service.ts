/** Meetings, their agendas, documents and participants, and the agreements to follow up. */
import { and, asc, desc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  agendaItems,
  agreementItems,
  agreementNotes,
  agreementOwners,
  agreements,
  items,
  meetingActors,
  meetingDocuments,
  meetingGuests,
  meetings,
  programmes,
} from '../../db/schema/index.ts';
import { canAdminister, canReadPrivate, type Principal } from '../../domain/authz.ts';
import type { ItemStatus } from '../../domain/status.ts';
import { today } from '../../domain/zoned-time.ts';
import { AppError, notFound } from '../../errors.ts';
import { findActor } from '../actors/actor.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  addMeetingDocumentToLibrary,
  followMeetingInLibrary,
  removeMeetingDocumentFromLibrary,
} from '../library/document-sources.service.ts';
import { bufferOf, checkUpload, type FileUpload, sha256Of } from '../reporting/evidence.service.ts';
import { notifyAgreement } from './agreement-notifications.ts';
import type { CreateAgreementInput, CreateMeetingInput, MeetingFilter, UpdateMeetingInput } from './meeting.schema.ts';

export type MeetingRow = typeof meetings.$inferSelect;

const fieldError = (field: string, messageKey = 'error.field.unknownActor') =>
  new AppError('invalid_input', 400, 'error.invalidInput', { fields: [{ field, messageKey }] });

async function actorIdOf(db: Db, ref: string, field: string): Promise<string> {
  try {
    return (await findActor(db, ref)).id;
  } catch {
    throw fieldError(field);
  }
}

/** Days of an all-day meeting, or the instants of a timed one, from the API's startsAt/endsAt. */
function whenOf(startsAt: string, endsAt: string, timeZone?: string) {
  if (startsAt.length === 10)
    return { allDay: true, startsOn: startsAt, endsOn: endsAt, startsAt: null, endsAt: null, timeZone: null };
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const zone = timeZone ?? 'UTC';
  const day = (d: Date) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return {
    allDay: false,
    startsOn: day(start),
    endsOn: day(end),
    startsAt: start,
    endsAt: end,
    timeZone: timeZone ?? null,
  };
}

const visibleTo = (principal: Principal | null) =>
  canReadPrivate(principal) ? undefined : eq(meetings.visibility, 'public');

export async function listMeetings(db: Db, filter: MeetingFilter, principal: Principal | null) {
  const conditions = [visibleTo(principal)];
  if (filter.from) conditions.push(gte(meetings.endsOn, filter.from));
  if (filter.to) conditions.push(lte(meetings.startsOn, filter.to));
  if (filter.kind) conditions.push(eq(meetings.kind, filter.kind));
  if (filter.body) conditions.push(eq(meetings.bodyId, await actorIdOf(db, filter.body, 'body')));
  if (filter.actor) {
    const actorId = await actorIdOf(db, filter.actor, 'actor');
    conditions.push(
      // Its own meetings, those it is invited to, and those where it took on an agreement.
      sql`(${meetings.bodyId} = ${actorId}
        or exists (select 1 from meeting_actors ma where ma.meeting_id = ${meetings.id} and ma.actor_id = ${actorId})
        or exists (select 1 from agreements g join agreement_owners o on o.agreement_id = g.id
                   where g.meeting_id = ${meetings.id} and o.actor_id = ${actorId}))`,
    );
  }
  if (filter.item) {
    conditions.push(
      sql`(exists (select 1 from agenda_items a where a.meeting_id = ${meetings.id} and a.item_id = ${filter.item}) or exists (select 1 from agreements g join agreement_items gi on gi.agreement_id = g.id where g.meeting_id = ${meetings.id} and gi.item_id = ${filter.item}))`,
    );
  }
  return db
    .select({ meeting: meetings, body: { id: actors.id, key: actors.key, name: actors.name, acronym: actors.acronym } })
    .from(meetings)
    .innerJoin(actors, eq(actors.id, meetings.bodyId))
    .where(and(...conditions))
    .orderBy(asc(meetings.startsOn), asc(meetings.title));
}

/** A meeting the caller may see; a members-only one is "not found" to the public. */
export async function getMeeting(db: Db, id: string, principal: Principal | null) {
  const [row] = await db
    .select({ meeting: meetings, body: actors })
    .from(meetings)
    .innerJoin(actors, eq(actors.id, meetings.bodyId))
    .where(eq(meetings.id, id));
  if (!row || (row.meeting.visibility === 'members' && !canReadPrivate(principal))) throw notFound('meeting');
  const [people, agenda, documents, agreementRows, guestRows] = await Promise.all([
    db
      .select({
        role: meetingActors.role,
        people: meetingActors.people,
        actor: { id: actors.id, key: actors.key, type: actors.type, name: actors.name, acronym: actors.acronym },
      })
      .from(meetingActors)
      .innerJoin(actors, eq(actors.id, meetingActors.actorId))
      .where(eq(meetingActors.meetingId, id)),
    db
      .select({
        agenda: agendaItems,
        item: { id: items.id, code: items.code, text: items.text },
        programme: { slug: programmes.slug, shortTitle: programmes.shortTitle },
      })
      .from(agendaItems)
      .leftJoin(items, eq(items.id, agendaItems.itemId))
      .leftJoin(programmes, eq(programmes.id, items.programmeId))
      .where(eq(agendaItems.meetingId, id))
      .orderBy(asc(agendaItems.position)),
    db
      .select()
      .from(meetingDocuments)
      .where(eq(meetingDocuments.meetingId, id))
      .orderBy(asc(meetingDocuments.createdAt)),
    agreementsWhere(db, eq(agreements.meetingId, id)),
    // Addresses are personal: only the secretariat, which invites, sees them.
    canAdminister(principal)
      ? db
          .select({ email: meetingGuests.email })
          .from(meetingGuests)
          .where(eq(meetingGuests.meetingId, id))
          .orderBy(asc(meetingGuests.email))
      : null,
  ]);
  const guests = guestRows?.map((g) => g.email) ?? null;
  return { ...row, people, agenda, documents, agreements: agreementRows, guests };
}

/** Agreements with their owners, items and notes. */
export async function agreementsWhere(db: Db, condition: ReturnType<typeof eq>) {
  const rows = await db
    .select({
      agreement: agreements,
      meeting: { id: meetings.id, title: meetings.title, startsOn: meetings.startsOn, visibility: meetings.visibility },
    })
    .from(agreements)
    .innerJoin(meetings, eq(meetings.id, agreements.meetingId))
    .where(condition)
    .orderBy(asc(meetings.startsOn), asc(agreements.position));
  const ids = rows.map((r) => r.agreement.id);
  if (ids.length === 0) return [];
  const [owners, linked, notes] = await Promise.all([
    db
      .select({
        agreementId: agreementOwners.agreementId,
        actor: { id: actors.id, key: actors.key, name: actors.name, acronym: actors.acronym },
      })
      .from(agreementOwners)
      .innerJoin(actors, eq(actors.id, agreementOwners.actorId))
      .where(inArray(agreementOwners.agreementId, ids)),
    db
      .select({ agreementId: agreementItems.agreementId, item: { id: items.id, code: items.code, text: items.text } })
      .from(agreementItems)
      .innerJoin(items, eq(items.id, agreementItems.itemId))
      .where(inArray(agreementItems.agreementId, ids)),
    db
      .select()
      .from(agreementNotes)
      .where(inArray(agreementNotes.agreementId, ids))
      .orderBy(asc(agreementNotes.notedOn), asc(agreementNotes.createdAt)),
  ]);
  return rows.map((r) => ({
    ...r,
    owners: owners.filter((o) => o.agreementId === r.agreement.id).map((o) => o.actor),
    items: linked.filter((l) => l.agreementId === r.agreement.id).map((l) => l.item),
    notes: notes.filter((n) => n.agreementId === r.agreement.id),
  }));
}

/**
 * The agreements an actor owns (its own, or its groups'), for its page and
 * its report; with `programmeId`, only those of that programme: linked to one
 * of its items, or taken at a meeting whose agenda treats one.
 */
export async function agreementsOwnedBy(db: Db, actorIds: string[], principal: Principal | null, programmeId?: string) {
  if (actorIds.length === 0) return [];
  const owned = db
    .select({ id: agreementOwners.agreementId })
    .from(agreementOwners)
    .where(inArray(agreementOwners.actorId, actorIds));
  const ofItems = db
    .select({ id: items.id })
    .from(items)
    .where(eq(items.programmeId, programmeId ?? ''));
  const ofProgramme = programmeId
    ? or(
        inArray(
          agreements.id,
          db
            .select({ id: agreementItems.agreementId })
            .from(agreementItems)
            .where(inArray(agreementItems.itemId, ofItems)),
        ),
        inArray(
          agreements.meetingId,
          db.select({ id: agendaItems.meetingId }).from(agendaItems).where(inArray(agendaItems.itemId, ofItems)),
        ),
      )
    : undefined;
  const rows = await agreementsWhere(db, and(inArray(agreements.id, owned), ofProgramme) as ReturnType<typeof eq>);
  return rows.filter((r) => r.meeting.visibility === 'public' || canReadPrivate(principal));
}

export async function createMeeting(
  db: Db,
  input: CreateMeetingInput,
  by: Principal,
  extra: { key?: string; dateText?: string; source?: string } = {},
) {
  return db.transaction(async (tx) => {
    const bodyId = await actorIdOf(tx, input.body, 'body');
    const id = extra.key ? extra.key : crypto.randomUUID();
    await tx.insert(meetings).values({
      id,
      bodyId,
      kind: input.kind,
      title: input.title,
      description: input.description ?? null,
      ...whenOf(input.startsAt, input.endsAt, input.timeZone),
      dateText: extra.dateText ?? null,
      location: input.location ?? null,
      online: input.online ?? false,
      url: input.url ?? null,
      languages: input.languages ?? [],
      visibility: input.visibility,
      state: input.state ?? 'planned',
      source: extra.source ?? null,
      createdBy: by.userId,
    });
    await inviteActors(tx, id, input.invited ?? []);
    await inviteGuests(tx, id, input.guests ?? []);
    await recordAudit(tx, {
      userId: by.userId,
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: id,
      after: input,
    });
    return { id };
  });
}

async function inviteActors(tx: Db, meetingId: string, refs: string[]) {
  for (const [i, ref] of refs.entries()) {
    await tx
      .insert(meetingActors)
      .values({ meetingId, actorId: await actorIdOf(tx, ref, `invited.${i}`), role: 'invited' })
      .onConflictDoNothing();
  }
}

async function inviteGuests(tx: Db, meetingId: string, emails: string[]) {
  const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  if (unique.length > 0) await tx.insert(meetingGuests).values(unique.map((email) => ({ meetingId, email })));
}

/** Who is invited: the actors (by id) and the people by e-mail address. */
async function inviteesOf(tx: Db, meetingId: string) {
  const [actorRows, guestRows] = await Promise.all([
    tx
      .select({ actorId: meetingActors.actorId })
      .from(meetingActors)
      .where(and(eq(meetingActors.meetingId, meetingId), eq(meetingActors.role, 'invited'))),
    tx.select({ email: meetingGuests.email }).from(meetingGuests).where(eq(meetingGuests.meetingId, meetingId)),
  ]);
  return { invited: actorRows.map((r) => r.actorId).sort(), guests: guestRows.map((r) => r.email).sort() };
}

/** Replaces whom the meeting invites, where the input says; answers whether anyone was added or removed. */
async function replaceInvitees(tx: Db, meetingId: string, input: UpdateMeetingInput) {
  if (input.invited === undefined && input.guests === undefined) return { changed: false, before: null, after: null };
  const before = await inviteesOf(tx, meetingId);
  if (input.invited !== undefined) {
    await tx
      .delete(meetingActors)
      .where(and(eq(meetingActors.meetingId, meetingId), eq(meetingActors.role, 'invited')));
    await inviteActors(tx, meetingId, input.invited);
  }
  if (input.guests !== undefined) {
    await tx.delete(meetingGuests).where(eq(meetingGuests.meetingId, meetingId));
    await inviteGuests(tx, meetingId, input.guests);
  }
  const after = await inviteesOf(tx, meetingId);
  return { changed: JSON.stringify(before) !== JSON.stringify(after), before, after };
}

/**
 * Changes a meeting; what a calendar shows (time, place, title, state) bumps its SEQUENCE.
 * `invited` and `guests`, when given, replace whom it invites (that alone leaves the SEQUENCE).
 */
export async function updateMeeting(db: Db, id: string, input: UpdateMeetingInput, by: Principal) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
    if (!before) throw notFound('meeting');
    const startsAt =
      input.startsAt ?? (before.allDay ? before.startsOn : (before.startsAt?.toISOString() ?? before.startsOn));
    const endsAt = input.endsAt ?? (before.allDay ? before.endsOn : (before.endsAt?.toISOString() ?? before.endsOn));
    if ((startsAt.length === 10) !== (endsAt.length === 10) || new Date(endsAt) < new Date(startsAt))
      throw fieldError('endsAt', 'error.field.invalid');
    const when =
      input.startsAt || input.endsAt || input.timeZone
        ? whenOf(startsAt, endsAt, input.timeZone ?? before.timeZone ?? undefined)
        : {};
    const next = {
      ...when,
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.title ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.location !== undefined ? { location: input.location } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.visibility ? { visibility: input.visibility } : {}),
      ...(input.state ? { state: input.state } : {}),
    };
    const changed = Object.entries(next).some(
      ([k, v]) => String((before as Record<string, unknown>)[k] ?? '') !== String(v ?? ''),
    );
    const invitees = await replaceInvitees(tx, id, input);
    if (invitees.changed)
      await recordAudit(tx, {
        userId: by.userId,
        action: 'meeting.invitees',
        entityType: 'meeting',
        entityId: id,
        before: invitees.before,
        after: invitees.after,
      });
    if (!changed) return { sequence: before.sequence, changed: invitees.changed };
    const [after] = await tx
      .update(meetings)
      .set({ ...next, sequence: sql`${meetings.sequence} + 1`, updatedAt: new Date() })
      .where(eq(meetings.id, id))
      .returning({ sequence: meetings.sequence });
    // Its documents in the library are seen by whoever now sees the meeting.
    if (next.visibility !== undefined && next.visibility !== before.visibility) await followMeetingInLibrary(tx, id);
    await recordAudit(tx, {
      userId: by.userId,
      action: 'meeting.update',
      entityType: 'meeting',
      entityId: id,
      before,
      after: next,
    });
    return { sequence: after?.sequence ?? before.sequence + 1, changed: true };
  });
}

export async function addAgendaItem(
  db: Db,
  meetingId: string,
  input: { title: string; itemId?: string | undefined },
  by: Principal,
) {
  return db.transaction(async (tx) => {
    const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId));
    if (!meeting) throw notFound('meeting');
    if (input.itemId) {
      const [item] = await tx.select({ id: items.id }).from(items).where(eq(items.id, input.itemId));
      if (!item) throw fieldError('itemId', 'error.field.unknownItem');
    }
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, meetingId));
    const id = crypto.randomUUID();
    await tx
      .insert(agendaItems)
      .values({ id, meetingId, position: n, title: input.title, itemId: input.itemId ?? null });
    await recordAudit(tx, {
      userId: by.userId,
      action: 'meeting.agenda',
      entityType: 'meeting',
      entityId: meetingId,
      after: input,
    });
    return { id };
  });
}

/** Takes an item off a meeting's agenda; the items after it move up. */
export async function removeAgendaItem(db: Db, meetingId: string, agendaItemId: string, by: Principal) {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(agendaItems)
      .where(and(eq(agendaItems.id, agendaItemId), eq(agendaItems.meetingId, meetingId)))
      .returning();
    if (!removed) throw notFound('agendaItem');
    await tx
      .update(agendaItems)
      .set({ position: sql`${agendaItems.position} - 1` })
      .where(and(eq(agendaItems.meetingId, meetingId), sql`${agendaItems.position} > ${removed.position}`));
    await recordAudit(tx, {
      userId: by.userId,
      action: 'meeting.agendaRemove',
      entityType: 'meeting',
      entityId: meetingId,
      before: { title: removed.title },
    });
  });
}

export type MeetingDocumentSource = { url: string } | { file: FileUpload };

/** A document of a meeting: a link, or an uploaded file of an accepted type and size. */
export async function addMeetingDocument(
  db: Db,
  meetingId: string,
  input: { kind: 'agenda' | 'presentation' | 'minutes' | 'other'; title: string } & MeetingDocumentSource,
  by: Principal,
) {
  // The document and its audit event: both or neither.
  return db.transaction(async (tx) => {
    const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId));
    if (!meeting) throw notFound('meeting');
    const id = crypto.randomUUID();
    let sha256: string | undefined;
    if ('file' in input) {
      const { filename, contentType } = checkUpload(input.file);
      sha256 = sha256Of(input.file);
      await tx.insert(meetingDocuments).values({
        id,
        meetingId,
        kind: input.kind,
        title: input.title || filename,
        filename,
        contentType,
        size: input.file.bytes.length,
        data: bufferOf(input.file.bytes),
      });
    } else {
      await tx.insert(meetingDocuments).values({ id, meetingId, kind: input.kind, title: input.title, url: input.url });
    }
    // Every document of a meeting is in the library too, seen by whoever sees the meeting.
    await addMeetingDocumentToLibrary(tx, id, by.userId);
    await recordAudit(tx, {
      userId: by.userId,
      action: 'meeting.document',
      entityType: 'meeting',
      entityId: meetingId,
      after: { id, kind: input.kind, title: input.title, ...(sha256 ? { sha256 } : {}) },
    });
    return { id };
  });
}

/** Takes a document off a meeting, and out of the library with it. */
export async function removeMeetingDocument(db: Db, meetingId: string, documentId: string, by: Principal) {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(meetingDocuments)
      .where(and(eq(meetingDocuments.id, documentId), eq(meetingDocuments.meetingId, meetingId)))
      .returning({ id: meetingDocuments.id, kind: meetingDocuments.kind, title: meetingDocuments.title });
    if (!removed) throw notFound('document');
    await removeMeetingDocumentFromLibrary(tx, documentId, by.userId);
    await recordAudit(tx, {
      userId: by.userId,
      action: 'meeting.documentRemove',
      entityType: 'meeting',
      entityId: meetingId,
      before: removed,
    });
  });
}

/** An uploaded meeting document, if the caller may see its meeting. */
export async function getMeetingFile(db: Db, documentId: string, principal: Principal | null) {
  const [row] = await db
    .select({ document: meetingDocuments, visibility: meetings.visibility })
    .from(meetingDocuments)
    .innerJoin(meetings, eq(meetings.id, meetingDocuments.meetingId))
    .where(eq(meetingDocuments.id, documentId));
  if (!row?.document.data || (row.visibility === 'members' && !canReadPrivate(principal))) throw notFound('document');
  return row.document;
}

export async function createAgreement(
  db: Db,
  meetingId: string,
  input: CreateAgreementInput,
  by: Principal,
  key?: string,
) {
  return db.transaction(async (tx) => {
    const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId));
    if (!meeting) throw notFound('meeting');
    const owners = [];
    for (const [i, ref] of input.ownerActorIds.entries()) owners.push(await actorIdOf(tx, ref, `ownerActorIds.${i}`));
    for (const [i, itemId] of (input.itemIds ?? []).entries()) {
      const [item] = await tx.select({ id: items.id }).from(items).where(eq(items.id, itemId));
      if (!item) throw fieldError(`itemIds.${i}`, 'error.field.unknownItem');
    }
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(agreements)
      .where(eq(agreements.meetingId, meetingId));
    const id = key ?? crypto.randomUUID();
    await tx.insert(agreements).values({
      id,
      meetingId,
      position: n,
      text: input.text,
      dueDate: input.dueDate ?? null,
      status: input.status ?? 'not_started',
    });
    await tx.insert(agreementOwners).values([...new Set(owners)].map((actorId) => ({ agreementId: id, actorId })));
    if (input.itemIds?.length)
      await tx
        .insert(agreementItems)
        .values([...new Set(input.itemIds)].map((itemId) => ({ agreementId: id, itemId })));
    await notifyAgreement(tx, { agreementId: id });
    await recordAudit(tx, {
      userId: by.userId,
      action: 'agreement.create',
      entityType: 'agreement',
      entityId: id,
      after: input,
    });
    return { id };
  });
}

/** A status change of an agreement, with a dated note. */
export async function updateAgreementStatus(
  db: Db,
  id: string,
  input: { status: ItemStatus; note: string; date?: string | undefined },
  by: Principal,
) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(agreements).where(eq(agreements.id, id)).for('update');
    if (!before) throw notFound('agreement');
    const date = input.date ?? today();
    if (date > today()) throw fieldError('date', 'error.field.futureDate');
    await tx.update(agreements).set({ status: input.status, updatedAt: new Date() }).where(eq(agreements.id, id));
    const noteId = crypto.randomUUID();
    await tx.insert(agreementNotes).values({
      id: noteId,
      agreementId: id,
      notedOn: date,
      status: input.status,
      text: input.note,
      createdBy: by.userId,
    });
    if (input.status !== before.status) await notifyAgreement(tx, { agreementId: id, noteId });
    await recordAudit(tx, {
      userId: by.userId,
      action: 'agreement.status',
      entityType: 'agreement',
      entityId: id,
      before: { status: before.status },
      after: { status: input.status, note: input.note, date },
    });
  });
}

export const canManageMeetings = canAdminister;

export async function newestMeetings(db: Db, principal: Principal | null, limit = 5) {
  return db.select().from(meetings).where(visibleTo(principal)).orderBy(desc(meetings.startsOn)).limit(limit);
}

/** Agreements about a programme's items, for its progress views. */
export async function agreementsForProgramme(db: Db, programmeId: string, principal: Principal | null) {
  const about = db
    .select({ id: agreementItems.agreementId })
    .from(agreementItems)
    .innerJoin(items, eq(items.id, agreementItems.itemId))
    .where(eq(items.programmeId, programmeId));
  const rows = await agreementsWhere(db, inArray(agreements.id, about) as ReturnType<typeof eq>);
  return rows.filter((r) => r.meeting.visibility === 'public' || canReadPrivate(principal));
}
