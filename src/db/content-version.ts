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

// Each version as `readVersions` reads it: the sequence's value, and whether it was ever taken.
const read = (sequence: 'content_version' | 'private_version' | 'accounts_version') =>
  sql.raw(`(select last_value::text || ':' || is_called::text from ${sequence})`);
const taken = (sequence: 'content_version' | 'private_version') => sql.raw(`nextval('${sequence}')::text || ':true'`);

const versionsOf = async (db: Db, query: ReturnType<typeof sql>): Promise<Versions> =>
  ((await db.execute(query)) as unknown as Rows<Versions>).rows[0] ?? { content: '0', private: '0', accounts: '0' };

export function readVersions(db: Db): Promise<Versions> {
  return versionsOf(
    db,
    sql`select ${read('content_version')} as content, ${read('private_version')} as private,
                                   ${read('accounts_version')} as accounts`,
  );
}

/**
 * After a write through HTTP, in one statement: the content version (when
 * visitors may see the write) and the private version move, and the versions
 * are answered as `readVersions` would read them right after.
 */
export function bumpVersions(db: Db, seenByVisitors: boolean): Promise<Versions> {
  const content = seenByVisitors ? taken('content_version') : read('content_version');
  return versionsOf(
    db,
    sql`select ${content} as content, ${taken('private_version')} as private,
                                   ${read('accounts_version')} as accounts`,
  );
}
