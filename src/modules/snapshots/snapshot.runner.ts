/**
 * Takes a snapshot every interval while the server runs, one at a time. The
 * first is due one interval after the newest snapshot already in the folder
 * (at once when there is none), so restarting the server neither skips nor
 * piles up snapshots.
 */
import type { Logger } from 'pino';
import type { Database } from '../../db/connect.ts';
import { listSnapshots, removePartialSnapshots, type Snapshot, takeSnapshot } from './snapshot.service.ts';

export type SnapshotRunnerOptions = {
  database: Database;
  dir: string;
  intervalMs: number;
  log: Logger;
  /** The clock: snapshot names and retention follow it (tests drive it). */
  now?: () => Date;
};

export type SnapshotRunner = {
  /** Takes a snapshot now (after the one in progress, if any). */
  takeNow(): Promise<Snapshot>;
  /** No more snapshots; waits for the one in progress. */
  stop(): Promise<void>;
};

export async function startSnapshots({
  database,
  dir,
  intervalMs,
  log,
  now = () => new Date(),
}: SnapshotRunnerOptions): Promise<SnapshotRunner> {
  await removePartialSnapshots(dir);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();

  const takeNow = (): Promise<Snapshot> => {
    const taken = queue.then(() => takeSnapshot(database, dir, now()));
    // The next snapshot waits for this one whatever its outcome; the outcome goes to whoever asked.
    queue = taken.then(
      () => undefined,
      () => undefined,
    );
    return taken;
  };
  const scheduled = async () => {
    const started = performance.now();
    try {
      const s = await takeNow();
      // How long the database was held: on PGlite other requests wait for a snapshot.
      const ms = Math.round(performance.now() - started);
      log.info({ file: s.file, bytes: s.bytes, rows: s.rows, ms, removed: s.removed }, 'snapshot taken');
    } catch (err) {
      // A full disk or a failing database must not stop the server: the next snapshot tries again.
      log.error({ err, dir }, 'snapshot failed');
    }
    if (!stopped) arm(intervalMs);
  };
  const arm = (delayMs: number) => {
    timer = setTimeout(() => void scheduled(), delayMs);
    // Snapshots alone must not keep the process alive.
    timer.unref();
  };

  const [newest] = await listSnapshots(dir);
  arm(newest ? Math.max(0, newest.takenAt.getTime() + intervalMs - now().getTime()) : 0);
  return {
    takeNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await queue;
    },
  };
}
