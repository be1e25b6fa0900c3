/**
 * Two versions, read by every instance to know when what it keeps in memory
 * is out of date. Sequences, not rows: bumping takes no lock and waits for no
 * disk flush.
 * - The content version: what anonymous visitors see (the cache of public
 *   pages); bumped after every write that can change it (through HTTP, a CLI
 *   command, a restore, the bundled data).
 * - The private version: what signed-in people see (the pages kept for
 *   them); bumped after every write, including those no visitor sees (a
 *   comment, the evidence of a draft).
 * - The accounts version: who each session signs in. Moved by the database
 *   itself (triggers on users, grants and sessions, migration 0012).
 */
import { sql } from 'drizzle-orm';
import type { Db } from './connect.ts';

type Rows<T> = { rows: T[] };

export type Versions = { content: string; private: string; accounts: string };

/** After a write anyone may see: both versions move. */
export async function bumpContentVersion(db: Db): Promise<void> {
  await db.execute(sql`select nextval('content_version'), nextval('private_version')`);
}

/** After a write only signed-in people may see. */
export async function bumpPrivateVersion(db: Db): Promise<void> {
  await db.execute(sql`select nextval('private_version')`);
}

export async function readVersions(db: Db): Promise<Versions> {
  const result = (await db.execute(
    sql`select (select last_value::text || ':' || is_called::text from content_version) as content,
               (select last_value::text || ':' || is_called::text from private_version) as private,
               (select last_value::text || ':' || is_called::text from accounts_version) as accounts`,
  )) as unknown as Rows<Versions>;
  return result.rows[0] ?? { content: '0', private: '0', accounts: '0' };
}
