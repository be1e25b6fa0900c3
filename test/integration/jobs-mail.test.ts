/**
 * The job runner and the e-mail outbox on PGlite and PostgreSQL, delivering
 * to a real SMTP server, with two runners competing for the same jobs (on
 * PostgreSQL from separate connection pools, as two instances would; PGlite
 * has one connection, where they only interleave).
 */
import { Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Database, openPglite } from '../../src/db/connect.ts';
import { jobs, outbox } from '../../src/db/schema/index.ts';
import { startJobRunner } from '../../src/modules/jobs/job.runner.ts';
import { enqueueJob, type JobHandlers, runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { listOutbox, queueMail } from '../../src/modules/mail/mail.service.ts';
import { createTransport, type MailTransport, mailHandlers } from '../../src/modules/mail/mailer.ts';
import {
  closeTwoInstances,
  dialects,
  openTwoInstances,
  silentLog,
  type TwoInstances,
  twoRunners,
} from '../support/databases.ts';
import { startSmtpServer } from '../support/smtp.ts';

const FROM = 'Enlace <no-reply@enlace.localhost>';

/** Runs jobs until none is left for this runner. */
async function drain(db: Database['db'], handlers: JobHandlers, workerId: string, now?: Date) {
  let total = 0;
  for (;;) {
    const ran = await runDueJobs(db, handlers, { workerId, now });
    if (ran === 0) return total;
    total += ran;
  }
}

describe.each(dialects())('jobs and the e-mail outbox on $name', (dialect) => {
  let instances: TwoInstances;
  let database: Database;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let transport: MailTransport;

  beforeAll(async () => {
    instances = await openTwoInstances(dialect);
    database = instances.first;
    smtp = await startSmtpServer();
    transport = createTransport({ smtpUrl: smtp.url, from: FROM }, silentLog) as MailTransport;
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    await closeTwoInstances(instances);
  });
  beforeEach(async () => {
    await database.db.delete(jobs);
    await database.db.delete(outbox);
    smtp.received.length = 0;
  });

  const jobsOfKind = (kind: string) => database.db.select().from(jobs).where(eq(jobs.kind, kind));

  it(`delivers each queued message exactly once with ${twoRunners(dialect)}, and a duplicate key not at all`, async () => {
    const subjects = Array.from({ length: 10 }, (_, i) => `Message ${i + 1}`);
    for (const [i, subject] of subjects.entries()) {
      const queued = await queueMail(database.db, {
        dedupeKey: `test:${i + 1}`,
        kind: 'reminder',
        to: `user${i + 1}@example.org`,
        subject,
        text: `Body of ${subject}`,
        html: i === 0 ? '<p>Body of <b>Message 1</b></p>' : undefined,
        attachments:
          i === 0 ? [{ filename: 'note.txt', contentType: 'text/plain', content: Buffer.from('hola') }] : undefined,
      });
      expect(queued.created).toBe(true);
    }
    const [first] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, 'test:1'));
    const duplicate = await queueMail(database.db, {
      dedupeKey: 'test:1',
      kind: 'reminder',
      to: 'user1@example.org',
      subject: 'Duplicate',
      text: 'Never sent',
    });
    expect(duplicate).toEqual({ id: first?.id, created: false });

    const handlers = mailHandlers(transport, FROM);
    const [a, b] = await Promise.all([
      drain(database.db, handlers, 'runner-a'),
      drain(instances.second.db, handlers, 'runner-b'),
    ]);

    expect(a + b).toBe(10);
    expect(smtp.subjects().sort()).toEqual([...subjects].sort());
    const withAttachment = smtp.received.find((raw) => raw.includes('Subject: Message 1\r\n'));
    expect(withAttachment).toContain('From: Enlace <no-reply@enlace.localhost>');
    expect(withAttachment).toContain('To: user1@example.org');
    expect(withAttachment).toContain('text/html');
    expect(withAttachment).toContain('filename=note.txt');
    expect(withAttachment).toContain(Buffer.from('hola').toString('base64'));
    const rows = await database.db.select().from(outbox);
    expect(rows).toHaveLength(10);
    expect(rows.filter((r) => r.sentAt === null || r.attempts !== 1 || r.lastError !== null)).toEqual([]);
    const undone = await database.db.select().from(jobs).where(sql`${jobs.doneAt} is null`);
    expect(undone).toEqual([]);
  });

  // Only where there are two connections: on PGlite the second runner would wait for the first's transaction.
  it.runIf(dialect.name === 'postgres')(
    'lets a runner on another connection skip a job the first has claimed, and run it once the claim is gone',
    async () => {
      const { id } = await enqueueJob(database.db, { kind: 'claimed', payload: {} });
      const ran: string[] = [];
      const handlers: JobHandlers = { claimed: async (_payload, { jobId }) => void ran.push(jobId) };
      const now = new Date(Date.now() + 1000);
      let claimed = () => {};
      let release = () => {};
      const isClaimed = new Promise<void>((resolve) => {
        claimed = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      // The first instance holds the job's row lock, as a runner does while its handler runs.
      const holding = database.db.transaction(async (tx) => {
        const locked = await tx.select().from(jobs).where(eq(jobs.id, id)).for('update');
        expect(locked).toHaveLength(1);
        claimed();
        await released;
      });
      try {
        await isClaimed;
        expect(await runDueJobs(instances.second.db, handlers, { workerId: 'runner-b', now })).toBe(0);
        expect(ran).toEqual([]);
      } finally {
        release();
        await holding;
      }
      expect(await runDueJobs(instances.second.db, handlers, { workerId: 'runner-b', now })).toBe(1);
      expect(ran).toEqual([id]);
      const [job] = await database.db.select().from(jobs).where(eq(jobs.id, id));
      expect(job).toMatchObject({ attempts: 1, lockedBy: 'runner-b', lastError: null });
    },
  );

  it('records a refused delivery on the outbox row and the job, retries it later, and sends the others', async () => {
    const refused = await queueMail(database.db, {
      dedupeKey: 'refused',
      kind: 'reminder',
      to: 'refused@example.org',
      subject: 'Refused',
      text: '…',
    });
    await queueMail(database.db, {
      dedupeKey: 'fine',
      kind: 'reminder',
      to: 'fine@example.org',
      subject: 'Fine',
      text: '…',
    });
    const now = new Date(Date.now() + 1000);

    expect(await runDueJobs(database.db, mailHandlers(transport, FROM), { workerId: 'w', now })).toBe(2);

    expect(smtp.subjects()).toEqual(['Fine']);
    const [message] = await database.db.select().from(outbox).where(eq(outbox.id, refused.id));
    expect(message).toMatchObject({ sentAt: null, attempts: 1 });
    expect(message?.lastError).toMatch(/550|No such mailbox/);
    const [job] = await jobsOfKind('mail.send').then((all) => all.filter((j) => j.doneAt === null));
    expect(job).toMatchObject({ attempts: 1, lastError: message?.lastError, lockedBy: 'w' });
    expect(job?.runAt.getTime()).toBe(now.getTime() + 30_000);
  });

  it('retries a failing handler later with its error recorded, undoing its changes, without blocking other jobs', async () => {
    let calls = 0;
    const handlers: JobHandlers = {
      flaky: async (_payload, { db }) => {
        calls++;
        // Written, then undone by the failure; never due, so that only the handler's writes are counted.
        const runAt = new Date(Date.UTC(2100, 0, 1));
        await enqueueJob(db, { kind: 'side-effect', payload: {}, runAt, uniqueKey: `side-effect:${calls}` });
        // A failing statement aborts the transaction up to the savepoint, not the job's bookkeeping.
        if (calls === 1) await db.execute(sql`select 1 / 0`);
      },
      fine: async () => {},
    };
    const now = new Date(Date.now() + 1000);
    const flaky = await enqueueJob(database.db, { kind: 'flaky', payload: {}, runAt: new Date(now.getTime() - 2000) });
    await enqueueJob(database.db, { kind: 'fine', payload: {}, runAt: new Date(now.getTime() - 1000) });

    expect(await runDueJobs(database.db, handlers, { workerId: 'w', now })).toBe(2);

    const [failed] = await database.db.select().from(jobs).where(eq(jobs.id, flaky.id));
    expect(failed).toMatchObject({ attempts: 1, lastError: 'division by zero', doneAt: null });
    expect(failed?.runAt.getTime()).toBe(now.getTime() + 30_000);
    expect((await jobsOfKind('fine'))[0]?.doneAt).not.toBeNull();
    expect(await jobsOfKind('side-effect')).toEqual([]);

    expect(await runDueJobs(database.db, handlers, { workerId: 'w', now: new Date(now.getTime() + 29_000) })).toBe(0);
    expect(await runDueJobs(database.db, handlers, { workerId: 'w', now: new Date(now.getTime() + 30_000) })).toBe(1);
    const [retried] = await database.db.select().from(jobs).where(eq(jobs.id, flaky.id));
    expect(retried).toMatchObject({ attempts: 2, lastError: null });
    expect(retried?.doneAt).not.toBeNull();
    expect(await jobsOfKind('side-effect')).toHaveLength(1);
  });

  it('backs off 30 s, 1 min, 2 min… and gives up after 8 attempts, keeping the last error', async () => {
    const handlers: JobHandlers = {
      broken: async () => {
        throw new Error('always broken');
      },
    };
    const { id } = await enqueueJob(database.db, { kind: 'broken', payload: {} });
    // Taken once the job is queued (due at the database's now), so that it is due however slow the machine.
    let now = new Date(Date.now() + 1000);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt++) {
      expect(await runDueJobs(database.db, handlers, { workerId: 'w', now })).toBe(1);
      const [job] = await database.db.select().from(jobs).where(eq(jobs.id, id));
      if (!job) throw new Error('job vanished');
      expect(job.attempts).toBe(attempt);
      if (attempt < 8) {
        expect(job.doneAt).toBeNull();
        delays.push((job.runAt.getTime() - now.getTime()) / 1000);
        now = job.runAt;
      } else {
        expect(job).toMatchObject({ doneAt: now, lastError: 'always broken' });
      }
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    expect(await runDueJobs(database.db, handlers, { workerId: 'w', now: new Date(now.getTime() + 86_400_000) })).toBe(
      0,
    );
  });

  it('records a job of an unknown kind as an error instead of crashing', async () => {
    const { id } = await enqueueJob(database.db, { kind: 'no-such-kind', payload: {} });
    const other = await enqueueJob(database.db, { kind: 'constructor', payload: {} });
    const now = new Date(Date.now() + 1000);

    expect(await runDueJobs(database.db, {}, { workerId: 'w', now })).toBe(2);

    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(job).toMatchObject({ attempts: 1, doneAt: null, lastError: "no handler for job kind 'no-such-kind'" });
    const [prototypeKind] = await database.db.select().from(jobs).where(eq(jobs.id, other.id));
    expect(prototypeKind?.lastError).toBe("no handler for job kind 'constructor'");
  });

  it('creates one job for a unique key enqueued twice', async () => {
    const first = await enqueueJob(database.db, { kind: 'once', payload: { n: 1 }, uniqueKey: 'once:1' });
    const second = await enqueueJob(database.db, { kind: 'once', payload: { n: 2 }, uniqueKey: 'once:1' });

    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const rows = await jobsOfKind('once');
    expect(rows.map((r) => r.payload)).toEqual([{ n: 1 }]);
  });

  it('runs at most `limit` jobs per call', async () => {
    for (let i = 0; i < 3; i++) await enqueueJob(database.db, { kind: 'fine', payload: {} });
    const handlers: JobHandlers = { fine: async () => {} };
    const now = new Date(Date.now() + 1000);

    expect(await runDueJobs(database.db, handlers, { workerId: 'w', limit: 2, now })).toBe(2);
    expect(await runDueJobs(database.db, handlers, { workerId: 'w', limit: 2, now })).toBe(1);
  });

  it('lists the outbox newest first, naming attachments without their contents', async () => {
    for (const n of [1, 2, 3]) {
      const { id } = await queueMail(database.db, {
        dedupeKey: `list:${n}`,
        kind: 'reminder',
        to: 'someone@example.org',
        subject: `List ${n}`,
        text: '…',
        attachments: [{ filename: `${n}.pdf`, contentType: 'application/pdf', content: Buffer.from('%PDF-1.7') }],
      });
      // Distinct creation times, whatever the clock's resolution.
      await database.db
        .update(outbox)
        .set({ createdAt: new Date(Date.UTC(2026, 0, n)) })
        .where(eq(outbox.id, id));
    }

    const page = await listOutbox(database.db, { limit: 2 });
    expect(page.map((m) => m.subject)).toEqual(['List 3', 'List 2']);
    expect(page[0]?.attachments).toEqual([{ filename: '3.pdf', contentType: 'application/pdf' }]);
    expect((await listOutbox(database.db, { limit: 2, offset: 2 })).map((m) => m.subject)).toEqual(['List 1']);
  });

  it('without SMTP_URL keeps messages in the outbox, marked not delivered, and says so', async () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const jsonTransport = createTransport({ smtpUrl: undefined, from: FROM }, log);
    const { id } = await queueMail(database.db, {
      dedupeKey: 'json',
      kind: 'reminder',
      to: 'x@example.org',
      subject: 'JSON',
      text: '…',
    });

    expect(await drain(database.db, mailHandlers(jsonTransport, FROM), 'w')).toBe(1);

    expect(lines.join('')).toMatch(/SMTP_URL is not set: e-mail is kept in the outbox and not delivered/);
    expect(smtp.received).toEqual([]);
    const [message] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(message?.sentAt).toBeNull();
    expect(message?.status).toBe('not_configured');
  });

  it('runs jobs on a timer until stopped', async () => {
    // The runner's timer runs on the test's clock: "not before its pause is over" and "never again
    // after stop" are then certain, not guesses after a pause of the test's own.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const PAUSE = 60_000;
    try {
      // Every poll opens a transaction the moment it starts: counted, and waited for (I/O, not time).
      let polls = 0;
      const open = new Set<Promise<unknown>>();
      const db = new Proxy(database.db, {
        get(target, key) {
          const value = Reflect.get(target, key, target);
          if (key !== 'transaction') return typeof value === 'function' ? value.bind(target) : value;
          return (...args: Parameters<typeof target.transaction>) => {
            polls += 1;
            const tx = target.transaction(...args);
            open.add(tx);
            tx.then(
              () => open.delete(tx),
              () => open.delete(tx),
            );
            return tx;
          };
        },
      });
      /** Until the poll under way has finished: no transaction open, once what would open the next has run. */
      const pollFinished = async () => {
        do {
          await Promise.allSettled(open);
          await new Promise((resolve) => setImmediate(resolve));
        } while (open.size > 0);
      };
      const seen: unknown[] = [];
      const runner = startJobRunner({
        db,
        handlers: { note: async (payload) => void seen.push(payload) },
        log: silentLog,
        intervalMs: PAUSE,
        workerId: 'timer',
      });
      // The first poll starts at once, and finds nothing.
      await pollFinished();
      expect(polls).toBe(1);

      await enqueueJob(database.db, { kind: 'note', payload: { n: 1 } });
      await vi.advanceTimersByTimeAsync(PAUSE - 1);
      expect(polls).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      await pollFinished();
      expect(seen).toEqual([{ n: 1 }]);

      // Stopped while waiting for its next poll.
      await runner.stop();
      const pollsWhenStopped = polls;
      await enqueueJob(database.db, { kind: 'note', payload: { n: 2 } });
      await vi.advanceTimersByTimeAsync(10 * PAUSE);
      expect(polls).toBe(pollsWhenStopped);
      expect(seen).toEqual([{ n: 1 }]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the job runner on a broken database', () => {
  it('logs polling errors and keeps going until stopped', async () => {
    // Never migrated: every poll fails on the missing table.
    const database = await openPglite();
    const errors: string[] = [];
    const log = pino(
      { level: 'error' },
      new Writable({
        write(chunk, _encoding, done) {
          errors.push(JSON.parse(chunk.toString()).msg);
          done();
        },
      }),
    );
    const runner = startJobRunner({ db: database.db, handlers: {}, log, intervalMs: 10, workerId: 'w' });
    try {
      await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(2), { timeout: 5000 });
      expect(errors[0]).toBe('polling for jobs failed');
    } finally {
      await runner.stop();
      await database.close();
    }
  });
});
