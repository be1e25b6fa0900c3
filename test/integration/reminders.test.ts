/**
 * Reminder e-mails before the deadline and while overdue, received by a real
 * SMTP server once each, even with two job runners polling the same jobs (on
 * PostgreSQL from separate connection pools; PGlite has one connection).
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REMINDERS } from '../../src/domain/report-workflow.ts';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { createTransport, mailHandlers } from '../../src/modules/mail/mailer.ts';
import { createCycle, openCycle } from '../../src/modules/reporting/cycle.service.ts';
import { reminderHandlers, scanReminders, scheduleReminderScan } from '../../src/modules/reporting/reminder.service.ts';
import { listCycleReports, transitionReport } from '../../src/modules/reporting/report.service.ts';
import { closeTwoInstances, dialects, openTwoInstances, type TwoInstances, twoRunners } from '../support/databases.ts';
import { buildUser } from '../support/factories.ts';
import { startSmtpServer } from '../support/smtp.ts';

const log = pino({ level: 'silent' });

describe.each(dialects())('reminders on $name', (dialect) => {
  let instances: TwoInstances;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    instances = await openTwoInstances(dialect);
  });
  afterAll(async () => {
    await closeTwoInstances(instances);
    await smtp?.close();
  });

  it(`sends each due reminder once to the focal points and validators, with ${twoRunners(dialect)}`, async () => {
    const { first, second } = instances;
    const db = first.db;
    const secretariat = await buildUser(db, [{ role: 'secretariat' }]);
    const focal = await buildUser(db, [{ role: 'focal_point', actor: 'mx' }], 'Ana');
    const validator = await buildUser(db, [{ role: 'validator', actor: 'mx' }], 'Luis');
    const canada = await buildUser(db, [{ role: 'focal_point', actor: 'ca' }], 'Jean');
    const { id } = await createCycle(
      db,
      { programme: 'programa-interamericano-2016', period: '2040', opensAt: '2040-01-01', deadline: '2040-03-31' },
      secretariat.principal,
    );
    await openCycle(db, id, secretariat.principal);
    // Canada has submitted: its people get no reminder.
    const canadaReport = (await listCycleReports(db, id, secretariat.principal)).find((r) => r.actor.key === 'ca');
    await transitionReport(db, canadaReport?.report.id as string, 'submit', canada.principal);

    const transport = createTransport({ smtpUrl: smtp.url, from: 'Enlace <no-reply@enlace.localhost>' }, log);
    const handlers = {
      ...mailHandlers(transport, 'Enlace <no-reply@enlace.localhost>'),
      ...reminderHandlers(DEFAULT_REMINDERS, 'http://enlace.test'),
    };
    const runBoth = async () => {
      for (;;) {
        const [a, b] = await Promise.all([
          runDueJobs(first.db, handlers, { workerId: 'runner-a' }),
          runDueJobs(second.db, handlers, { workerId: 'runner-b' }),
        ]);
        if (a + b === 0) return;
      }
    };
    // The scan is scheduled by both instances on the same day: it runs once.
    for (const day of [
      '2040-03-17',
      '2040-03-17',
      '2040-03-18',
      '2040-03-24',
      '2040-03-30',
      '2040-03-30',
      '2040-04-01',
      '2040-04-05',
      '2040-04-08',
    ]) {
      await Promise.all([scheduleReminderScan(first.db, day), scheduleReminderScan(second.db, day)]);
      await runBoth();
    }
    transport?.close();
    const to = (raw: string) => raw.match(/^To: (.*)$/m)?.[1] ?? '';
    const mine = smtp.received.filter((raw) =>
      [focal.email, validator.email, canada.email].some((e) => to(raw).includes(e)),
    );
    const byPerson = (email: string) => mine.filter((raw) => to(raw).includes(email));
    // 14 days before (17 March), 7 days (24 March), 1 day (30 March), overdue week 1 (1 April) and week 2 (8 April).
    expect(byPerson(focal.email)).toHaveLength(5);
    expect(byPerson(validator.email)).toHaveLength(5);
    expect(byPerson(canada.email)).toHaveLength(0);
    const subjects = byPerson(focal.email).map((raw) => raw.match(/^Subject: (.*)$/m)?.[1] ?? '');
    expect(new Set(subjects).size).toBeGreaterThanOrEqual(2);
    expect(
      byPerson(focal.email).some((raw) => raw.replace(/=\r?\n/g, '').includes('http://enlace.test/reports/')),
    ).toBe(true);
    // Scanning again writes nothing new.
    expect(await scanReminders(db, '2040-04-08')).toBe(0);
  });
});
