/**
 * Telling people what happened to a report, by e-mail through the outbox:
 * a cycle opens (to each addressed actor's focal points), a report is
 * submitted (to its validators), approved (to the secretariat), returned
 * (to the focal points, with the comment) or accepted (to the focal points).
 * The change writes a job in its own transaction; the job writes one message
 * per person, once (its key names the event and the person), in the
 * person's language, with the actor, the cycle, the deadline and a link.
 */
import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  cycles,
  items,
  type MailKind,
  programmes,
  reportComments,
  reportEntries,
  reportEvents,
  reports,
  users,
} from '../../db/schema/index.ts';
import type { ReportState } from '../../domain/report-workflow.ts';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import { enqueueJob, type JobHandlers } from '../jobs/job.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import { mailEachOnce, peopleWith } from '../mail/recipients.ts';
import { COMMENT_NOTIFY } from './report-comments.service.ts';

export const REPORT_NOTIFY = 'report.notify';
export const CYCLE_NOTIFY = 'cycle.notify';

/** Who hears of a report reaching a state, and as what kind of message; a withdrawal tells no one. */
const AUDIENCE: Partial<Record<ReportState, { kind: MailKind; role: 'focal_point' | 'validator' | 'secretariat' }>> = {
  submitted: { kind: 'report_submitted', role: 'validator' },
  approved: { kind: 'report_approved', role: 'secretariat' },
  returned: { kind: 'report_returned', role: 'focal_point' },
  accepted: { kind: 'report_accepted', role: 'focal_point' },
};

/** Written in the transaction of the change, so that the people are told only if it holds. */
export async function notifyReportEvent(tx: Db, eventId: string): Promise<void> {
  await enqueueJob(tx, { kind: REPORT_NOTIFY, payload: { eventId }, uniqueKey: `${REPORT_NOTIFY}:${eventId}` });
}

export async function notifyCycleOpened(tx: Db, cycleId: string): Promise<void> {
  await enqueueJob(tx, { kind: CYCLE_NOTIFY, payload: { cycleId }, uniqueKey: `${CYCLE_NOTIFY}:${cycleId}` });
}

type Context = {
  report: { id: string; actorId: string };
  cycle: { id: string; period: string; deadline: string };
  actor: { name: Record<string, string> };
  programme: { shortTitle: Record<string, string> };
};

async function tell(
  db: Db,
  people: readonly { userId: string; email: string; name: string; locale: string | null }[],
  what: {
    kind: MailKind;
    key: string;
    message: string;
    context: Context;
    comment?: string | null;
    baseUrl: string;
    /** More of the message's parameters, and where in the report the link leads. */
    extra?: Record<string, string>;
    anchor?: string;
  },
): Promise<number> {
  return mailEachOnce(people, (person, i18n) => {
    const { report, cycle, actor, programme } = what.context;
    const params = {
      name: person.name,
      actor: i18n.pick(actor.name),
      programme: i18n.pick(programme.shortTitle),
      period: cycle.period,
      deadline: i18n.date(cycle.deadline),
      comment: what.comment ?? '',
      link: `${what.baseUrl}/reports/${report.id}${what.anchor ?? ''}`,
      ...what.extra,
    };
    return queueMail(db, {
      dedupeKey: `${what.key}:${person.userId}`,
      kind: what.kind,
      to: person.email,
      subject: i18n.t(`${what.message}.subject` as MessageKey, params),
      text: i18n.t(`${what.message}.text` as MessageKey, params),
    });
  });
}

const contextQuery = (db: Db) =>
  db
    .select({
      report: { id: reports.id, actorId: reports.actorId },
      cycle: { id: cycles.id, period: cycles.period, deadline: cycles.deadline },
      actor: { name: actors.name },
      programme: { shortTitle: programmes.shortTitle },
    })
    .from(reports)
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(actors, eq(actors.id, reports.actorId))
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId));

/** Writes the messages of one report event; answers how many were new. */
export async function sendReportEventMail(db: Db, eventId: string, baseUrl: string): Promise<number> {
  const [event] = await db.select().from(reportEvents).where(eq(reportEvents.id, eventId));
  if (!event) return 0;
  const audience = AUDIENCE[event.toState];
  if (!audience) return 0;
  const [context] = await contextQuery(db).where(eq(reports.id, event.reportId));
  if (!context) return 0;
  const people = await peopleWith(db, audience.role, [context.report.actorId]);
  return tell(db, people, {
    kind: audience.kind,
    key: `report-event:${eventId}`,
    message: `mail.${audience.kind}`,
    context,
    comment: event.comment,
    baseUrl,
  });
}

/** Writes one message to each focal point of each actor the opened cycle addresses. */
export async function sendCycleOpenedMail(db: Db, cycleId: string, baseUrl: string): Promise<number> {
  const contexts = await contextQuery(db).where(eq(reports.cycleId, cycleId));
  const people = await peopleWith(
    db,
    'focal_point',
    contexts.map((c) => c.report.actorId),
  );
  let written = 0;
  for (const context of contexts) {
    written += await tell(
      db,
      people.filter((p) => p.actorId === context.report.actorId),
      {
        kind: 'cycle_opened',
        key: `cycle-opened:${context.report.id}`,
        message: 'mail.cycle_opened',
        context,
        baseUrl,
      },
    );
  }
  return written;
}

/**
 * Writes the messages of one comment: to the others who wrote in its thread
 * before it, and to the actor's focal points when a reviewer wrote it (to its
 * validators when a focal point opened the thread). Never to its author.
 */
export async function sendCommentMail(db: Db, commentId: string, baseUrl: string): Promise<number> {
  const [row] = await db
    .select({ comment: reportComments, author: users.name, code: items.code })
    .from(reportComments)
    .innerJoin(reportEntries, eq(reportEntries.id, reportComments.entryId))
    .leftJoin(items, eq(items.id, reportEntries.itemId))
    .leftJoin(users, eq(users.id, reportComments.authorId))
    .where(eq(reportComments.id, commentId));
  if (!row) return 0;
  const { comment } = row;
  const [context] = await contextQuery(db).where(eq(reports.id, comment.reportId));
  if (!context) return 0;
  const earlier = await db
    .selectDistinct({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(reportComments)
    .innerJoin(users, eq(users.id, reportComments.authorId))
    .where(
      and(eq(reportComments.entryId, comment.entryId), lte(reportComments.at, comment.at), isNull(users.disabledAt)),
    );
  const opened = !earlier.some((p) => p.userId !== comment.authorId);
  const role = comment.role !== 'focal_point' ? 'focal_point' : opened ? 'validator' : null;
  const owners = role ? await peopleWith(db, role, [context.report.actorId]) : [];
  const people = [...owners, ...earlier].filter((p) => p.userId !== comment.authorId);
  return tell(db, people, {
    kind: 'report_comment',
    key: `report-comment:${commentId}`,
    message: 'mail.report_comment',
    context,
    comment: comment.body,
    baseUrl,
    anchor: `#comments-${comment.entryId}`,
    extra: { author: row.author ?? '—', code: row.code ?? '—' },
  });
}

export function notificationHandlers(baseUrl: string): JobHandlers {
  return {
    [REPORT_NOTIFY]: async (payload, { db }) => {
      const eventId = (payload as { eventId?: unknown }).eventId;
      if (typeof eventId !== 'string') throw new Error('report.notify needs eventId');
      await sendReportEventMail(db, eventId, baseUrl);
    },
    [CYCLE_NOTIFY]: async (payload, { db }) => {
      const cycleId = (payload as { cycleId?: unknown }).cycleId;
      if (typeof cycleId !== 'string') throw new Error('cycle.notify needs cycleId');
      await sendCycleOpenedMail(db, cycleId, baseUrl);
    },
    [COMMENT_NOTIFY]: async (payload, { db }) => {
      const commentId = (payload as { commentId?: unknown }).commentId;
      if (typeof commentId !== 'string') throw new Error('report.comment needs commentId');
      await sendCommentMail(db, commentId, baseUrl);
    },
  };
}
