/** What a backup needs to know of the database's tables, read from the catalog (so it follows every migration). */
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/connect.ts';
import * as schema from '../../db/schema/index.ts';
import { rowsOf } from './migration-level.ts';

export type TableShape = {
  name: string;
  columns: string[];
  /** json/jsonb columns: written as `[value]` so a JSON null is not mistaken for SQL NULL. */
  wrapped: string[];
  primaryKey: string[];
  hasBytea: boolean;
};

/** Every ordinary table of the public schema, by name. */
export async function tableShapes(db: Db): Promise<TableShape[]> {
  const rows = await rowsOf<{
    name: string;
    columns: string[];
    wrapped: string[];
    primary_key: string[];
    has_bytea: boolean;
  }>(
    db,
    sql`select c.relname::text as name,
          (select coalesce(jsonb_agg(a.attname::text order by a.attnum), '[]'::jsonb) from pg_attribute a
            where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = '') as columns,
          (select coalesce(jsonb_agg(a.attname::text order by a.attnum), '[]'::jsonb) from pg_attribute a
            where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
              and a.atttypid in ('json'::regtype, 'jsonb'::regtype)) as wrapped,
          (select coalesce(jsonb_agg(a.attname::text order by k.n), '[]'::jsonb)
             from pg_index i cross join lateral unnest(i.indkey) with ordinality as k(attnum, n)
             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
            where i.indrelid = c.oid and i.indisprimary) as primary_key,
          exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                   and a.atttypid = 'bytea'::regtype) as has_bytea
        from pg_class c
       where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
       order by c.relname`,
  );
  return rows.map((r) => ({
    name: r.name,
    columns: r.columns,
    wrapped: r.wrapped,
    primaryKey: r.primary_key,
    hasBytea: r.has_bytea,
  }));
}

/** The tables of this version's schema: the ones a restore may drop and re-create. */
export function enlaceTableNames(): string[] {
  return (Object.values(schema) as unknown[]).flatMap((value) =>
    is(value, PgTable) ? [getTableConfig(value).name] : [],
  );
}

export type ForeignKey = { table: string; name: string; definition: string };

export async function foreignKeys(db: Db): Promise<ForeignKey[]> {
  return rowsOf<ForeignKey>(
    db,
    sql`select t.relname::text as "table", k.conname::text as name, pg_get_constraintdef(k.oid) as definition
          from pg_constraint k join pg_class t on t.oid = k.conrelid
         where k.contype = 'f' and k.connamespace = 'public'::regnamespace
         order by t.relname, k.conname`,
  );
}

/** Sequences owned by a column (serial, identity), each with its table and column. */
export async function ownedSequences(db: Db): Promise<{ sequence: string; table: string; column: string }[]> {
  return rowsOf(
    db,
    sql`select s.relname::text as sequence, t.relname::text as "table", a.attname::text as "column"
          from pg_class s
          join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')
          join pg_class t on t.oid = d.refobjid
          join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
         where s.relkind = 'S' and s.relnamespace = 'public'::regnamespace and t.relnamespace = 'public'::regnamespace`,
  );
}
