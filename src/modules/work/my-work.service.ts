/**
 * A signed-in person's own work, by role: a focal point's reports in open
 * cycles and the agreements its actors owe; a validator's reports waiting
 * for approval; for the secretariat, every open cycle's board in figures,
 * the late reports, the reports waiting for acceptance and the mail that did
 * not go out.
 */
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, cycles, outbox, programmes, type ReportState, reports } from '../../db/schema/index.ts';
import { isSecretariat, type Principal } from '../../domain/authz.ts';
import { byUrgency, isOverdue } from '../../domain/my-work.ts';
import { daysToDeadline } from '../../domain/report-workflow.ts';
import { today } from '../../domain/zoned-time.ts';
import { agreementsOwnedBy } from '../meetings/meeting.service.ts';

const actorsWith = (p: Principal, role: 'focal_point' | 'validator') => [
  ...new Set(p.grants.flatMap((g) => (g.role === role && g.actorId ? [g.actorId] : []))),
];

const reportRows = (db: Db) =>
  db
    .select({
      id: reports.id,
      state: reports.state,
      late: reports.late,
      returnComment: reports.returnComment,
      submittedAt: reports.submittedAt,
      actor: { id: actors.id, key: actors.key, name: actors.name, acronym: actors.acronym },
      cycle: { id: cycles.id, period: cycles.period, deadline: cycles.deadline, state: cycles.state },
      programme: { shortTitle: programmes.shortTitle },
    })
    .from(reports)
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(actors, eq(actors.id, reports.actorId))
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId));

export type WorkReport = Awaited<ReturnType<ReturnType<typeof reportRows>['where']>>[number] & {
  deadline: string;
  daysLeft: number;
  overdue: boolean;
};

export async function myWork(db: Db, p: Principal, onDate: string = today()) {
  const writes = actorsWith(p, 'focal_point');
  const approves = actorsWith(p, 'validator');
  const secretariat = isSecretariat(p);
  const dated = (rows: Awaited<ReturnType<ReturnType<typeof reportRows>['where']>>): WorkReport[] =>
    rows.map((r) => ({
      ...r,
      deadline: r.cycle.deadline,
      daysLeft: daysToDeadline(r.cycle.deadline, onDate),
      overdue: isOverdue({ state: r.state, deadline: r.cycle.deadline }, onDate),
    }));
  const [mine, toApprove, agreementsDue, board] = await Promise.all([
    writes.length > 0
      ? reportRows(db).where(and(eq(cycles.state, 'open'), inArray(reports.actorId, writes)))
      : Promise.resolve([]),
    approves.length > 0
      ? reportRows(db).where(and(eq(reports.state, 'submitted'), inArray(reports.actorId, approves)))
      : Promise.resolve([]),
    writes.length > 0 ? agreementsOwnedBy(db, writes, p) : Promise.resolve([]),
    secretariat ? secretariatBoard(db, onDate) : Promise.resolve(null),
  ]);
  return {
    reports: byUrgency(dated(mine)),
    toApprove: byUrgency(dated(toApprove)),
    agreements: agreementsDue
      .filter((a) => a.agreement.status !== 'completed' && a.agreement.status !== 'cancelled')
      .sort((a, b) => (a.agreement.dueDate ?? '9999').localeCompare(b.agreement.dueDate ?? '9999')),
    secretariat: board,
    roles: { writes: writes.length > 0, approves: approves.length > 0, secretariat },
  };

  async function secretariatBoard(db: Db, onDate: string) {
    const openCycles = await db
      .select({
        id: cycles.id,
        period: cycles.period,
        deadline: cycles.deadline,
        programme: { shortTitle: programmes.shortTitle },
        counts: sql<Partial<Record<ReportState, number>>>`(
          select coalesce(jsonb_object_agg(s.state, s.n), '{}'::jsonb)
          from (select state, count(*)::int as n from reports r where r.cycle_id = ${cycles.id} group by state) s)`,
      })
      .from(cycles)
      .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
      .where(eq(cycles.state, 'open'))
      .orderBy(asc(cycles.deadline));
    const [late, toAccept, undelivered] = await Promise.all([
      reportRows(db).where(
        and(
          eq(cycles.state, 'open'),
          inArray(reports.state, ['draft', 'returned']),
          sql`${cycles.deadline} < ${onDate}`,
        ),
      ),
      reportRows(db).where(and(eq(reports.state, 'approved'), ne(cycles.state, 'published'))),
      db
        .select({ status: outbox.status, n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(inArray(outbox.status, ['failed', 'not_configured']))
        .groupBy(outbox.status),
    ]);
    return {
      cycles: openCycles.map((c) => ({ ...c, daysLeft: daysToDeadline(c.deadline, onDate) })),
      late: dated(late).sort((a, b) => a.deadline.localeCompare(b.deadline)),
      toAccept: dated(toAccept),
      undelivered: Object.fromEntries(undelivered.map((u) => [u.status, u.n])) as Partial<
        Record<'failed' | 'not_configured', number>
      >,
    };
  }
}

export type MyWork = Awaited<ReturnType<typeof myWork>>;
