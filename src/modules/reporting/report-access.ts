/** Loading a report together with the checks of who may read it and who may change it. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, cycles, reports } from '../../db/schema/index.ts';
import { canEditReport, canReadReport, type Principal, refusalFor } from '../../domain/authz.ts';
import { type CycleState, checkTransition, type ReportState } from '../../domain/report-workflow.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';

/** What the checks need of a loaded report. */
export type ReportPlace = { report: { actorId: string; state: ReportState }; cycle: { state: CycleState } };

export const scopeOf = (head: ReportPlace) => ({ actorId: head.report.actorId, cycleState: head.cycle.state });

/** Throws unless the caller may read the report: 404 for the anonymous and the grantless, 403 for other signed-in people. */
export function checkReadable(head: ReportPlace, principal: Principal | null): void {
  if (canReadReport(principal, { ...scopeOf(head), state: head.report.state })) return;
  throw refusalFor(principal) === 'forbidden' ? forbidden() : notFound('report');
}

/** Throws unless the caller may change the report now: its focal point, while a draft (or returned) in an open cycle. */
export function checkEditable(head: ReportPlace, principal: Principal): void {
  checkReadable(head, principal);
  if (!canEditReport(principal, scopeOf(head))) throw forbidden();
  const check = checkTransition('edit', head.report.state, head.cycle.state);
  if (!check.ok) {
    throw new AppError(
      check.reason,
      409,
      check.reason === 'cycle_locked' ? 'error.cycleLocked' : 'error.reportNotEditable',
    );
  }
}

// Stryker disable all: loading from the database and wiring the checks above to it; no unit test has a
// database, the integration tests exercise this part.
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

async function loadedReport(db: Db, id: string): Promise<ReportHead> {
  const head = await loadReportHead(db, id);
  if (!head) throw notFound('report');
  return head;
}

/** The report if the caller may read it. */
export async function readableReport(db: Db, id: string, principal: Principal | null): Promise<ReportHead> {
  const head = await loadedReport(db, id);
  checkReadable(head, principal);
  return head;
}

/** The report if the caller may change it now. */
export async function editableReport(db: Db, id: string, principal: Principal): Promise<ReportHead> {
  const head = await loadedReport(db, id);
  checkEditable(head, principal);
  return head;
}
// Stryker restore all
