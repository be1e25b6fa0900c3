/** `enlace backup <file>` and `enlace restore <file> [--force]`, on the database the environment selects. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { backupDatabase } from '../modules/backup/backup.service.ts';
import { BackupError } from '../modules/backup/backup-format.ts';
import { openBackup, restoreDatabase } from '../modules/backup/restore.service.ts';

export const BACKUP_USAGE = `enlace backup <file>
  Writes every table of the database to <file> (gzip-compressed JSON lines), in one consistent
  snapshot. Works on the embedded database (stop the server first) and on PostgreSQL (also while
  servers run).

enlace restore <file> [--force]
  Replaces the WHOLE content of the database with the backup's, in one transaction: if anything
  fails, nothing changes. The database is then migrated to this version of Enlace. A backup of
  the embedded database restores onto PostgreSQL and the other way round. --force is needed when
  the database already has user accounts. Stop the servers using the database first.`;

const describeDatabase = (database: Config['database']) =>
  database.kind === 'pglite' ? `the embedded database in ${database.dir}` : 'the PostgreSQL database';

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function fileArgument(command: string, args: string[], withForce: boolean) {
  const { values, positionals } = parseArgs({
    args,
    options: withForce ? { force: { type: 'boolean', default: false } } : {},
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1 || !positionals[0])
    throw new BackupError(`Usage: enlace ${command} <file>${withForce ? ' [--force]' : ''}\n\n${BACKUP_USAGE}`);
  return { file: path.resolve(positionals[0]), force: (values as { force?: boolean }).force === true };
}

async function backup(file: string, database: Config['database'], print: (line: string) => void) {
  if (database.kind === 'pglite' && !existsSync(path.join(database.dir, 'PG_VERSION')))
    throw new BackupError(
      `There is no embedded database in ${database.dir} to back up (set ENLACE_DATA_DIR or DATABASE_URL).`,
    );
  const opened = await openDatabase(database);
  try {
    const done = await backupDatabase(opened, file);
    print(
      `Backed up ${describeDatabase(database)} to ${done.file}: ${done.tables} tables, ${done.rows} rows, ${mebibytes(done.bytes)} (migration ${done.migration ?? 'unknown'}).`,
    );
  } finally {
    await opened.close();
  }
}

async function restore(file: string, force: boolean, database: Config['database'], print: (line: string) => void) {
  // The file is checked before the database is opened (or, for the embedded one, created).
  const backup = await openBackup(file).catch((err: unknown) => {
    throw err instanceof BackupError ? new BackupError(`${err.message} The database was left as it was.`) : err;
  });
  try {
    const opened = await openDatabase(database);
    try {
      const done = await restoreDatabase(opened, backup, { force });
      const source = done.source.kind === 'pglite' ? 'an embedded database' : `PostgreSQL ${done.source.serverVersion}`;
      print(
        `Restored ${done.file} (made ${done.createdAt} from ${source}) into ${describeDatabase(database)}: ${done.tables} tables, ${done.rows} rows, now at migration ${done.migration ?? 'unknown'}.`,
      );
    } finally {
      await opened.close();
    }
  } finally {
    await backup.close();
  }
}

export async function runBackupCommand(
  command: 'backup' | 'restore',
  args: string[],
  database: Config['database'],
  print: (line: string) => void,
): Promise<number> {
  const { file, force } = fileArgument(command, args, command === 'restore');
  if (command === 'backup') await backup(file, database, print);
  else await restore(file, force, database, print);
  return 0;
}
