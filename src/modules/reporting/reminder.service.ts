/**
 * Reminders to focal points and validators before the deadline (14, 7 and 1
 * days, configurable) and weekly while overdue. Each reminder is an outbox
 * message with a stable key, so it is written and sent once however many
 * scans or job runners there are.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, cycles, programmes, reports } from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { DEFAULT_REMINDERS, daysToDeadline, type ReminderRule, reminderDue } from '../../domain/report-workflow.ts';
import { today } from '../../domain/zoned-time.ts';
import { AppError, notFound } from '../../errors.ts';
import { actorInField } from '../actors/actor.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueJob, type JobHandlers } from '../jobs/job.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import { type MailRole, mailEachOnce, peopleWith } from '../mail/recipients.ts';

export const REMINDER_SCAN = 'reminders.scan';

const pendingReports = (db: Db) =>
  db
    .select({
      report: reports,
      cycle: cycles,
      actor: actors,
      programme: { title: programmes.title, shortTitle: programmes.shortTitle },
    })
    .from(reports)
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(actors, eq(actors.id, reports.actorId))
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId));

type Pending = Awaited<ReturnType<ReturnType<typeof pendingReports>['where']>>[number];

/** One message per report and person of `roles`, keyed `reminder:<report>:<key>:<person>` so it is written once. */
async function remind(
  db: Db,
  pending: Pending[],
  roles: MailRole[],
  keyOf: (p: Pending) => string | null,
  onDate: string,
  baseUrl: string,
): Promise<number> {
  const actorIds = [...new Set(pending.map((p) => p.actor.id))];
  const people = (await Promise.all(roles.map((role) => peopleWith(db, role, actorIds)))).flat();
  let written = 0;
  for (const row of pending) {
    const { report, cycle, actor, programme } = row;
    const key = keyOf(row);
    if (!key) continue;
    const days = daysToDeadline(cycle.deadline, onDate);
    const recipients = people.filter((p) => p.actorId === actor.id);
    written += await mailEachOnce(recipients, (person, i18n) => {
      const params = {
        name: person.name,
        actor: i18n.pick(actor.name),
        programme: i18n.pick(programme.shortTitle),
        period: cycle.period,
        deadline: i18n.date(cycle.deadline),
        days: Math.abs(days),
        link: `${baseUrl}/reports/${report.id}`,
      };
      const overdue = days < 0;
      return queueMail(db, {
        dedupeKey: `reminder:${report.id}:${key}:${person.userId}`,
        kind: 'reminder',
        to: person.email,
        subject: i18n.t(overdue ? 'mail.overdue.subject' : 'mail.reminder.subject', params),
        text: i18n.t(overdue ? 'mail.overdue.text' : 'mail.reminder.text', params),
      });
    });
  }
  return written;
}

const unsent = and(eq(cycles.state, 'open'), inArray(reports.state, ['draft', 'returned']));

/** Writes the reminders due on `onDate`; returns how many new messages. */
export async function scanReminders(
  db: Db,
  onDate: string,
  rule: ReminderRule = DEFAULT_REMINDERS,
  baseUrl = '',
): Promise<number> {
  const pending = await pendingReports(db).where(unsent);
  return remind(
    db,
    pending,
    ['focal_point', 'validator'],
    ({ cycle }) => (cycle.opensAt > onDate ? null : reminderDue(cycle.deadline, onDate, rule)),
    onDate,
    baseUrl,
  );
}

/**
 * The secretariat reminds now, from the board, the focal points of one
 * actor's report or of every report of the cycle not yet submitted: at most
 * once a day per report and person. Answers how many messages were written.
 */
export async function remindNow(
  db: Db,
  cycleId: string,
  actorId: string | null,
  by: Principal,
  baseUrl: string,
  onDate: string = today(),
): Promise<number> {
  return db.transaction(async (tx) => {
    const [cycle] = await tx.select({ state: cycles.state }).from(cycles).where(eq(cycles.id, cycleId));
    if (!cycle) throw notFound('cycle');
    if (cycle.state !== 'open') throw new AppError('cycle_state', 409, 'error.cycleState');
    const pending = await pendingReports(tx).where(
      and(unsent, eq(reports.cycleId, cycleId), actorId ? eq(reports.actorId, actorId) : undefined),
    );
    if (actorId && pending.length === 0) throw new AppError('wrong_state', 409, 'error.nothingToRemind');
    const written = await remind(tx, pending, ['focal_point'], () => `now:${onDate}`, onDate, baseUrl);
    await recordAudit(tx, {
      userId: by.userId,
      action: 'cycle.remind',
      entityType: 'cycle',
      entityId: cycleId,
      after: { actorId, reports: pending.length, messages: written },
    });
    return written;
  });
}

/** The daily scan as a job: enqueued once per day whatever the number of instances. */
export async function scheduleReminderScan(db: Db, onDate: string): Promise<void> {
  await enqueueJob(db, { kind: REMINDER_SCAN, payload: { onDate }, uniqueKey: `${REMINDER_SCAN}:${onDate}` });
}

export function reminderHandlers(rule: ReminderRule, baseUrl: string): JobHandlers {
  return {
    [REMINDER_SCAN]: async (payload, { db }) => {
      const onDate = (payload as { onDate?: unknown }).onDate;
      if (typeof onDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(onDate))
        throw new Error('reminders.scan needs onDate');
      await scanReminders(db, onDate, rule, baseUrl);
    },
  };
}

/** The actor a reminder is for, by key or id; one that does not exist is an error on the field. */
export async function remindedActor(db: Db, ref: string): Promise<string> {
  return (await actorInField(db, ref, 'actor')).id;
}
