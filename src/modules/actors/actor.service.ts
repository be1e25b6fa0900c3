/** Reading actors, their memberships, and everything assigned to them. */

import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actorMemberships,
  actors,
  assignments,
  itemMentions,
  items,
  programmeLevels,
  programmes,
} from '../../db/schema/index.ts';
import { groupsReaching, type Membership } from '../../domain/membership.ts';
import type { ItemStatus } from '../../domain/status.ts';
import { type ActorType, EXPANDABLE_ACTOR_TYPES } from '../../domain/vocabulary.ts';
import { today } from '../../domain/zoned-time.ts';
import { AppError, notFound } from '../../errors.ts';

export type ActorRow = typeof actors.$inferSelect;

export async function listActors(db: Db, filter: { type?: ActorType | undefined } = {}) {
  const query = db.select().from(actors);
  const rows = filter.type ? await query.where(eq(actors.type, filter.type)) : await query;
  return rows.sort((a, b) => (a.name.es ?? '').localeCompare(b.name.es ?? '', 'es'));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `ref` can name an actor at all (an id or a key): anything else is refused before it reaches SQL. */
export const isActorRef = (ref: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/.test(ref);

/** The condition naming an actor by id or by key (`mx`, `iachr`). */
export const actorByRef = (ref: string) => (UUID.test(ref) ? eq(actors.id, ref.toLowerCase()) : eq(actors.key, ref));

/**
 * The actor a form or body field names (by id or key), if `accept` takes it;
 * else the caller's mistake in that field (400), not a missing page.
 */
export async function actorInField(
  db: Db,
  ref: string,
  field: string,
  accept: (actor: { id: string; type: string }) => boolean = () => true,
): Promise<{ id: string; key: string; type: string }> {
  const [actor] = isActorRef(ref)
    ? await db.select({ id: actors.id, key: actors.key, type: actors.type }).from(actors).where(actorByRef(ref))
    : [];
  if (!actor || !accept(actor)) {
    throw new AppError('invalid_input', 400, 'error.invalidInput', {
      fields: [{ field, messageKey: 'error.field.unknownActor' }],
    });
  }
  return actor;
}

/** An actor by id, or by its key (`mx`, `iachr`) for readable links. */
export async function findActor(db: Db, idOrKey: string): Promise<ActorRow> {
  const [actor] = await db
    .select()
    .from(actors)
    .where(UUID.test(idOrKey) ? eq(actors.id, idOrKey.toLowerCase()) : eq(actors.key, idOrKey));
  if (!actor) throw notFound('actor');
  return actor;
}

export type ActorAssignment = {
  role: string;
  /** Set when the assignment reaches this actor through a group it belongs to. */
  via: { id: string; key: string; name: Record<string, string>; acronym: Record<string, string> } | null;
  item: {
    id: string;
    code: string;
    text: string;
    levelKey: string;
    status: ItemStatus | null;
    position: number;
    parentId: string | null;
  };
  programme: {
    id: string;
    slug: string;
    title: Record<string, string>;
    shortTitle: Record<string, string>;
    language: string;
  };
  level: { name: Record<string, string> };
};

export async function getActor(db: Db, idOrKey: string, onDate: string = today()) {
  const actor = await findActor(db, idOrKey);
  const memberships = (await db
    .select()
    .from(actorMemberships)
    .where(or(eq(actorMemberships.actorId, actor.id), eq(actorMemberships.groupId, actor.id)))) as (Membership & {
    id: string;
    note: Record<string, string> | null;
  })[];
  const relatedIds = [
    ...new Set([
      ...memberships.map((m) => m.groupId),
      ...memberships.map((m) => m.actorId),
      ...(actor.parentId ? [actor.parentId] : []),
    ]),
  ];
  const [related, children] = await Promise.all([
    relatedIds.length ? db.select().from(actors).where(inArray(actors.id, relatedIds)) : [],
    db.select().from(actors).where(eq(actors.parentId, actor.id)),
  ]);
  const byId = new Map(related.map((a) => [a.id, a]));
  const expandable = (id: string) => {
    const type = byId.get(id)?.type ?? (id === actor.id ? actor.type : undefined);
    return type !== undefined && (EXPANDABLE_ACTOR_TYPES as readonly string[]).includes(type);
  };
  const viaGroups = groupsReaching(actor.id, memberships, onDate, expandable);
  const [assigned, mentions] = await Promise.all([
    assignmentsOf(db, [actor.id, ...viaGroups]),
    mentionsOf(db, actor.id),
  ]);
  const summary = (id: string) => {
    const a = byId.get(id);
    return a ? { id: a.id, key: a.key, name: a.name, acronym: a.acronym } : null;
  };
  return {
    actor,
    parent: actor.parentId ? (byId.get(actor.parentId) ?? null) : null,
    children: children.sort((a, b) => (a.name.es ?? '').localeCompare(b.name.es ?? '', 'es')),
    memberOf: memberships
      .filter((m) => m.actorId === actor.id)
      .map((m) => ({ ...m, group: byId.get(m.groupId) ?? null })),
    members: memberships
      .filter((m) => m.groupId === actor.id)
      .map((m) => ({ ...m, member: byId.get(m.actorId) ?? null }))
      .sort((a, b) => (a.member?.name.es ?? '').localeCompare(b.member?.name.es ?? '', 'es')),
    assignments: assigned.map((row) => ({ ...row, via: row.actorId === actor.id ? null : summary(row.actorId) })),
    /** Items whose notes name the actor without giving it the item: not counted as its work. */
    mentions,
    /** The actor itself and the groups through which assignments reach it. */
    reachedThrough: [actor.id, ...viaGroups],
  };
}

async function mentionsOf(db: Db, actorId: string) {
  return db
    .select({
      item: { id: items.id, code: items.code, text: items.text },
      programme: { id: programmes.id, slug: programmes.slug, title: programmes.title, language: programmes.language },
    })
    .from(itemMentions)
    .innerJoin(items, eq(items.id, itemMentions.itemId))
    .innerJoin(programmes, eq(programmes.id, items.programmeId))
    .where(eq(itemMentions.actorId, actorId))
    .orderBy(asc(programmes.slug), asc(items.ordinal));
}

async function assignmentsOf(db: Db, actorIds: string[]) {
  const rows = await db
    .select({
      actorId: assignments.actorId,
      role: assignments.role,
      item: {
        id: items.id,
        code: items.code,
        text: items.text,
        levelKey: items.levelKey,
        status: items.status,
        position: items.position,
        parentId: items.parentId,
      },
      programme: {
        id: programmes.id,
        slug: programmes.slug,
        title: programmes.title,
        shortTitle: programmes.shortTitle,
        language: programmes.language,
      },
      level: { name: programmeLevels.name },
    })
    .from(assignments)
    .innerJoin(items, eq(items.id, assignments.itemId))
    .innerJoin(programmes, eq(programmes.id, items.programmeId))
    .innerJoin(
      programmeLevels,
      and(eq(programmeLevels.programmeId, items.programmeId), eq(programmeLevels.key, items.levelKey)),
    )
    .where(inArray(assignments.actorId, actorIds))
    .orderBy(asc(programmes.slug), asc(items.ordinal));
  return rows.map((r) => ({ ...r, item: { ...r.item, status: r.item.status as ItemStatus | null } }));
}

/** The actor and the groups through which assignments reach it today (for filters). */
export async function actorIdsCountingFor(db: Db, idOrKey: string, onDate: string = today()): Promise<Set<string>> {
  const actor = await findActor(db, idOrKey);
  const memberships = (await db
    .select()
    .from(actorMemberships)
    .where(eq(actorMemberships.actorId, actor.id))) as Membership[];
  const groupIds = memberships.map((m) => m.groupId);
  const groups = groupIds.length
    ? await db.select({ id: actors.id, type: actors.type }).from(actors).where(inArray(actors.id, groupIds))
    : [];
  const expandable = (id: string) => {
    const type = groups.find((g) => g.id === id)?.type;
    return type !== undefined && (EXPANDABLE_ACTOR_TYPES as readonly string[]).includes(type);
  };
  return new Set([actor.id, ...groupsReaching(actor.id, memberships, onDate, expandable)]);
}
