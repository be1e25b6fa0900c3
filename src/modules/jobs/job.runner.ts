/** Polls for due jobs on a timer, in every instance of the application, until stopped. */
import type { Logger } from 'pino';
import type { Db } from '../../db/connect.ts';
import { type JobHandlers, runDueJobs } from './job.service.ts';

export type JobRunnerOptions = {
  db: Db;
  handlers: JobHandlers;
  log: Logger;
  /** Pause between polls that found less than a full batch (default 2 s). */
  intervalMs?: number;
  workerId: string;
};

export type JobRunner = { stop(): Promise<void> };

const BATCH = 100;

export function startJobRunner({ db, handlers, log, intervalMs = 2000, workerId }: JobRunnerOptions): JobRunner {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> = Promise.resolve();

  const poll = async () => {
    let ran = 0;
    try {
      ran = await runDueJobs(db, handlers, { workerId, limit: BATCH, log });
      if (ran > 0) log.debug({ workerId, ran }, 'jobs ran');
    } catch (err) {
      // A lost connection or a broken database must not end the runner: the next poll tries again.
      log.error({ err, workerId }, 'polling for jobs failed');
    }
    if (stopped) return;
    // A full batch means more may be waiting: go on at once.
    timer = setTimeout(schedule, ran === BATCH ? 0 : intervalMs);
    // The runner alone must not keep the process alive.
    timer.unref();
  };
  const schedule = () => {
    polling = poll();
  };

  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await polling;
    },
  };
}
