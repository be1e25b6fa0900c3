/**
 * Fixed-window counters in the database, so limits hold across instances.
 * An attempt takes its slot before it is tried, in one statement, so a burst
 * of concurrent attempts cannot all read a count under the limit.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { rateLimits } from '../../db/schema/index.ts';

export type RateLimit = { limit: number; windowMs: number };

/**
 * Takes one slot of `key` in the current window (a new window once the last
 * one has passed); false, and nothing counted, when the window is full.
 */
export async function takeRateLimit(db: Db, key: string, rule: RateLimit, now = new Date()): Promise<boolean> {
  const expired = sql`${rateLimits.windowStart} < ${new Date(now.getTime() - rule.windowMs).toISOString()}::timestamptz`;
  // On a conflict PostgreSQL locks the row and re-reads it before the WHERE, so concurrent takes queue up.
  const rows = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`,
      },
      setWhere: sql`${expired} or ${rateLimits.count} < ${rule.limit}`,
    })
    .returning({ count: rateLimits.count });
  return rows.length > 0;
}

/** Gives back a slot taken by an attempt that turned out not to count. */
export async function releaseRateLimit(db: Db, key: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(sql`${rateLimits.key} = ${key}`);
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}
