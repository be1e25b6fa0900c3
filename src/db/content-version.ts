/**
 * The content version: a sequence bumped after every write that can change
 * what anonymous visitors see (through HTTP, or a CLI command), read by every
 * instance to know when its cache of public pages is out of date. A sequence,
 * not a row: bumping takes no lock and waits for no disk flush.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './connect.ts';

type Rows<T> = { rows: T[] };

export async function bumpContentVersion(db: Db): Promise<void> {
  await db.execute(sql`select nextval('content_version')`);
}

export async function readContentVersion(db: Db): Promise<string> {
  const result = (await db.execute(
    sql`select last_value::text || ':' || is_called::text as v from content_version`,
  )) as unknown as Rows<{
    v: string;
  }>;
  return result.rows[0]?.v ?? '0';
}
