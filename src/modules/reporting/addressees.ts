/**
 * Who a cycle addresses and what each addressee reports on: every actor with
 * an assignment in the programme (groups expanded to their current members,
 * member states one by one), and its assigned leaf items.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actorMemberships, actors, assignments, items } from '../../db/schema/index.ts';
import { isMembershipCurrent } from '../../domain/membership.ts';
import { ACTOR_TYPES, type ActorType, EXPANDABLE_ACTOR_TYPES } from '../vocabulary.ts';

/** The order of chapters in a report: OAS organs, specialized organizations, member states, others. */
export const actorTypeRank = (type: ActorType) => ACTOR_TYPES.indexOf(type);

export type Addressee = { actorId: string; itemIds: string[] };

export async function addresseesOf(db: Db, programmeId: string, onDate: string): Promise<Addressee[]> {
  const rows = await db
    .select({
      itemId: items.id,
      parentId: items.parentId,
      ordinal: items.ordinal,
      actorId: assignments.actorId,
      type: actors.type,
    })
    .from(assignments)
    .innerJoin(items, eq(items.id, assignments.itemId))
    .innerJoin(actors, eq(actors.id, assignments.actorId))
    .where(and(eq(items.programmeId, programmeId), ne(assignments.role, 'invited')));
  const parents = new Set(
    (await db.select({ parentId: items.parentId }).from(items).where(eq(items.programmeId, programmeId))).flatMap(
      (r) => (r.parentId ? [r.parentId] : []),
    ),
  );
  const groupIds = [...new Set(rows.filter((r) => EXPANDABLE_ACTOR_TYPES.includes(r.type)).map((r) => r.actorId))];
  const memberships = groupIds.length
    ? await db
        .select()
        .from(actorMemberships)
        .where(and(inArray(actorMemberships.groupId, groupIds), eq(actorMemberships.role, 'member')))
    : [];
  const byActor = new Map<string, { itemId: string; ordinal: number }[]>();
  const add = (actorId: string, itemId: string, ordinal: number) => {
    const list = byActor.get(actorId) ?? [];
    if (!list.some((i) => i.itemId === itemId)) list.push({ itemId, ordinal });
    byActor.set(actorId, list);
  };
  for (const r of rows) {
    if (parents.has(r.itemId)) continue; // report on leaves; a parent's status is rolled up
    if (EXPANDABLE_ACTOR_TYPES.includes(r.type)) {
      for (const m of memberships)
        if (m.groupId === r.actorId && isMembershipCurrent(m, onDate)) add(m.actorId, r.itemId, r.ordinal);
    } else {
      add(r.actorId, r.itemId, r.ordinal);
    }
  }
  const addressed = [...byActor.keys()];
  const info = addressed.length
    ? await db
        .select({ id: actors.id, type: actors.type, name: actors.name })
        .from(actors)
        .where(inArray(actors.id, addressed))
    : [];
  // Groups reached through another group (a group inside a group) are not addressees themselves.
  const reporting = info.filter((a) => !EXPANDABLE_ACTOR_TYPES.includes(a.type));
  reporting.sort(
    (a, b) => actorTypeRank(a.type) - actorTypeRank(b.type) || (a.name.es ?? '').localeCompare(b.name.es ?? '', 'es'),
  );
  return reporting.map((a) => ({
    actorId: a.id,
    itemIds: (byActor.get(a.id) ?? []).sort((x, y) => x.ordinal - y.ordinal).map((i) => i.itemId),
  }));
}
