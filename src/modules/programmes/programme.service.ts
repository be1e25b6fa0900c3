/** Reading programmes, their levels and their item trees. */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  assignments,
  itemLinks,
  itemMentions,
  itemNotes,
  itemStatusHistory,
  items,
  mandates,
  programmeActors,
  programmeLevels,
  programmeSections,
  programmes,
} from '../../db/schema/index.ts';
import { matchesCriteria } from '../../domain/item-filter.ts';
import { buildTree, flattenTree, leavesOf, type TreeNode } from '../../domain/item-tree.ts';
import { type ItemStatus, type StatusTally, statusDistribution } from '../../domain/status.ts';
import { notFound } from '../../errors.ts';
import { actorIdsCountingFor } from '../actors/actor.service.ts';
import type { ItemFilter } from './programme.schema.ts';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type LevelRow = typeof programmeLevels.$inferSelect;

const kindOrder = sql`case ${programmes.kind} when 'programme' then 0 when 'plan_of_action' then 1 else 2 end`;

export async function listProgrammes(db: Db) {
  const rows = await db.select().from(programmes).orderBy(kindOrder, asc(programmes.title));
  const ids = rows.map((r) => r.id);
  const [levels, counts] = await Promise.all([
    ids.length
      ? db
          .select()
          .from(programmeLevels)
          .where(inArray(programmeLevels.programmeId, ids))
          .orderBy(asc(programmeLevels.position))
      : [],
    ids.length
      ? db
          .select({ programmeId: items.programmeId, levelKey: items.levelKey, count: sql<number>`count(*)::int` })
          .from(items)
          .where(inArray(items.programmeId, ids))
          .groupBy(items.programmeId, items.levelKey)
      : [],
  ]);
  return rows.map((p) => ({
    ...p,
    levels: levels
      .filter((l) => l.programmeId === p.id)
      .map((l) => ({ ...l, count: counts.find((c) => c.programmeId === p.id && c.levelKey === l.key)?.count ?? 0 })),
  }));
}

export async function getProgramme(db: Db, slug: string) {
  const [programme] = await db.select().from(programmes).where(eq(programmes.slug, slug));
  if (!programme) throw notFound('programme');
  const [levels, mandateRows, actorRows, sections, issuingBody, previous] = await Promise.all([
    db
      .select()
      .from(programmeLevels)
      .where(eq(programmeLevels.programmeId, programme.id))
      .orderBy(asc(programmeLevels.position)),
    db.select().from(mandates).where(eq(mandates.programmeId, programme.id)).orderBy(asc(mandates.position)),
    db
      .select({
        role: programmeActors.role,
        description: programmeActors.description,
        actor: { id: actors.id, key: actors.key, type: actors.type, name: actors.name, acronym: actors.acronym },
      })
      .from(programmeActors)
      .innerJoin(actors, eq(actors.id, programmeActors.actorId))
      .where(eq(programmeActors.programmeId, programme.id))
      .orderBy(asc(programmeActors.position)),
    db
      .select()
      .from(programmeSections)
      .where(eq(programmeSections.programmeId, programme.id))
      .orderBy(asc(programmeSections.position)),
    programme.issuingBodyId
      ? db
          .select({ id: actors.id, key: actors.key, name: actors.name, acronym: actors.acronym })
          .from(actors)
          .where(eq(actors.id, programme.issuingBodyId))
      : [],
    programme.previousEditionId
      ? db
          .select({ slug: programmes.slug, edition: programmes.edition })
          .from(programmes)
          .where(eq(programmes.id, programme.previousEditionId))
      : [],
  ]);
  return {
    ...programme,
    levels,
    mandates: mandateRows,
    actors: actorRows,
    sections,
    issuingBody: issuingBody[0] ?? null,
    previousEdition: previous[0] ?? null,
  };
}

export type AssignedActor = {
  id: string;
  key: string;
  type: string;
  name: Record<string, string>;
  acronym: Record<string, string>;
  role: string;
};

export type ProgrammeItem = {
  id: string;
  programmeId: string;
  parentId: string | null;
  levelKey: string;
  code: string;
  /** The code was made by Enlace: the document prints none. */
  codeMade: boolean;
  text: string;
  position: number;
  /** The leaf's own status; for a parent, the status all its leaves share, null where they differ. */
  status: ItemStatus | null;
  rolledUp: boolean;
  /** A parent's leaves by status, where they do not all share one; null otherwise. */
  distribution: StatusTally[] | null;
  calendar: string | null;
  startsOn: string | null;
  endsOn: string | null;
  actors: AssignedActor[];
};

/** Every item of a programme, flat, with its actors and (for parents) the rolled-up status. */
export async function listProgrammeItems(db: Db, programmeId: string): Promise<TreeNode<ProgrammeItem>[]> {
  const rows = await db
    .select({
      id: items.id,
      programmeId: items.programmeId,
      parentId: items.parentId,
      levelKey: items.levelKey,
      code: items.code,
      codeMade: items.codeMade,
      text: items.text,
      position: items.position,
      status: items.status,
      calendar: items.calendar,
      startsOn: items.startsOn,
      endsOn: items.endsOn,
    })
    .from(items)
    .where(eq(items.programmeId, programmeId));
  const assigned = await assignedActors(
    db,
    rows.map((r) => r.id),
  );
  const roots = buildTree(
    rows.map((r) => ({
      ...r,
      status: r.status as ItemStatus | null,
      rolledUp: false,
      distribution: null,
      actors: assigned.get(r.id) ?? [],
    })),
  );
  const rollUp = (node: TreeNode<ProgrammeItem>) => {
    node.children.forEach(rollUp);
    if (node.children.length > 0) {
      const tallies = statusDistribution(leavesOf(node).map((leaf) => leaf.status));
      const [only] = tallies;
      node.status = tallies.length === 1 && only && only.status !== 'none' ? only.status : null;
      node.distribution = tallies.length > 1 ? tallies : null;
      node.rolledUp = true;
    }
  };
  roots.forEach(rollUp);
  return roots;
}

async function assignedActors(db: Db, itemIds: string[]): Promise<Map<string, AssignedActor[]>> {
  const map = new Map<string, AssignedActor[]>();
  if (itemIds.length === 0) return map;
  const rows = await db
    .select({
      itemId: assignments.itemId,
      role: assignments.role,
      id: actors.id,
      key: actors.key,
      type: actors.type,
      name: actors.name,
      acronym: actors.acronym,
    })
    .from(assignments)
    .innerJoin(actors, eq(actors.id, assignments.actorId))
    .where(inArray(assignments.itemId, itemIds))
    .orderBy(asc(assignments.position));
  for (const { itemId, ...actor } of rows) {
    const list = map.get(itemId) ?? [];
    list.push(actor);
    map.set(itemId, list);
  }
  return map;
}

export async function getItem(db: Db, id: string) {
  const [item] = await db.select().from(items).where(eq(items.id, id));
  if (!item) throw notFound('item');
  const [programme] = await db.select().from(programmes).where(eq(programmes.id, item.programmeId));
  if (!programme) throw notFound('programme');
  const tree = await listProgrammeItems(db, programme.id);
  const byId = new Map<string, TreeNode<ProgrammeItem>>();
  const index = (nodes: TreeNode<ProgrammeItem>[]) => {
    for (const n of nodes) {
      byId.set(n.id, n);
      index(n.children);
    }
  };
  index(tree);
  const node = byId.get(item.id);
  if (!node) throw notFound('item');
  const ancestors: TreeNode<ProgrammeItem>[] = [];
  for (
    let p = node.parentId ? byId.get(node.parentId) : undefined;
    p;
    p = p.parentId ? byId.get(p.parentId) : undefined
  ) {
    ancestors.unshift(p);
  }
  const [levels, history, notes, serves, servedBy, mentions] = await Promise.all([
    db
      .select()
      .from(programmeLevels)
      .where(eq(programmeLevels.programmeId, programme.id))
      .orderBy(asc(programmeLevels.position)),
    db
      .select()
      .from(itemStatusHistory)
      .where(eq(itemStatusHistory.itemId, item.id))
      .orderBy(asc(itemStatusHistory.changedOn), asc(itemStatusHistory.recordedAt)),
    db.select().from(itemNotes).where(eq(itemNotes.itemId, item.id)).orderBy(asc(itemNotes.position)),
    linkedItems(db, item.id, 'from'),
    linkedItems(db, item.id, 'to'),
    db
      .select({ id: actors.id, key: actors.key, type: actors.type, name: actors.name, acronym: actors.acronym })
      .from(itemMentions)
      .innerJoin(actors, eq(actors.id, itemMentions.actorId))
      .where(eq(itemMentions.itemId, item.id))
      .orderBy(asc(itemMentions.position)),
  ]);
  return { item: node, programme, levels, ancestors, history, notes, serves, servedBy, mentions };
}

async function linkedItems(db: Db, itemId: string, side: 'from' | 'to') {
  const [mine, theirs] =
    side === 'from' ? [itemLinks.fromItemId, itemLinks.toItemId] : [itemLinks.toItemId, itemLinks.fromItemId];
  return db
    .select({ id: items.id, code: items.code, text: items.text, levelKey: items.levelKey, kind: itemLinks.kind })
    .from(itemLinks)
    .innerJoin(items, eq(items.id, theirs))
    .where(eq(mine, itemId))
    .orderBy(asc(items.programmeId), asc(items.position));
}

/** A programme's items in document order, narrowed by the table/API filter. */
export async function findProgrammeItems(db: Db, slug: string, filter: ItemFilter) {
  const [programme] = await db.select().from(programmes).where(eq(programmes.slug, slug));
  if (!programme) throw notFound('programme');
  const tree = await listProgrammeItems(db, programme.id);
  const actorIds = filter.actor ? await actorIdsCountingFor(db, filter.actor) : undefined;
  const all = flattenTree(tree);
  const matching = all.filter((item) =>
    matchesCriteria(item, { level: filter.level, status: filter.status, actorIds, q: filter.q }),
  );
  return { programme, tree, all, matching };
}
