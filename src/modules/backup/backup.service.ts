/**
 * `enlace backup`: every row of every table, read in one REPEATABLE READ
 * snapshot (consistent while a server keeps writing to PostgreSQL), written
 * as the portable format of `backup-format.ts`.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/connect.ts';
import { type BackupWriter, writeBackupFile } from './backup-file.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, type BackupHeader, type BackupTable } from './backup-format.ts';
import { appliedMigrations, rowsOf } from './migration-level.ts';
import { type TableShape, tableShapes } from './table-shapes.ts';

export type BackupSummary = { file: string; bytes: number; tables: number; rows: number; migration: string | null };

/** A batch of about this many characters of JSON is fetched at a time, so large files do not pile up in memory. */
const BATCH_CHARS = 4_000_000;
const MAX_BATCH_ROWS = 1000;

/** The JSON of a row; wrapped columns as `[value]` (see `backup-format.ts`). */
function rowJson(shape: TableShape): SQL {
  if (shape.wrapped.length === 0) return sql`to_jsonb(t)::text`;
  const pairs = shape.wrapped.map(
    (c) =>
      sql`${c}::text, case when t.${sql.identifier(c)} is null then null else jsonb_build_array(t.${sql.identifier(c)}) end`,
  );
  return sql`(to_jsonb(t) || jsonb_build_object(${sql.join(pairs, sql`, `)}))::text`;
}

async function writeRows(tx: Db, shape: TableShape, expected: number, out: BackupWriter): Promise<void> {
  const order = shape.primaryKey.length
    ? sql` order by ${sql.join(
        shape.primaryKey.map((c) => sql.identifier(c)),
        sql`, `,
      )}`
    : sql``;
  await tx.execute(
    sql`declare enlace_backup no scroll cursor for select ${rowJson(shape)} as row from public.${sql.identifier(shape.name)} t${order}`,
  );
  let batch = shape.hasBytea ? 1 : 200;
  let written = 0;
  for (;;) {
    const rows = await rowsOf<{ row: string }>(tx, sql`fetch forward ${sql.raw(String(batch))} from enlace_backup`);
    let chars = 0;
    for (const { row } of rows) {
      await out.write(row);
      chars += row.length;
    }
    written += rows.length;
    if (rows.length < batch) break;
    batch = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(BATCH_CHARS / Math.max(1, chars / rows.length))));
  }
  await tx.execute(sql`close enlace_backup`);
  if (written !== expected)
    throw new Error(`table ${shape.name} changed during the backup (${written} rows read, ${expected} counted)`);
}

export async function backupDatabase(database: Database, file: string): Promise<BackupSummary> {
  let summary = { tables: 0, rows: 0, migration: null as string | null };
  const bytes = await writeBackupFile(file, (out) =>
    database.db.transaction(
      async (tx) => {
        // The file is the same whatever the server's settings.
        await tx.execute(sql`set local time zone 'UTC'`);
        await tx.execute(sql`set local bytea_output = 'hex'`);
        const migrations = await appliedMigrations(tx);
        if (!migrations || migrations.length === 0)
          throw new BackupError('This database holds no Enlace data yet: nothing to back up.');
        const [server] = await rowsOf<{ version: string }>(
          tx,
          sql`select current_setting('server_version') as version`,
        );
        const shapes = await tableShapes(tx);
        const tables: BackupTable[] = [];
        for (const shape of shapes) {
          const [count] = await rowsOf<{ n: number }>(
            tx,
            sql`select count(*)::int as n from public.${sql.identifier(shape.name)}`,
          );
          tables.push({ name: shape.name, columns: shape.columns, wrapped: shape.wrapped, rows: count?.n ?? 0 });
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          source: { kind: database.kind, serverVersion: server?.version ?? 'unknown' },
          migrations,
          tables,
        };
        await out.write(JSON.stringify(header));
        for (const [i, shape] of shapes.entries()) {
          await out.write(JSON.stringify({ table: shape.name }));
          await writeRows(tx, shape, tables[i]?.rows ?? 0, out);
        }
        const rows = tables.reduce((n, t) => n + t.rows, 0);
        await out.write(JSON.stringify({ end: true, tables: tables.length, rows }));
        summary = { tables: tables.length, rows, migration: migrations.at(-1)?.tag ?? null };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    ),
  );
  return { file, bytes, ...summary };
}
