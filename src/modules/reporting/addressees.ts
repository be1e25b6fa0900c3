/**
 * Who a cycle addresses and what each addressee reports on: every actor with
 * an assignment in the programme (groups expanded to their current members,
 * member states one by one), and its assigned leaf items.
 */
import { and, eq, inArray, max, ne } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actorMemberships, actors, assignments, cycleActors, cycles, items } from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { isMembershipCurrent } from '../../domain/membership.ts';
import { ACTOR_TYPES, type ActorType, EXPANDABLE_ACTOR_TYPES } from '../../domain/vocabulary.ts';
import { AppError, notFound } from '../../errors.ts';
import { actorInField } from '../actors/actor.service.ts';
import { recordAudit } from '../audit/audit.service.ts';

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

/**
 * Before a cycle opens, the secretariat adds an actor to those it addresses
 * or removes one. A group is not an addressee (its members are); an open
 * cycle's addressees are its reports and no longer change here.
 */
export async function changeAddressee(
  db: Db,
  cycleId: string,
  change: { add: string } | { remove: string },
  by: Principal,
): Promise<void> {
  await db.transaction(async (tx) => {
    // The actor first: a wrong one is the caller's mistake whatever the cycle's state.
    const ref = 'add' in change ? change.add : change.remove;
    // Groups are addressed through their members: one is not added itself.
    const actor = await actorInField(
      tx,
      ref,
      'actor',
      (a) => !('add' in change && EXPANDABLE_ACTOR_TYPES.includes(a.type as ActorType)),
    );
    const [cycle] = await tx.select().from(cycles).where(eq(cycles.id, cycleId)).for('update');
    if (!cycle) throw notFound('cycle');
    if (cycle.state !== 'draft') throw new AppError('cycle_state', 409, 'error.cycleState');
    if ('add' in change) {
      const [last] = await tx
        .select({ position: max(cycleActors.position) })
        .from(cycleActors)
        .where(eq(cycleActors.cycleId, cycleId));
      await tx
        .insert(cycleActors)
        .values({ cycleId, actorId: actor.id, position: (last?.position ?? -1) + 1 })
        .onConflictDoNothing();
    } else {
      await tx.delete(cycleActors).where(and(eq(cycleActors.cycleId, cycleId), eq(cycleActors.actorId, actor.id)));
    }
    await recordAudit(tx, {
      userId: by.userId,
      action: 'add' in change ? 'cycle.addressee_add' : 'cycle.addressee_remove',
      entityType: 'cycle',
      entityId: cycleId,
      after: { actorId: actor.id },
    });
  });
}
