/**
 * Background jobs: rows in `jobs`, run by whichever instance claims them
 * first (FOR UPDATE SKIP LOCKED), retried with exponential backoff.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { Logger } from 'pino';
import type { Db } from '../../db/connect.ts';
import { jobs } from '../../db/schema/index.ts';

/** Records a failure somewhere else than on the job, e.g. on the outbox row a job was sending. */
export type FailureRecorder = (db: Db, message: string) => Promise<unknown>;

export type JobContext = {
  /** The job's transaction (inside a savepoint): everything the handler writes commits with the job. */
  db: Db;
  jobId: string;
  /**
   * Registers `record` to run if the handler fails, after its own changes are
   * rolled back: whatever a handler writes before throwing is undone.
   */
  onFailure(record: FailureRecorder): void;
};

/** Payloads are stored JSON: a handler parses its own. */
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export const MAX_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min, … after the 1st, 2nd, 3rd failure; never more than an hour. */
export function retryDelaySeconds(failuresBefore: number): number {
  return Math.min(30 * 2 ** failuresBefore, 3600);
}

export type EnqueueJobInput = { kind: string; payload: unknown; runAt?: Date; uniqueKey?: string };

/** Adds a job; with a `uniqueKey` already enqueued it does nothing and returns that job's id. */
export async function enqueueJob(db: Db, input: EnqueueJobInput): Promise<{ id: string; created: boolean }> {
  const id = randomUUID();
  const inserted = await db
    .insert(jobs)
    .values({ id, kind: input.kind, payload: input.payload, runAt: input.runAt, uniqueKey: input.uniqueKey })
    .onConflictDoNothing({ target: jobs.uniqueKey })
    .returning({ id: jobs.id });
  if (inserted.length > 0 || input.uniqueKey === undefined) return { id, created: true };
  const [existing] = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.uniqueKey, input.uniqueKey));
  if (!existing) throw new Error(`job ${input.uniqueKey} conflicted but is gone`);
  return { id: existing.id, created: false };
}

export type RunDueJobsOptions = {
  /** Written to `locked_by`: which instance ran a job last. */
  workerId: string;
  /** At most this many jobs per call (default 100). */
  limit?: number;
  /** The time to run at (tests); the database's clock otherwise, so that every instance agrees. */
  now?: Date;
  /** Where failed jobs are reported; they are recorded on the job either way. */
  log?: Logger;
};

/** Runs due jobs one at a time, each in its own transaction; returns how many ran (failed or not). */
export async function runDueJobs(db: Db, handlers: JobHandlers, options: RunDueJobsOptions): Promise<number> {
  const limit = options.limit ?? 100;
  let ran = 0;
  while (ran < limit && (await runNextJob(db, handlers, options))) ran++;
  return ran;
}

type Job = typeof jobs.$inferSelect;

async function runNextJob(db: Db, handlers: JobHandlers, options: RunDueJobsOptions): Promise<boolean> {
  const now = options.now ? sql`${options.now.toISOString()}::timestamptz` : sql`now()`;
  return db.transaction(async (tx) => {
    // The row lock is the claim: other instances skip this job until we commit.
    const [job] = await tx
      .select()
      .from(jobs)
      .where(and(isNull(jobs.doneAt), lte(jobs.runAt, now)))
      .orderBy(asc(jobs.runAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!job) return false;
    const attempts = job.attempts + 1;
    const run = { attempts, lockedBy: options.workerId, lockedAt: now };
    const failure = await runHandler(tx, handlers, job);
    if (!failure) {
      await tx
        .update(jobs)
        .set({ ...run, doneAt: now, lastError: null })
        .where(eq(jobs.id, job.id));
      return true;
    }
    const givenUp = attempts >= MAX_ATTEMPTS;
    const next: { doneAt: SQL } | { runAt: SQL } = givenUp
      ? { doneAt: now }
      : { runAt: sql`${now} + make_interval(secs => ${retryDelaySeconds(job.attempts)})` };
    await tx
      .update(jobs)
      .set({ ...run, ...next, lastError: failure.message })
      .where(eq(jobs.id, job.id));
    options.log?.warn({ jobId: job.id, kind: job.kind, attempts, givenUp, err: failure.error }, 'job failed');
    return true;
  });
}

type Failure = { message: string; error?: unknown };

/** Runs the job's handler in a savepoint, so that its failure leaves the job's bookkeeping to commit. */
async function runHandler(tx: Db, handlers: JobHandlers, job: Job): Promise<Failure | undefined> {
  // hasOwn: a kind such as 'constructor' must not find Object's prototype.
  const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
  if (!handler) return { message: `no handler for job kind '${job.kind}'` };
  const recorders: FailureRecorder[] = [];
  try {
    await tx.transaction((savepoint) =>
      handler(job.payload, { db: savepoint, jobId: job.id, onFailure: (record) => recorders.push(record) }),
    );
    return undefined;
  } catch (error) {
    const failure: Failure = { message: messageOf(error), error };
    for (const record of recorders) await recordFailure(tx, record, failure);
    return failure;
  }
}

/** A recorder that fails must not take the job's bookkeeping down with it: its error joins the job's. */
async function recordFailure(tx: Db, record: FailureRecorder, failure: Failure): Promise<void> {
  try {
    await tx.transaction((savepoint) => record(savepoint, failure.message));
  } catch (error) {
    failure.message += `; recording the failure failed: ${messageOf(error)}`;
  }
}

/** For a failed query, the database's reason: Drizzle's own message would store the query's parameters. */
function messageOf(error: unknown): string {
  if (error instanceof DrizzleQueryError && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
