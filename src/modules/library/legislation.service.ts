/**
 * Legislation: a member state's acts on migration (constitution, law,
 * decree, regulation, treaty, policy) with number, date, whether they are in
 * force (or amended or repealed, by which act), the topics they touch, and
 * their official link or document; and the comparative legal matrix,
 * countries × topics, each cell the acts. Focal points propose their state's
 * acts; the secretariat publishes them and keeps the list of topics.
 */
import { and, asc, count, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, documents, legislation, legislationTopics } from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import {
  canEditEntry,
  canPublishEntries,
  canSeeRecord,
  entryRefusal,
  stateOfNewEntry,
} from '../../domain/library.policy.ts';
import { forbidden, invalidInput } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ENTRIES_PER_PAGE } from './best-practice.service.ts';
import { byLanguage } from './document.schema.ts';
import type { LegislationInput, MatrixQuery, TopicInput } from './entry.schema.ts';
import { publishedAtOf, seenWhere, visibleEntry } from './entry-workflow.ts';
import { findCountries, forbiddenField, resolve } from './references.ts';

export const listTopics = (db: Db) =>
  db.select().from(legislationTopics).orderBy(asc(legislationTopics.position), asc(legislationTopics.key));
export type Topic = Awaited<ReturnType<typeof listTopics>>[number];

/** Adds a topic, or renames one (the names given replace those in their languages). */
export async function saveTopic(db: Db, input: TopicInput, by: Principal): Promise<void> {
  if (!canPublishEntries(by)) throw forbidden();
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(legislationTopics).where(eq(legislationTopics.key, input.key));
    const name = { ...(before?.name ?? {}), ...input.name } as Record<string, string>;
    if (before) await tx.update(legislationTopics).set({ name }).where(eq(legislationTopics.key, input.key));
    else {
      const [last] = await tx.select({ n: max(legislationTopics.position) }).from(legislationTopics);
      await tx.insert(legislationTopics).values({ key: input.key, name, position: (last?.n ?? 0) + 1 });
    }
    await recordAudit(tx, {
      userId: by.userId,
      action: before ? 'legislation_topic.rename' : 'legislation_topic.add',
      entityType: 'legislation_topic',
      entityId: input.key,
      before: before ? { key: input.key, name: before.name } : undefined,
      after: { key: input.key, name },
    });
  });
}

async function checked(db: Db, input: LegislationInput, by: Principal) {
  const [[countryId], topics, document] = await Promise.all([
    resolve([input.country], 'country', 'error.field.unknownCountry', findCountries(db)),
    listTopics(db),
    input.document
      ? db
          .select({ id: documents.id, visibility: documents.visibility })
          .from(documents)
          .where(eq(documents.id, input.document))
      : Promise.resolve([]),
  ]);
  const known = new Set(topics.map((t) => t.key));
  const unknownTopic = input.topics.findIndex((key) => !known.has(key));
  if (unknownTopic >= 0)
    throw invalidInput([{ field: `topics.${unknownTopic}`, messageKey: 'error.field.unknownTopic' }]);
  if (input.document && !document.some((d) => canSeeRecord(by, d.visibility)))
    throw invalidInput([{ field: 'document', messageKey: 'error.field.unknownEntry' }]);
  const refusal = entryRefusal(by, { actorId: countryId as string, visibility: input.visibility });
  if (refusal === 'forbidden') throw forbidden();
  if (refusal === 'actors') throw forbiddenField('country', 'error.field.ownActorsOnly');
  if (refusal === 'visibility') throw forbiddenField('visibility', 'error.field.secretariatOnly');
  return {
    countryId: countryId as string,
    language: input.language,
    title: byLanguage(input.title, input.language),
    kind: input.kind,
    number: input.number ?? null,
    adoptedOn: input.adoptedOn ?? null,
    status: input.status,
    amendedBy: input.status === 'in_force' ? null : (input.amendedBy ?? null),
    topics: [...new Set(input.topics)],
    url: input.url ?? null,
    documentId: input.document ?? null,
    visibility: input.visibility,
  };
}

export async function addLegislation(db: Db, input: LegislationInput, by: Principal): Promise<{ id: string }> {
  const row = await checked(db, input, by);
  const id = crypto.randomUUID();
  await db.transaction(async (tx) => {
    const state = stateOfNewEntry(by);
    await tx.insert(legislation).values({ id, ...row, state, proposedBy: by.userId, publishedAt: publishedAtOf(by) });
    await recordAudit(tx, {
      userId: by.userId,
      action: 'legislation.add',
      entityType: 'legislation',
      entityId: id,
      after: { title: row.title, countryId: row.countryId, status: row.status, state },
    });
  });
  return { id };
}

/** Changes an act (its status when it is amended or repealed, its topics…). */
export async function updateLegislation(db: Db, id: string, input: LegislationInput, by: Principal): Promise<void> {
  const before = await visibleEntry(db, legislation, id, by);
  if (!canEditEntry(by, { actorId: before.countryId, state: before.state })) throw forbidden();
  const row = await checked(db, input, by);
  await db.transaction(async (tx) => {
    await tx
      .update(legislation)
      .set({ ...row, updatedAt: new Date() })
      .where(eq(legislation.id, id));
    await recordAudit(tx, {
      userId: by.userId,
      action: 'legislation.update',
      entityType: 'legislation',
      entityId: id,
      before: { title: before.title, status: before.status, topics: before.topics },
      after: { title: row.title, status: row.status, topics: row.topics },
    });
  });
}

const countryColumns = { id: actors.id, key: actors.key, name: actors.name, acronym: actors.acronym, iso: actors.iso };

export async function getLegislation(db: Db, id: string, p: Principal | null) {
  const act = await visibleEntry(db, legislation, id, p);
  const [[country], topics, document] = await Promise.all([
    db.select(countryColumns).from(actors).where(eq(actors.id, act.countryId)),
    listTopics(db),
    act.documentId
      ? db
          .select({ id: documents.id, title: documents.title, visibility: documents.visibility })
          .from(documents)
          .where(eq(documents.id, act.documentId))
      : Promise.resolve([]),
  ]);
  return {
    act,
    country: country as NonNullable<typeof country>,
    topics: topics.filter((t) => act.topics.includes(t.key)),
    document: document.find((d) => canSeeRecord(p, d.visibility)) ?? null,
    canEdit: p !== null && canEditEntry(p, { actorId: act.countryId, state: act.state }),
  };
}
export type LegislationDetail = Awaited<ReturnType<typeof getLegislation>>;

const countryIs = (ref: string) =>
  sql`${legislation.countryId} in (select id from actors where type = 'member_state' and (key = ${ref} or lower(iso) = ${ref}))`;

/** The acts this person sees, of a country or on a topic if asked: by country, newest first. */
export async function listLegislation(
  db: Db,
  p: Principal | null,
  filter: { country?: string | undefined; topic?: string | undefined; page: number },
) {
  const where = and(
    seenWhere(legislation, p),
    filter.country ? countryIs(filter.country.toLowerCase()) : undefined,
    filter.topic ? sql`${legislation.topics} ? ${filter.topic}` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ act: legislation, country: countryColumns })
      .from(legislation)
      .innerJoin(actors, eq(actors.id, legislation.countryId))
      .where(where)
      .orderBy(asc(actors.key), sql`${legislation.adoptedOn} desc nulls last`, desc(legislation.createdAt))
      .limit(ENTRIES_PER_PAGE)
      .offset((filter.page - 1) * ENTRIES_PER_PAGE),
    db.select({ n: count() }).from(legislation).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export type MatrixAct = {
  id: string;
  title: Record<string, string>;
  kind: string;
  number: string | null;
  adoptedOn: string | null;
  status: string;
  amendedBy: string | null;
  url: string | null;
};
export type LegalMatrix = {
  topics: Topic[];
  countries: {
    country: { id: string; key: string; iso: string | null; name: Record<string, string> };
    cells: Record<string, MatrixAct[]>;
  }[];
  /** The latest change to an act it shows (the date the matrix is up to), null when it shows none. */
  updatedAt: Date | null;
};

/**
 * The comparative legal matrix: published acts this person sees, the
 * countries that have any (or those asked for) by rows, the topics (all, or
 * those asked for) by columns; in force only unless all are asked for.
 */
export async function legalMatrix(db: Db, p: Principal | null, query: MatrixQuery): Promise<LegalMatrix> {
  const countryRefs = query.country.map((c) => c.toLowerCase());
  const allTopics = await listTopics(db);
  const topics = query.topic.length > 0 ? allTopics.filter((t) => query.topic.includes(t.key)) : allTopics;
  const rows = await db
    .select({
      act: legislation,
      country: { id: actors.id, key: actors.key, iso: actors.iso, name: actors.name },
    })
    .from(legislation)
    .innerJoin(actors, eq(actors.id, legislation.countryId))
    .where(
      and(
        eq(legislation.state, 'published'),
        seenWhere(legislation, p),
        query.status === 'in_force' ? eq(legislation.status, 'in_force') : undefined,
        countryRefs.length > 0
          ? sql`(${inArray(actors.key, countryRefs)} or ${inArray(sql`lower(${actors.iso})`, countryRefs)})`
          : undefined,
      ),
    )
    .orderBy(sql`${legislation.adoptedOn} asc nulls last`, asc(legislation.createdAt));
  const byCountry = new Map<string, LegalMatrix['countries'][number]>();
  let updatedAt: Date | null = null;
  for (const { act, country } of rows) {
    const shown = topics.filter((t) => act.topics.includes(t.key));
    if (shown.length === 0) continue;
    const line = byCountry.get(country.id) ?? { country, cells: {} };
    byCountry.set(country.id, line);
    for (const topic of shown) line.cells[topic.key] = [...(line.cells[topic.key] ?? []), act];
    if (!updatedAt || act.updatedAt > updatedAt) updatedAt = act.updatedAt;
  }
  return { topics, countries: [...byCountry.values()], updatedAt };
}
