/**
 * Stopping `enlace serve` on SIGTERM or SIGINT: cleanly (requests, jobs,
 * snapshots, database), or — past a deadline — anyway, with a warning, so
 * that a supervisor's or a user's stop never hangs. The embedded database
 * survives being cut off like a crash; a stop that never ends helps no one.
 */
import type { Logger } from 'pino';

/** Within the 10 s that service managers (and `docker stop`) give before SIGKILL. */
export const STOP_DEADLINE_MS = 8_000;

export type ShutdownOptions = {
  deadlineMs?: number;
  exit?: (code: number) => void;
};

/**
 * The handler for stop signals. Ctrl-C sends SIGINT to the whole process
 * group and `npm start` forwards it again: a repeated signal while stopping
 * changes nothing.
 */
export function shutdownHandler(
  stop: () => Promise<void>,
  log: Logger,
  { deadlineMs = STOP_DEADLINE_MS, exit = (code) => process.exit(code) }: ShutdownOptions = {},
): (signal: NodeJS.Signals) => void {
  let stopping = false;
  return (signal) => {
    if (stopping) {
      log.debug({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      log.warn({ signal, seconds: deadlineMs / 1000 }, 'did not stop in time: exiting anyway');
      exit(1);
    }, deadlineMs);
    stop().then(
      () => {
        clearTimeout(deadline);
        log.info('stopped');
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(deadline);
        log.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
}
