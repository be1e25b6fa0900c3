/**
 * An embedded database that cannot be opened at start (a power cut or an OS
 * crash can leave PGlite's files damaged) is reported with the commands that
 * put the latest snapshot back: the damaged folder is moved aside, not
 * deleted, and the snapshot is restored into a new one — `enlace restore`
 * cannot open the damaged folder any more than the server can.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { latestIntactSnapshot } from './snapshot.service.ts';
import { snapshotFileName } from './snapshot-retention.ts';

export class DamagedDataError extends Error {
  override readonly name = 'DamagedDataError';
}

const causes = (err: unknown): unknown[] => {
  const chain: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && chain.length < 5; e = (e as { cause?: unknown }).cause)
    chain.push(e);
  return chain;
};

/**
 * How PGlite says it cannot use its folder: it does not start, its
 * WebAssembly aborts, or PostgreSQL answers an error while the database is
 * being prepared. A folder in use by another process, or a file system error,
 * is none of these and keeps its own message.
 */
export function isDatabaseFailure(err: unknown): boolean {
  return causes(err).some(
    (e) =>
      e instanceof WebAssembly.RuntimeError ||
      (e instanceof Error && e.message === 'PGlite failed to initialize properly') ||
      (typeof e === 'object' && e !== null && 'severity' in e && 'code' in e),
  );
}

/** The innermost message, on one line: PostgreSQL's own words rather than the query that failed. */
function reason(err: unknown): string {
  const last = causes(err).at(-1);
  if (last instanceof WebAssembly.RuntimeError) return 'PGlite stopped while reading its files';
  const message = last instanceof Error ? last.message : String(last);
  return (message.split('\n')[0] ?? '').trim().replace(/\.$/, '').slice(0, 300) || 'unknown error';
}

const shownTime = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A path as a shell word. */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

export async function damagedDataMessage(
  config: Pick<Config, 'dataDir' | 'snapshots'>,
  databaseDir: string,
  err: unknown,
  now = new Date(),
): Promise<string> {
  const snapshotDir = config.snapshots?.dir ?? path.join(config.dataDir, 'snapshots');
  const snapshot = await latestIntactSnapshot(snapshotDir);
  const aside = `${databaseDir}.damaged-${snapshotFileName(now).slice('enlace-'.length, -'.gz'.length)}`;
  const move = `mv ${shellWord(databaseDir)} ${shellWord(aside)}`;
  const restore = (file: string) =>
    `ENLACE_DATA_DIR=${shellWord(config.dataDir)} npm run enlace -- restore ${shellWord(file)}`;
  const head = `The embedded database in ${databaseDir} cannot be opened: ${reason(err)}.`;
  if (!snapshot) {
    return `${head}
A power cut or a system crash may have damaged it, and there is no snapshot in ${snapshotDir} to restore.
To restore a backup instead, move the damaged folder aside and restore into a new one:

  ${move}
  ${restore('<backup file>')}`;
  }
  return `${head}
A power cut or a system crash may have damaged it. To restore the latest snapshot (taken ${shownTime(snapshot.takenAt)}),
move the damaged folder aside and restore into a new one, then start Enlace again:

  ${move}
  ${restore(snapshot.file)}

Changes made after the snapshot are not in it.`;
}

/**
 * For `.catch` around opening and preparing the database: on the embedded
 * database, a failure to use its folder becomes a DamagedDataError whose
 * message says how to restore; anything else goes on as it was.
 */
export function reportDamagedData(config: Config, log: Logger) {
  return async (err: unknown): Promise<never> => {
    if (config.database.kind !== 'pglite' || !isDatabaseFailure(err)) throw err;
    const message = await damagedDataMessage(config, config.database.dir, err);
    log.fatal({ dataDir: config.dataDir, reason: reason(err) }, 'the embedded database cannot be opened');
    throw new DamagedDataError(message);
  };
}
