/**
 * `enlace restore`: replaces the database's content with a backup's, in ONE
 * transaction — a damaged file, a newer format or any failure leaves the
 * database as it was. The schema is rebuilt at the backup's migration level,
 * the rows are loaded (foreign keys set aside and checked again at the end),
 * and the remaining migrations of this version are applied on top.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/connect.ts';
import { bumpContentVersion } from '../../db/content-version.ts';
import { backupLines, checkBackupFile, verifyBackupFile } from './backup-file.ts';
import {
  BackupError,
  type BackupHeader,
  type BackupTable,
  damaged,
  EndLine,
  readHeader,
  readLine,
  TableLine,
} from './backup-format.ts';
import {
  applyMigrations,
  backupLevel,
  createMigrationsTable,
  knownMigrations,
  type Migration,
  rowsOf,
} from './migration-level.ts';
import { enlaceTableNames, foreignKeys, ownedSequences, tableShapes } from './table-shapes.ts';

export type RestoreSummary = {
  file: string;
  createdAt: string;
  source: BackupHeader['source'];
  tables: number;
  rows: number;
  migration: string | null;
};

const BATCH_CHARS = 4_000_000;
const MAX_BATCH_ROWS = 500;

type Lines = AsyncGenerator<string, void, undefined>;

async function nextLine(lines: Lines): Promise<string | undefined> {
  const next = await lines.next();
  return next.done ? undefined : next.value;
}

/** Refuses to overwrite accounts (and so whatever they entered) unless told to. */
async function checkTarget(tx: Db, force: boolean): Promise<void> {
  const [users] = await rowsOf<{ name: string | null }>(tx, sql`select to_regclass('public.users')::text as name`);
  if (!users?.name || force) return;
  const [count] = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from public.users`);
  const n = count?.n ?? 0;
  if (n > 0) {
    throw new BackupError(
      `The database already holds data (${n} user account${n === 1 ? '' : 's'}). Restoring replaces all of it with the backup's content; run the command again with --force to go ahead.`,
    );
  }
}

async function dropEnlaceTables(tx: Db, header: BackupHeader): Promise<void> {
  const names = new Set([...enlaceTableNames(), ...header.tables.map((t) => t.name)]);
  for (const name of names) await tx.execute(sql`drop table if exists public.${sql.identifier(name)} cascade`);
}

async function checkShapes(tx: Db, header: BackupHeader): Promise<void> {
  const shapes = new Map((await tableShapes(tx)).map((s) => [s.name, s]));
  for (const table of header.tables) {
    const shape = shapes.get(table.name);
    const mismatch = !shape
      ? `it holds a table ${table.name}, which Enlace's schema does not have`
      : shape.columns.length !== table.columns.length ||
          !table.columns.every((c) => shape.columns.includes(c)) ||
          !table.wrapped.every((c) => shape.wrapped.includes(c))
        ? `the columns of its table ${table.name} differ from Enlace's`
        : null;
    if (mismatch)
      throw new BackupError(`The backup does not match Enlace's schema at its migration level: ${mismatch}.`);
  }
}

async function insertBatch(tx: Db, table: BackupTable, rows: string[]): Promise<void> {
  const target = sql`public.${sql.identifier(table.name)}`;
  const columns = sql.join(
    table.columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  const values = sql.join(
    table.columns.map((c) =>
      table.wrapped.includes(c) ? sql`r.${sql.identifier(c)} -> 0` : sql`r.${sql.identifier(c)}`,
    ),
    sql`, `,
  );
  await tx.execute(
    sql`insert into ${target} (${columns}) select ${values} from jsonb_populate_recordset(null::${target}, ${`[${rows.join(',')}]`}::jsonb) r`,
  );
}

async function loadTable(tx: Db, table: BackupTable, lines: Lines): Promise<void> {
  const marker = readLine(TableLine, await nextLine(lines), `the start of table ${table.name}`);
  if (marker.table !== table.name) throw damaged(`table ${marker.table} is where ${table.name} should be`);
  let batch: string[] = [];
  let chars = 0;
  for (let i = 0; i < table.rows; i++) {
    const line = await nextLine(lines);
    if (line === undefined) throw damaged(`it ends inside table ${table.name}`);
    if (!line.startsWith('{')) throw damaged(`a row of table ${table.name} is not a row`);
    batch.push(line);
    chars += line.length;
    if (chars >= BATCH_CHARS || batch.length >= MAX_BATCH_ROWS) {
      await insertBatch(tx, table, batch);
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) await insertBatch(tx, table, batch);
}

/** Serial and identity columns continue after the restored rows. */
async function resetSequences(tx: Db): Promise<void> {
  for (const s of await ownedSequences(tx)) {
    await tx.execute(
      sql`select setval(${`public."${s.sequence.replaceAll('"', '""')}"`}::regclass, coalesce((select max(${sql.identifier(s.column)}) from public.${sql.identifier(s.table)}), 0) + 1, false)`,
    );
  }
}

async function replaceContent(tx: Db, header: BackupHeader, level: Migration[], later: Migration[], lines: Lines) {
  await dropEnlaceTables(tx, header);
  await createMigrationsTable(tx);
  await applyMigrations(tx, level);
  await checkShapes(tx, header);
  // Rows come in primary-key order, not parents first: set the foreign keys aside, then check them all.
  const keys = await foreignKeys(tx);
  for (const k of keys)
    await tx.execute(sql`alter table public.${sql.identifier(k.table)} drop constraint ${sql.identifier(k.name)}`);
  // Rows a migration put in (the default legislation topics) give way to the backup's.
  for (const table of header.tables) await tx.execute(sql`delete from public.${sql.identifier(table.name)}`);
  for (const table of header.tables) await loadTable(tx, table, lines);
  const end = readLine(EndLine, await nextLine(lines), 'its end line');
  const rows = header.tables.reduce((n, t) => n + t.rows, 0);
  if (end.tables !== header.tables.length || end.rows !== rows) throw damaged('its end line does not match its header');
  if ((await nextLine(lines)) !== undefined) throw damaged('there is more after its end line');
  // Checks left for the commit (a document's countries) run now: a table with checks pending cannot be altered.
  await tx.execute(sql`set constraints all immediate`);
  for (const k of keys) {
    await tx.execute(
      sql`alter table public.${sql.identifier(k.table)} add constraint ${sql.identifier(k.name)} ${sql.raw(k.definition)}`,
    );
  }
  await resetSequences(tx);
  await applyMigrations(tx, later);
  return rows;
}

/** A backup file whose header has been read and checked, before any database is touched. */
export type OpenedBackup = {
  file: string;
  header: BackupHeader;
  known: Migration[];
  /** How many of `known` the backup was made at. */
  level: number;
  lines: Lines;
  close(): Promise<void>;
};

export async function openBackup(file: string): Promise<OpenedBackup> {
  await checkBackupFile(file);
  await verifyBackupFile(file);
  const lines = backupLines(file);
  const close = async () => {
    await lines.return(undefined);
  };
  try {
    const header = readHeader(file, await nextLine(lines));
    const known = knownMigrations();
    return { file, header, known, level: backupLevel(file, header.migrations, known), lines, close };
  } catch (err) {
    await close();
    throw err;
  }
}

export async function restoreDatabase(
  database: Database,
  backup: OpenedBackup,
  options: { force: boolean },
): Promise<RestoreSummary> {
  const { header, known, level, lines } = backup;
  const rows = await database
    .exclusive('enlace.startup', (db) =>
      db.transaction(async (tx) => {
        await checkTarget(tx, options.force);
        return replaceContent(tx, header, known.slice(0, level), known.slice(level), lines);
      }),
    )
    .catch((err: unknown) => {
      const reason = err instanceof BackupError ? err.message : `Restore failed: ${(err as Error).message}.`;
      throw new BackupError(`${reason} The database was left as it was.`);
    });
  // Servers still running on this database drop what they cached of the old content.
  await bumpContentVersion(database.db);
  return {
    file: backup.file,
    createdAt: header.createdAt,
    source: header.source,
    tables: header.tables.length,
    rows,
    migration: known.at(-1)?.tag ?? null,
  };
}
