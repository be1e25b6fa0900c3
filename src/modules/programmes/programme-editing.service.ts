/**
 * The secretariat's changes to a programme: an item's text, code and
 * calendar, new items, dated status changes, and who is assigned what. Each
 * use case is one transaction and writes an audit event with before/after.
 */
import { and, eq, isNull, max, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  assignments,
  itemNotes,
  itemStatusHistory,
  items,
  programmeLevels,
  programmes,
} from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { buildTree, flattenTree } from '../../domain/item-tree.ts';
import type { ItemStatus } from '../../domain/status.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import { actorInField } from '../actors/actor.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { AddItemInput, AssignmentInput, StatusChangeInput, UpdateItemInput } from './programme-editing.schema.ts';

type ItemRow = typeof items.$inferSelect;

const codeTaken = () =>
  new AppError('code_taken', 409, 'error.codeTaken', {
    fields: [{ field: 'code', messageKey: 'error.field.codeTaken' }],
  });
const assignmentExists = () =>
  new AppError('assignment_exists', 409, 'error.assignmentExists', {
    fields: [{ field: 'actorId', messageKey: 'error.field.assignmentExists' }],
  });

/** PostgreSQL's unique_violation, as either driver reports it (drizzle may wrap it in `cause`). */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Object; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** Runs a use case; a unique index that a concurrent request won is reported like the check that lost. */
async function inTransaction<T>(db: Db, onConflict: () => AppError, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (err) {
    throw isUniqueViolation(err) ? onConflict() : err;
  }
}

async function lockItem(tx: Db, id: string): Promise<ItemRow> {
  const [item] = await tx.select().from(items).where(eq(items.id, id)).for('update');
  if (!item) throw notFound('item');
  return item;
}

async function checkCodeFree(tx: Db, programmeId: string, code: string, exceptItemId?: string) {
  const [clash] = await tx
    .select({ id: items.id })
    .from(items)
    .where(
      and(
        eq(items.programmeId, programmeId),
        eq(items.code, code),
        exceptItemId ? ne(items.id, exceptItemId) : undefined,
      ),
    );
  if (clash) throw codeTaken();
}

function checkDateOrder(startsOn: string | null, endsOn: string | null) {
  if (startsOn && endsOn && endsOn < startsOn)
    throw invalidInput([{ field: 'endsOn', messageKey: 'error.field.dateOrder' }]);
}

/** Today's date where it is already latest (UTC+14), so nobody's today counts as the future. */
function latestToday(): string {
  return new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);
}

const EDITABLE = ['text', 'code', 'calendar', 'startsOn', 'endsOn'] as const;

export async function updateItem(db: Db, id: string, input: UpdateItemInput, by: Principal) {
  await inTransaction(db, codeTaken, async (tx) => {
    const item = await lockItem(tx, id);
    const changed = EDITABLE.filter((k) => input[k] !== undefined && input[k] !== item[k]);
    if (changed.length === 0) return;
    if (input.code !== undefined && input.code !== item.code) await checkCodeFree(tx, item.programmeId, input.code, id);
    checkDateOrder(
      input.startsOn === undefined ? item.startsOn : input.startsOn,
      input.endsOn === undefined ? item.endsOn : input.endsOn,
    );
    const before = Object.fromEntries(changed.map((k) => [k, item[k]]));
    const after = Object.fromEntries(changed.map((k) => [k, input[k]]));
    await tx
      .update(items)
      .set({ ...after, updatedAt: new Date() })
      .where(eq(items.id, id));
    await recordAudit(tx, {
      userId: by.userId,
      action: 'item.update',
      entityType: 'item',
      entityId: id,
      before,
      after,
    });
  });
}

/** Keeps `ordinal` the document's depth-first order, the same order the tree is read in. */
async function renumber(tx: Db, programmeId: string) {
  const rows = await tx
    .select({ id: items.id, parentId: items.parentId, position: items.position, ordinal: items.ordinal })
    .from(items)
    .where(eq(items.programmeId, programmeId));
  const changed = flattenTree(buildTree(rows)).flatMap((node, ordinal) =>
    node.ordinal === ordinal ? [] : [sql`(${node.id}::uuid, ${ordinal}::int)`],
  );
  if (changed.length === 0) return;
  await tx.execute(
    sql`update items set ordinal = v.ordinal from (values ${sql.join(changed, sql`, `)}) as v(id, ordinal) where items.id = v.id`,
  );
}

/** A new item at the end of its parent's children (or of the roots). Returns its id. */
export async function addItem(db: Db, slug: string, input: AddItemInput, by: Principal): Promise<string> {
  return inTransaction(db, codeTaken, async (tx) => {
    const [programme] = await tx.select().from(programmes).where(eq(programmes.slug, slug));
    if (!programme) throw notFound('programme');
    const [level] = await tx
      .select()
      .from(programmeLevels)
      .where(and(eq(programmeLevels.programmeId, programme.id), eq(programmeLevels.key, input.level)));
    if (!level) throw invalidInput([{ field: 'level', messageKey: 'error.field.unknownLevel' }]);
    if (input.parentId) {
      const [parent] = await tx
        .select({ id: items.id })
        .from(items)
        .where(and(eq(items.id, input.parentId), eq(items.programmeId, programme.id)));
      if (!parent) throw invalidInput([{ field: 'parentId', messageKey: 'error.field.unknownParent' }]);
    }
    await checkCodeFree(tx, programme.id, input.code);
    checkDateOrder(input.startsOn, input.endsOn);
    const [last] = await tx
      .select({ position: max(items.position) })
      .from(items)
      .where(
        and(
          eq(items.programmeId, programme.id),
          input.parentId ? eq(items.parentId, input.parentId) : isNull(items.parentId),
        ),
      );
    const id = crypto.randomUUID();
    const row = {
      id,
      programmeId: programme.id,
      parentId: input.parentId,
      levelKey: input.level,
      code: input.code,
      text: input.text,
      position: (last?.position ?? -1) + 1,
      ordinal: 0,
      calendar: input.calendar,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    };
    await tx.insert(items).values(row);
    await renumber(tx, programme.id);
    const { ordinal: _ordinal, ...after } = row;
    await recordAudit(tx, { userId: by.userId, action: 'item.create', entityType: 'item', entityId: id, after });
    return id;
  });
}

/**
 * Writes a dated status change of an item in a transaction: its status, its
 * history (with the report it came from, if any) and a note saying why.
 */
export async function recordItemStatus(
  tx: Db,
  itemId: string,
  change: { status: ItemStatus; date: string; note: string; sourceReportId?: string | undefined },
): Promise<void> {
  const [last] = await tx
    .select({ position: max(itemNotes.position) })
    .from(itemNotes)
    .where(eq(itemNotes.itemId, itemId));
  await tx.update(items).set({ status: change.status, updatedAt: new Date() }).where(eq(items.id, itemId));
  await tx.insert(itemStatusHistory).values({
    id: crypto.randomUUID(),
    itemId,
    status: change.status,
    changedOn: change.date,
    note: change.note,
    sourceReportId: change.sourceReportId ?? null,
  });
  await tx.insert(itemNotes).values({
    id: crypto.randomUUID(),
    itemId,
    notedOn: change.date,
    position: (last?.position ?? -1) + 1,
    text: change.note,
    status: change.status,
  });
}

/** A dated status change: the item's status, its history, and a note saying why. */
export async function changeItemStatus(db: Db, id: string, input: StatusChangeInput, by: Principal) {
  if (input.date > latestToday()) throw invalidInput([{ field: 'date', messageKey: 'error.field.futureDate' }]);
  await db.transaction(async (tx) => {
    const item = await lockItem(tx, id);
    await recordItemStatus(tx, id, input);
    await recordAudit(tx, {
      userId: by.userId,
      action: 'item.status',
      entityType: 'item',
      entityId: id,
      before: { status: item.status },
      after: { status: input.status, date: input.date, note: input.note },
    });
  });
}

/** An actor by id or key; an unknown one is the caller's mistake in `actorId`, not a missing page. */
const actorNamed = (tx: Db, idOrKey: string) => actorInField(tx, idOrKey, 'actorId');

export async function addAssignment(db: Db, itemId: string, input: AssignmentInput, by: Principal) {
  await inTransaction(db, assignmentExists, async (tx) => {
    await lockItem(tx, itemId);
    const actor = await actorNamed(tx, input.actorId);
    const [existing] = await tx
      .select({ role: assignments.role })
      .from(assignments)
      .where(and(eq(assignments.itemId, itemId), eq(assignments.actorId, actor.id), eq(assignments.role, input.role)));
    if (existing) throw assignmentExists();
    const [last] = await tx
      .select({ position: max(assignments.position) })
      .from(assignments)
      .where(eq(assignments.itemId, itemId));
    await tx
      .insert(assignments)
      .values({ itemId, actorId: actor.id, role: input.role, position: (last?.position ?? -1) + 1 });
    await recordAudit(tx, {
      userId: by.userId,
      action: 'item.assign',
      entityType: 'item',
      entityId: itemId,
      after: { actorId: actor.id, actor: actor.key, role: input.role },
    });
  });
}

export async function removeAssignment(db: Db, itemId: string, input: AssignmentInput, by: Principal) {
  await db.transaction(async (tx) => {
    await lockItem(tx, itemId);
    const actor = await actorNamed(tx, input.actorId);
    const removed = await tx
      .delete(assignments)
      .where(and(eq(assignments.itemId, itemId), eq(assignments.actorId, actor.id), eq(assignments.role, input.role)))
      .returning({ role: assignments.role });
    if (removed.length === 0) throw notFound('assignment');
    await recordAudit(tx, {
      userId: by.userId,
      action: 'item.unassign',
      entityType: 'item',
      entityId: itemId,
      before: { actorId: actor.id, actor: actor.key, role: input.role },
    });
  });
}

/** A new item under `parentId`, in the parent's programme (the item page's form). */
export async function addChildItem(
  db: Db,
  parentId: string,
  input: Omit<AddItemInput, 'parentId'>,
  by: Principal,
): Promise<string> {
  const [parent] = await db
    .select({ slug: programmes.slug })
    .from(items)
    .innerJoin(programmes, eq(programmes.id, items.programmeId))
    .where(eq(items.id, parentId));
  if (!parent) throw notFound('item');
  return addItem(db, parent.slug, { ...input, parentId }, by);
}
