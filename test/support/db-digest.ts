/**
 * The content of a database, table by table: a row count and a digest of
 * every row (as JSON, in a stable order) for each table of the public
 * schema. Two databases with equal digests hold the same data; a digest that
 * did not change means nothing was written.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/connect.ts';

export type TableDigest = { rows: number; md5: string };

type Rows<T> = { rows: T[] };

export async function tableNames(db: Db): Promise<string[]> {
  const result = (await db.execute(
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  )) as unknown as Rows<{ tablename: string }>;
  return result.rows.map((r) => r.tablename);
}

/** Every table's rows and digest; `skip` leaves out tables that legitimately change (sessions, rate limits). */
export async function databaseDigest(db: Db, skip: string[] = []): Promise<Record<string, TableDigest>> {
  const out: Record<string, TableDigest> = {};
  for (const table of await tableNames(db)) {
    if (skip.includes(table)) continue;
    const result = (await db.execute(
      sql`select count(*)::int as rows, coalesce(md5(string_agg(j, E'\n' order by j)), '') as md5
          from (select to_jsonb(t)::text as j from ${sql.identifier(table)} t) s`,
    )) as unknown as Rows<TableDigest>;
    out[table] = result.rows[0] as TableDigest;
  }
  return out;
}
