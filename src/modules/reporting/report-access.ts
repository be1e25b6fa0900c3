/** Loading a report together with the checks of who may read it and who may change it. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, cycles, reports } from '../../db/schema/index.ts';
import { canEditReport, canReadReport, type Principal } from '../../domain/authz.ts';
import { checkTransition } from '../../domain/report-workflow.ts';
import { AppError, notFound } from '../../errors.ts';
import { forbidden } from '../../http/auth.ts';

export async function loadReportHead(db: Db, id: string) {
  const [row] = await db
    .select({ report: reports, cycle: cycles, actor: actors })
    .from(reports)
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(actors, eq(actors.id, reports.actorId))
    .where(eq(reports.id, id));
  return row;
}
export type ReportHead = NonNullable<Awaited<ReturnType<typeof loadReportHead>>>;

export const scopeOf = (head: ReportHead) => ({ actorId: head.report.actorId, cycleState: head.cycle.state });

/** The report if the caller may read it: 404 for the anonymous, 403 for the signed-in without scope. */
export async function readableReport(db: Db, id: string, principal: Principal | null): Promise<ReportHead> {
  const head = await loadReportHead(db, id);
  if (!head) throw notFound('report');
  if (!canReadReport(principal, { ...scopeOf(head), state: head.report.state })) {
    if (principal && principal.grants.length > 0) throw forbidden();
    throw notFound('report');
  }
  return head;
}

/** The report if the caller may change it now: its focal point, while a draft (or returned) in an open cycle. */
export async function editableReport(db: Db, id: string, principal: Principal): Promise<ReportHead> {
  const head = await readableReport(db, id, principal);
  if (!canEditReport(principal, scopeOf(head))) throw forbidden();
  const check = checkTransition('edit', head.report.state, head.cycle.state);
  if (!check.ok) {
    throw new AppError(
      check.reason,
      409,
      check.reason === 'cycle_locked' ? 'error.cycleLocked' : 'error.reportNotEditable',
    );
  }
  return head;
}
