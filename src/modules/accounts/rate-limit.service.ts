/** Fixed-window counters in the database, so limits hold across instances. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { rateLimits } from '../../db/schema/index.ts';

export type RateLimit = { limit: number; windowMs: number };

/** Counts one more hit on `key`; returns the count in the current window. */
export async function hitRateLimit(db: Db, key: string, rule: RateLimit, now = new Date()): Promise<number> {
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < ${windowStart.toISOString()} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < ${windowStart.toISOString()} then ${now.toISOString()}::timestamptz else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count });
  return row?.count ?? 1;
}

/** The current count of `key` without counting. */
export async function peekRateLimit(db: Db, key: string, rule: RateLimit, now = new Date()): Promise<number> {
  const rows = await db
    .select({ count: rateLimits.count, windowStart: rateLimits.windowStart })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key}`);
  const row = rows[0];
  if (!row || row.windowStart.getTime() < now.getTime() - rule.windowMs) return 0;
  return row.count;
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}
