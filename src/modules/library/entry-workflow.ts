/**
 * What best practices and legislation share: who sees which (inside the
 * query, for lists), reading one for its page, and the secretariat's
 * publishing or discarding of a proposal or a candidate.
 */
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { bestPractices, legislation } from '../../db/schema/index.ts';
import { type Principal, refusalFor } from '../../domain/authz.ts';
import {
  canPublishEntries,
  canSeeEntry,
  proposalsSeenOf,
  stateOfNewEntry,
  visibilitiesFor,
} from '../../domain/library.policy.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';

export type EntryKind = 'best_practice' | 'legislation';
type EntryTable = typeof bestPractices | typeof legislation;

export const tableOf = (kind: EntryKind): EntryTable => (kind === 'best_practice' ? bestPractices : legislation);
const actorColumn = (table: EntryTable) => ('actorId' in table ? table.actorId : table.countryId);

/** The entries this person sees, as a condition: published ones its visibility allows, and the proposals it may see. */
export function seenWhere(table: EntryTable, p: Principal | null): SQL {
  const proposals = proposalsSeenOf(p);
  if (proposals === 'all') return sql`true`;
  const published = and(eq(table.state, 'published'), inArray(table.visibility, visibilitiesFor(p))) as SQL;
  if (proposals.length === 0) return published;
  return or(published, and(eq(table.state, 'proposed'), inArray(actorColumn(table), proposals))) as SQL;
}

/** An entry's row, if this person sees it: one kept from a visitor does not exist for them. */
export async function visibleEntry<T extends EntryTable>(db: Db, table: T, id: string, p: Principal | null) {
  const [row] = await db
    .select()
    .from(table as EntryTable)
    .where(eq(table.id, id));
  if (!row) throw notFound('entry');
  const actorId = 'actorId' in row ? row.actorId : row.countryId;
  if (!canSeeEntry(p, { actorId, state: row.state, visibility: row.visibility }))
    throw refusalFor(p) === 'forbidden' ? forbidden() : notFound('entry');
  return row as T['$inferSelect'];
}

/** When a new entry is published: now, if the secretariat enters it. */
export const publishedAtOf = (p: Principal) => (stateOfNewEntry(p) === 'published' ? new Date() : null);

/** The secretariat publishes a proposal, or confirms a candidate: anyone it may reach then sees it. */
export async function publishEntry(db: Db, kind: EntryKind, id: string, p: Principal): Promise<void> {
  if (!canPublishEntries(p)) throw forbidden();
  const table = tableOf(kind);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ state: table.state })
      .from(table as EntryTable)
      .where(eq(table.id, id))
      .for('update');
    if (!row) throw notFound('entry');
    if (row.state === 'published') throw new AppError('wrong_state', 409, 'error.entryPublished');
    await tx
      .update(table as EntryTable)
      .set({ state: 'published', publishedAt: new Date(), updatedAt: new Date() })
      .where(eq(table.id, id));
    await recordAudit(tx, {
      userId: p.userId,
      action: `${kind}.publish`,
      entityType: kind,
      entityId: id,
      before: { state: row.state },
      after: { state: 'published' },
    });
  });
}

/** The secretariat discards an entry (a candidate not worth keeping, a proposal refused, a mistaken one). */
export async function discardEntry(db: Db, kind: EntryKind, id: string, p: Principal): Promise<void> {
  if (!canPublishEntries(p)) throw forbidden();
  const table = tableOf(kind);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(table as EntryTable)
      .where(eq(table.id, id))
      .returning({ title: table.title, state: table.state });
    if (!row) throw notFound('entry');
    await recordAudit(tx, {
      userId: p.userId,
      action: `${kind}.discard`,
      entityType: kind,
      entityId: id,
      before: { title: row.title, state: row.state },
    });
  });
}
