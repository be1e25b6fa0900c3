/**
 * Reminders to focal points and validators before the deadline (14, 7 and 1
 * days, configurable) and weekly while overdue. Each reminder is an outbox
 * message with a stable key, so it is written and sent once however many
 * scans or job runners there are.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, cycles, grants, programmes, reports, users } from '../../db/schema/index.ts';
import { DEFAULT_REMINDERS, daysToDeadline, type ReminderRule, reminderDue } from '../../domain/report-workflow.ts';
import { type Locale, translator } from '../../web/i18n/i18n.ts';
import { enqueueJob, type JobHandlers } from '../jobs/job.service.ts';
import { queueMail } from '../mail/mail.service.ts';

export const REMINDER_SCAN = 'reminders.scan';

/** Writes the reminders due on `onDate`; returns how many new messages. */
export async function scanReminders(
  db: Db,
  onDate: string,
  rule: ReminderRule = DEFAULT_REMINDERS,
  baseUrl = '',
): Promise<number> {
  const pending = await db
    .select({
      report: reports,
      cycle: cycles,
      actor: actors,
      programme: { title: programmes.title, shortTitle: programmes.shortTitle },
    })
    .from(reports)
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(actors, eq(actors.id, reports.actorId))
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
    .where(and(eq(cycles.state, 'open'), inArray(reports.state, ['draft', 'returned'])));
  if (pending.length === 0) return 0;
  const people = await db
    .select({ actorId: grants.actorId, userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(grants)
    .innerJoin(users, eq(users.id, grants.userId))
    .where(
      and(
        inArray(grants.role, ['focal_point', 'validator']),
        inArray(
          grants.actorId,
          pending.map((p) => p.actor.id),
        ),
      ),
    );
  let written = 0;
  for (const { report, cycle, actor, programme } of pending) {
    if (cycle.opensAt > onDate) continue;
    const key = reminderDue(cycle.deadline, onDate, rule);
    if (!key) continue;
    const days = daysToDeadline(cycle.deadline, onDate);
    const recipients = people.filter((p) => p.actorId === actor.id);
    for (const person of [...new Map(recipients.map((r) => [r.userId, r])).values()]) {
      const i18n = translator((person.locale ?? 'es') as Locale);
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
      const { created } = await queueMail(db, {
        dedupeKey: `reminder:${report.id}:${key}:${person.userId}`,
        kind: 'reminder',
        to: person.email,
        subject: i18n.t(overdue ? 'mail.overdue.subject' : 'mail.reminder.subject', params),
        text: i18n.t(overdue ? 'mail.overdue.text' : 'mail.reminder.text', params),
      });
      if (created) written += 1;
    }
  }
  return written;
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
