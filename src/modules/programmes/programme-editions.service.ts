/**
 * Editions of a programme: a new edition copied from an existing one (its
 * levels, mandates, actors, sections and items), linked to it, to be edited
 * or re-imported; what carries over from the previous edition to the items
 * that match it by code (their actors, alignments and status); and the
 * difference between two editions, item by item.
 */
import { and, asc, eq, inArray, isNull, max, or } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  assignments,
  itemLinks,
  items,
  mandates,
  programmeActors,
  programmeLevels,
  programmeSections,
  programmes,
} from '../../db/schema/index.ts';
import { type DiffItem, diffEditions, type EditionDiff } from '../../domain/edition-diff.ts';
import type { ItemStatus } from '../../domain/status.ts';
import { invalidInput, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { slugTaken } from './programme-creation.service.ts';

export type EditionInput = { slug: string; edition: string; copyItems?: boolean | undefined };

async function programmeBySlug(db: Db, slug: string) {
  const [programme] = await db.select().from(programmes).where(eq(programmes.slug, slug));
  if (!programme) throw notFound('programme');
  return programme;
}

/** Copies a programme as its next edition, a draft; answers the new edition's slug. */
export async function deriveEdition(
  db: Db,
  fromSlug: string,
  input: EditionInput,
  by: { userId: string | null },
): Promise<string> {
  return db.transaction(async (tx) => {
    const source = await programmeBySlug(tx, fromSlug);
    const [clash] = await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.slug, input.slug));
    if (clash) throw slugTaken();
    const [last] = await tx.select({ position: max(programmes.position) }).from(programmes);
    const id = crypto.randomUUID();
    await tx.insert(programmes).values({
      ...source,
      id,
      slug: input.slug,
      edition: input.edition,
      // What the source's text was (a draft…) says nothing of the new edition's.
      editionNote: null,
      status: 'draft',
      previousEditionId: source.id,
      position: (last?.position ?? 0) + 1,
      createdAt: new Date(),
    });
    const copy = async <T extends { programmeId: string }>(rows: T[], insert: (rows: T[]) => Promise<unknown>) => {
      if (rows.length > 0) await insert(rows.map((row) => ({ ...row, programmeId: id })));
    };
    await copy(await tx.select().from(programmeLevels).where(eq(programmeLevels.programmeId, source.id)), (rows) =>
      tx.insert(programmeLevels).values(rows),
    );
    await copy(await tx.select().from(programmeSections).where(eq(programmeSections.programmeId, source.id)), (rows) =>
      tx.insert(programmeSections).values(rows),
    );
    await copy(
      (await tx.select().from(mandates).where(eq(mandates.programmeId, source.id))).map((m) => ({
        ...m,
        id: crypto.randomUUID(),
      })),
      (rows) => tx.insert(mandates).values(rows),
    );
    await copy(
      (await tx.select().from(programmeActors).where(eq(programmeActors.programmeId, source.id))).map((a) => ({
        ...a,
        id: crypto.randomUUID(),
      })),
      (rows) => tx.insert(programmeActors).values(rows),
    );
    // Items: new ids, the same codes, texts and places; parents before children.
    const sourceItems =
      input.copyItems === false
        ? []
        : await tx.select().from(items).where(eq(items.programmeId, source.id)).orderBy(asc(items.ordinal));
    const newId = new Map(sourceItems.map((item) => [item.id, crypto.randomUUID()]));
    const copied = sourceItems.map((item) => ({
      ...item,
      id: newId.get(item.id) as string,
      programmeId: id,
      parentId: item.parentId ? (newId.get(item.parentId) ?? null) : null,
      updatedAt: new Date(),
    }));
    for (let i = 0; i < copied.length; i += 1000) await tx.insert(items).values(copied.slice(i, i + 1000));
    const carried = await carryOver(tx, source.id, id);
    await recordAudit(tx, {
      userId: by.userId,
      action: 'programme.edition',
      entityType: 'programme',
      entityId: id,
      after: { slug: input.slug, edition: input.edition, from: source.slug, items: copied.length, carried },
    });
    return input.slug;
  });
}

/**
 * Carries the previous edition's actors, alignments and status over to the
 * items of `toId` that match an item of `fromId` by code: actors and status
 * only where the new item has none, every link the previous item had (to an
 * item of the same edition, matched by code, or of another programme).
 */
export async function carryOver(tx: Db, fromId: string, toId: string) {
  const [before, after] = await Promise.all([
    tx
      .select({ id: items.id, code: items.code, status: items.status })
      .from(items)
      .where(eq(items.programmeId, fromId)),
    tx.select({ id: items.id, code: items.code, status: items.status }).from(items).where(eq(items.programmeId, toId)),
  ]);
  const byCode = new Map(after.map((item) => [item.code, item]));
  /** Previous item id → the matching new item. */
  const match = new Map(before.flatMap((item) => (byCode.has(item.code) ? [[item.id, byCode.get(item.code)]] : [])));
  const carried = { items: match.size, assignments: 0, links: 0, statuses: 0 };
  if (match.size === 0) return carried;
  const previousIds = [...match.keys()];

  const assigned = new Set(
    (
      await tx
        .selectDistinct({ itemId: assignments.itemId })
        .from(assignments)
        .innerJoin(items, eq(items.id, assignments.itemId))
        .where(eq(items.programmeId, toId))
    ).map((a) => a.itemId),
  );
  const previousAssignments = await tx.select().from(assignments).where(inArray(assignments.itemId, previousIds));
  const newAssignments = previousAssignments.flatMap((a) => {
    const target = match.get(a.itemId);
    return target && !assigned.has(target.id) ? [{ ...a, itemId: target.id }] : [];
  });
  for (let i = 0; i < newAssignments.length; i += 2000) {
    await tx
      .insert(assignments)
      .values(newAssignments.slice(i, i + 2000))
      .onConflictDoNothing();
  }
  carried.assignments = newAssignments.length;

  const links = await tx
    .select()
    .from(itemLinks)
    .where(or(inArray(itemLinks.fromItemId, previousIds), inArray(itemLinks.toItemId, previousIds)));
  const inFrom = new Set(before.map((item) => item.id));
  // An end in the previous edition becomes its match (or the link is dropped); an end elsewhere stays.
  const end = (itemId: string) => (inFrom.has(itemId) ? match.get(itemId)?.id : itemId);
  const newLinks = links.flatMap((link) => {
    const from = end(link.fromItemId);
    const to = end(link.toItemId);
    return from && to ? [{ fromItemId: from, toItemId: to, kind: link.kind }] : [];
  });
  for (let i = 0; i < newLinks.length; i += 2000) {
    await tx
      .insert(itemLinks)
      .values(newLinks.slice(i, i + 2000))
      .onConflictDoNothing();
  }
  carried.links = newLinks.length;

  // One statement per status: the items without one take their previous item's.
  const byStatus = new Map<string, string[]>();
  for (const previous of before) {
    const target = match.get(previous.id);
    if (!target || !previous.status || target.status) continue;
    byStatus.set(previous.status, [...(byStatus.get(previous.status) ?? []), target.id]);
    carried.statuses += 1;
  }
  for (const [status, ids] of byStatus) {
    await tx
      .update(items)
      .set({ status: status as ItemStatus })
      .where(and(inArray(items.id, ids), isNull(items.status)));
  }
  return carried;
}

/** The items of a programme as the difference between editions compares them. */
async function diffItems(db: Db, programmeId: string): Promise<DiffItem[]> {
  const rows = await db
    .select({ id: items.id, code: items.code, level: items.levelKey, text: items.text, parentId: items.parentId })
    .from(items)
    .where(eq(items.programmeId, programmeId))
    .orderBy(asc(items.ordinal));
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  return rows.map((r) => ({
    code: r.code,
    level: r.level,
    text: r.text,
    parent: r.parentId ? (codeOf.get(r.parentId) ?? null) : null,
  }));
}

export type EditionComparison = {
  programme: typeof programmes.$inferSelect;
  against: typeof programmes.$inferSelect;
  levels: { key: string; name: Record<string, string> }[];
  diff: EditionDiff;
};

/** What changed from `againstSlug` to `slug`. */
export async function compareEditions(db: Db, slug: string, againstSlug: string): Promise<EditionComparison> {
  const programme = await programmeBySlug(db, slug);
  const [against] = await db.select().from(programmes).where(eq(programmes.slug, againstSlug));
  if (!against) throw invalidInput([{ field: 'against', messageKey: 'error.field.unknownEdition' }]);
  const [before, after, levels] = await Promise.all([
    diffItems(db, against.id),
    diffItems(db, programme.id),
    db
      .select({ key: programmeLevels.key, name: programmeLevels.name })
      .from(programmeLevels)
      .where(eq(programmeLevels.programmeId, programme.id))
      .orderBy(asc(programmeLevels.position)),
  ]);
  return { programme, against, levels, diff: diffEditions(before, after) };
}
