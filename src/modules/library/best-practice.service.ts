/**
 * Best practices: what a country or actor did that others may learn from,
 * with what came of it, the programme items it serves, its period and
 * documents, and where it was told. A focal point proposes its own; an
 * accepted report's "best practices" section is offered to the secretariat
 * as a candidate; the secretariat publishes.
 */
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  bestPracticeDocuments,
  bestPracticeItems,
  bestPractices,
  cycles,
  documents,
  items,
  meetings,
  programmes,
  reportSections,
  reports,
} from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { canEditEntry, canSeeRecord, entryRefusal, stateOfNewEntry } from '../../domain/library.policy.ts';
import { shorten } from '../../domain/shorten.ts';
import { forbidden, notFound } from '../../errors.ts';
import { htmlToText } from '../../render/documents/html-text.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { byLanguage } from './document.schema.ts';
import type { BestPracticeInput } from './entry.schema.ts';
import { publishedAtOf, seenWhere, visibleEntry } from './entry-workflow.ts';
import { findActors, findById, findCountries, forbiddenField, resolve } from './references.ts';

export const ENTRIES_PER_PAGE = 50;

/** A country by ISO code or key, or else an actor by key. */
async function resolveActor(db: Db, ref: string, field: string): Promise<string> {
  const [country] = await findCountries(db)([ref]);
  if (country) return country.id;
  const [id] = await resolve([ref], field, 'error.field.unknownActor', findActors(db));
  return (id as string).toString();
}

/** The documents an entry links to, those this person may link (they see them). */
const findVisibleDocuments = (db: Db, p: Principal) => async (refs: readonly string[]) => {
  const rows = await db
    .select({ id: documents.id, visibility: documents.visibility })
    .from(documents)
    .where(
      inArray(
        documents.id,
        refs.map((r) => r.toLowerCase()),
      ),
    );
  return rows.filter((r) => canSeeRecord(p, r.visibility)).map((r) => ({ id: r.id, refs: [r.id] }));
};

async function checked(db: Db, input: BestPracticeInput, by: Principal) {
  const [actorId, itemIds, documentIds, meetingIds] = await Promise.all([
    resolveActor(db, input.actor, 'actor'),
    resolve(input.items, 'items', 'error.field.unknownItem', findById(db, items)),
    resolve(input.documents, 'documents', 'error.field.unknownEntry', findVisibleDocuments(db, by)),
    resolve(input.meeting ? [input.meeting] : [], 'meeting', 'error.field.unknownMeeting', findById(db, meetings)),
  ]);
  const refusal = entryRefusal(by, { actorId, visibility: input.visibility });
  if (refusal === 'forbidden') throw forbidden();
  if (refusal === 'actors') throw forbiddenField('actor', 'error.field.ownActorsOnly');
  if (refusal === 'visibility') throw forbiddenField('visibility', 'error.field.secretariatOnly');
  const l = input.language;
  return {
    row: {
      actorId,
      language: l,
      title: byLanguage(input.title, l),
      summary: byLanguage(input.summary, l),
      done: byLanguage(input.done, l),
      results: byLanguage(input.results, l),
      periodStart: input.periodStart ?? null,
      periodEnd: input.periodEnd ?? null,
      source: input.meeting ? ('meeting' as const) : input.source,
      meetingId: meetingIds[0] ?? null,
      visibility: input.visibility,
    },
    itemIds,
    documentIds,
  };
}

async function writeLinks(tx: Db, id: string, itemIds: string[], documentIds: string[]) {
  await tx.delete(bestPracticeItems).where(eq(bestPracticeItems.bestPracticeId, id));
  await tx.delete(bestPracticeDocuments).where(eq(bestPracticeDocuments.bestPracticeId, id));
  if (itemIds.length > 0)
    await tx.insert(bestPracticeItems).values(itemIds.map((itemId) => ({ bestPracticeId: id, itemId })));
  if (documentIds.length > 0)
    await tx
      .insert(bestPracticeDocuments)
      .values(documentIds.map((documentId) => ({ bestPracticeId: id, documentId })));
}

export async function addBestPractice(db: Db, input: BestPracticeInput, by: Principal): Promise<{ id: string }> {
  const { row, itemIds, documentIds } = await checked(db, input, by);
  const id = crypto.randomUUID();
  await db.transaction(async (tx) => {
    const state = stateOfNewEntry(by);
    await tx.insert(bestPractices).values({ id, ...row, state, proposedBy: by.userId, publishedAt: publishedAtOf(by) });
    await writeLinks(tx, id, itemIds, documentIds);
    await recordAudit(tx, {
      userId: by.userId,
      action: 'best_practice.add',
      entityType: 'best_practice',
      entityId: id,
      after: { title: row.title, actorId: row.actorId, state, visibility: row.visibility },
    });
  });
  return { id };
}

/** Changes a best practice: the secretariat any; a focal point its proposal, still about its own actor. */
export async function updateBestPractice(db: Db, id: string, input: BestPracticeInput, by: Principal): Promise<void> {
  const before = await visibleEntry(db, bestPractices, id, by);
  if (!canEditEntry(by, before)) throw forbidden();
  const { row, itemIds, documentIds } = await checked(db, input, by);
  await db.transaction(async (tx) => {
    // A candidate keeps where it came from: its report.
    const source = before.source === 'report' && row.source === 'direct' ? 'report' : row.source;
    await tx
      .update(bestPractices)
      .set({ ...row, source, updatedAt: new Date() })
      .where(eq(bestPractices.id, id));
    await writeLinks(tx, id, itemIds, documentIds);
    await recordAudit(tx, {
      userId: by.userId,
      action: 'best_practice.update',
      entityType: 'best_practice',
      entityId: id,
      before: { title: before.title, visibility: before.visibility },
      after: { title: row.title, visibility: row.visibility },
    });
  });
}

export async function getBestPractice(db: Db, id: string, p: Principal | null) {
  const practice = await visibleEntry(db, bestPractices, id, p);
  const [[actor], itemRows, documentRows, [report], [meeting]] = await Promise.all([
    db
      .select({ id: actors.id, key: actors.key, name: actors.name, acronym: actors.acronym, type: actors.type })
      .from(actors)
      .where(eq(actors.id, practice.actorId)),
    db
      .select({ id: items.id, code: items.code, text: items.text, programme: programmes.title })
      .from(bestPracticeItems)
      .innerJoin(items, eq(items.id, bestPracticeItems.itemId))
      .innerJoin(programmes, eq(programmes.id, items.programmeId))
      .where(eq(bestPracticeItems.bestPracticeId, id))
      .orderBy(programmes.slug, items.code),
    db
      .select({ id: documents.id, title: documents.title, visibility: documents.visibility })
      .from(bestPracticeDocuments)
      .innerJoin(documents, eq(documents.id, bestPracticeDocuments.documentId))
      .where(eq(bestPracticeDocuments.bestPracticeId, id)),
    practice.reportId
      ? db
          .select({ id: reports.id, period: cycles.period, programme: programmes.shortTitle })
          .from(reports)
          .innerJoin(cycles, eq(cycles.id, reports.cycleId))
          .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
          .where(eq(reports.id, practice.reportId))
      : [],
    practice.meetingId
      ? db
          .select({ id: meetings.id, title: meetings.title, visibility: meetings.visibility })
          .from(meetings)
          .where(eq(meetings.id, practice.meetingId))
      : [],
  ]);
  if (!actor) throw notFound('actor');
  return {
    practice,
    actor,
    items: itemRows,
    // What this person may not see is not named to them.
    documents: documentRows.filter((d) => canSeeRecord(p, d.visibility)),
    report: report ?? null,
    meeting: meeting && (meeting.visibility === 'public' || canSeeRecord(p, 'members')) ? meeting : null,
    canEdit: p !== null && canEditEntry(p, practice),
  };
}
export type BestPracticeDetail = Awaited<ReturnType<typeof getBestPractice>>;

/** The best practices this person sees, those of a country or actor if asked, newest first. */
export async function listBestPractices(
  db: Db,
  p: Principal | null,
  filter: { actor?: string | undefined; page: number },
) {
  const actor = filter.actor?.toLowerCase();
  const where = and(
    seenWhere(bestPractices, p),
    actor
      ? sql`${bestPractices.actorId} in (select id from actors where key = ${actor} or lower(iso) = ${actor})`
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        practice: bestPractices,
        actor: { id: actors.id, key: actors.key, name: actors.name, acronym: actors.acronym },
      })
      .from(bestPractices)
      .innerJoin(actors, eq(actors.id, bestPractices.actorId))
      .where(where)
      .orderBy(
        sql`${bestPractices.state} = 'published'`,
        sql`coalesce(${bestPractices.periodEnd}, ${bestPractices.periodStart}) desc nulls last`,
        desc(bestPractices.createdAt),
        asc(bestPractices.id),
      )
      .limit(ENTRIES_PER_PAGE)
      .offset((filter.page - 1) * ENTRIES_PER_PAGE),
    db.select({ n: count() }).from(bestPractices).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/**
 * When a report is accepted, what it says under "best practices" is offered
 * to the secretariat as a candidate, once: titled by its first line, the
 * whole section as what was done. The secretariat edits it, confirms or
 * discards it.
 */
export async function offerBestPracticeCandidate(tx: Db, reportId: string): Promise<string | null> {
  const [section] = await tx
    .select({
      body: reportSections.body,
      actorId: reports.actorId,
      language: programmes.language,
      opensAt: cycles.opensAt,
      deadline: cycles.deadline,
    })
    .from(reportSections)
    .innerJoin(reports, eq(reports.id, reportSections.reportId))
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
    .where(and(eq(reportSections.reportId, reportId), eq(reportSections.key, 'best_practices')));
  const text = htmlToText(section?.body ?? '').trim();
  if (!section || text === '') return null;
  const [offered] = await tx
    .select({ id: bestPractices.id })
    .from(bestPractices)
    .where(eq(bestPractices.reportId, reportId));
  if (offered) return null;
  const firstLine = (text.split(/\n/)[0] ?? text).replace(/^[-·•\d.)\s]+/, '').trim();
  const language = section.language;
  const id = crypto.randomUUID();
  await tx.insert(bestPractices).values({
    id,
    actorId: section.actorId,
    language,
    title: { [language]: shorten(firstLine || text, 200) },
    done: { [language]: text },
    source: 'report',
    reportId,
    state: 'candidate',
    visibility: 'public',
  });
  return id;
}
