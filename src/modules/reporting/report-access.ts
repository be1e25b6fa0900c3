/** Loading a report for someone, refused unless report.policy.ts lets them read it (or change it). */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, cycles, reports } from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { checkEditable, checkReadable } from '../../domain/report.policy.ts';
import { notFound } from '../../errors.ts';

// Stryker disable all: loading from the database and wiring the checks above to it; no unit test has a
// database, the integration tests exercise this part.
/** The report with its cycle and actor. */
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
