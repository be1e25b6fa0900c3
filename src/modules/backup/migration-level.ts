/**
 * Migration levels: which of the code's migrations a database (or a backup)
 * has, and applying them the way Drizzle's migrator does — same statements,
 * same `drizzle.__drizzle_migrations` rows — so that a restore can rebuild the
 * schema at the backup's level, load the rows, and then migrate on.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SQL, sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from '../../db/connect.ts';
import { BackupError, type BackupMigration } from './backup-format.ts';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../db/migrations', import.meta.url));

export type Migration = BackupMigration & { statements: string[] };

/** Rows of a raw query, on either driver. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** The migrations this version of Enlace ships, oldest first. */
export function knownMigrations(): Migration[] {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: { when: number; tag: string }[];
  };
  return readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).map((m) => ({
    hash: m.hash,
    createdAt: m.folderMillis,
    tag: journal.entries.find((e) => e.when === m.folderMillis)?.tag ?? null,
    statements: m.sql,
  }));
}

/** The migrations applied to a database, oldest first; null when it has never been migrated. */
export async function appliedMigrations(db: Db, known = knownMigrations()): Promise<BackupMigration[] | null> {
  const [table] = await rowsOf<{ name: string | null }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`,
  );
  if (!table?.name) return null;
  const rows = await rowsOf<{ hash: string; created_at: string | number }>(
    db,
    sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at, id`,
  );
  return rows.map((r) => {
    const createdAt = Number(r.created_at);
    return { hash: r.hash, createdAt, tag: known.find((k) => k.createdAt === createdAt)?.tag ?? null };
  });
}

const describe = (m: BackupMigration) => m.tag ?? `a migration of ${new Date(m.createdAt).toISOString()}`;

/**
 * How many of the code's migrations the backup was made at. A backup with a
 * migration the code does not know was made by a newer Enlace: refused.
 */
export function backupLevel(file: string, migrations: BackupMigration[], known: Migration[]): number {
  const newest = known.at(-1);
  for (const [i, m] of migrations.entries()) {
    const ours = known[i];
    if (ours?.hash === m.hash && ours.createdAt === m.createdAt) continue;
    if (!newest || m.createdAt > newest.createdAt) {
      throw new BackupError(
        `${file} was made by a newer version of Enlace (its database has ${describe(m)}, which this version does not know). Upgrade Enlace, then restore it.`,
      );
    }
    throw new BackupError(`${file} does not match this version of Enlace's migrations (at ${describe(m)}).`);
  }
  return migrations.length;
}

export async function createMigrationsTable(tx: Db): Promise<void> {
  await tx.execute(sql`create schema if not exists drizzle`);
  await tx.execute(sql`drop table if exists drizzle.__drizzle_migrations`);
  await tx.execute(
    sql`create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
  );
}

export async function applyMigrations(tx: Db, migrations: Migration[]): Promise<void> {
  for (const migration of migrations) {
    for (const statement of migration.statements) await tx.execute(sql.raw(statement));
    await tx.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.createdAt})`,
    );
  }
}
