/**
 * Reporting cycles brought to a chosen state through the real use cases: a
 * cycle opened, its reports written with texts a test can look for, and
 * moved along the workflow by the people whose step it is.
 */
import type { Db } from '../../src/db/connect.ts';
import type { Principal } from '../../src/domain/authz.ts';
import type { ReportState } from '../../src/domain/report-workflow.ts';
import type { ItemStatus } from '../../src/domain/status.ts';
import { changeCycleState, createCycle, openCycle } from '../../src/modules/reporting/cycle.service.ts';
import { getReport, listCycleReports, transitionReport } from '../../src/modules/reporting/report.service.ts';
import { saveReport } from '../../src/modules/reporting/report-save.ts';

/** A cycle of `programme` opened today with its deadline far ahead; `reportOf(actorKey)` finds a report's id. */
export async function openedCycle(
  db: Db,
  secretariat: Principal,
  period: string,
  programme = 'programa-interamericano-2016',
) {
  const { id } = await createCycle(
    db,
    { programme, period, opensAt: '2026-01-01', deadline: '2099-12-31' },
    secretariat,
  );
  await openCycle(db, id, secretariat);
  const rows = await listCycleReports(db, id, secretariat);
  const reportOf = (actorKey: string) => {
    const row = rows.find((r) => r.actor.key === actorKey);
    if (!row) throw new Error(`no report of ${actorKey} in cycle ${period}`);
    return row.report.id;
  };
  return { id, reportOf, reports: rows.length };
}

/** Closes then publishes an open cycle. */
export async function publishCycle(db: Db, cycleId: string, secretariat: Principal) {
  await changeCycleState(db, cycleId, 'closed', secretariat);
  await changeCycleState(db, cycleId, 'published', secretariat);
}

export type EntryContent = { status: ItemStatus | null; carriedOut?: string; planned?: string };

/** Saves a report as its focal point would: entries by item code, and the best-practices section. */
export async function writeReport(
  db: Db,
  reportId: string,
  focalPoint: Principal,
  content: { entries?: Record<string, EntryContent>; bestPractices?: string },
) {
  const report = await getReport(db, reportId, focalPoint);
  const entries = Object.entries(content.entries ?? {}).map(([code, e]) => {
    const entry = report.entries.find((x) => x.item?.code === code);
    if (!entry) throw new Error(`report ${reportId} has no entry for ${code}`);
    return { id: entry.id, statusAssessment: e.status, carriedOut: e.carriedOut ?? '', planned: e.planned ?? '' };
  });
  await saveReport(
    db,
    reportId,
    report.report.version,
    {
      entries,
      ...(content.bestPractices === undefined ? {} : { sections: { best_practices: content.bestPractices } }),
    },
    focalPoint,
  );
}

/** A marker text in a report's first entry and in its best practices, so that a body shows whether it is there. */
export async function markReport(db: Db, reportId: string, focalPoint: Principal, marker: string) {
  const report = await getReport(db, reportId, focalPoint);
  const first = report.entries[0];
  await saveReport(
    db,
    reportId,
    report.report.version,
    {
      entries: first ? [{ id: first.id, carriedOut: `<p>${marker} entry</p>`, statusAssessment: 'completed' }] : [],
      sections: { best_practices: `${marker} practice` },
    },
    focalPoint,
  );
}

export type Reviewers = { focalPoint: Principal; validator: Principal; secretariat: Principal };

const path: Record<ReportState, ('submit' | 'approve' | 'accept' | 'return')[]> = {
  draft: [],
  submitted: ['submit'],
  approved: ['submit', 'approve'],
  returned: ['submit', 'return'],
  accepted: ['submit', 'approve', 'accept'],
};

/** Moves a draft report to `state`, each step taken by the person whose step it is. */
export async function bringReportTo(db: Db, reportId: string, state: ReportState, people: Reviewers) {
  for (const step of path[state]) {
    const by = step === 'submit' ? people.focalPoint : step === 'accept' ? people.secretariat : people.validator;
    await transitionReport(db, reportId, step, by, step === 'return' ? 'Falta el calendario' : undefined);
  }
}
