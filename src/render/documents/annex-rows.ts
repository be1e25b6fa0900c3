/**
 * The annex table (progress by objective) as rows of numbers, shared by the
 * Word and Excel renderers so both print the same figures.
 */
import type { ConsolidatedReport, StatusCounts } from '../../domain/consolidated-report.ts';
import { ITEM_STATUSES, type ItemStatus } from '../../domain/status.ts';

/** The columns of statuses, in the order of the vocabulary, "no information" last. */
export const ANNEX_STATUSES: readonly (ItemStatus | 'none')[] = [...ITEM_STATUSES, 'none'];

export type AnnexRow = {
  code: string;
  text: string;
  activities: number;
  counts: StatusCounts;
  covered: number;
  assigned: number;
  /** covered / assigned (0–1), 0 when nothing is assigned. */
  coverage: number;
  /** Share (0–1) of live activities completed or continuous. */
  progress: number;
};

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

export function annexRows(report: ConsolidatedReport): { rows: AnnexRow[]; total: AnnexRow } {
  const rows = report.annex.objectives.map((objective) => ({
    code: objective.code,
    text: objective.text,
    activities: objective.activities,
    counts: objective.counts,
    covered: objective.covered,
    assigned: objective.assigned,
    coverage: share(objective.covered, objective.assigned),
    progress: objective.progress,
  }));
  const { totals, covered, assigned } = report.annex;
  const activities = ANNEX_STATUSES.reduce((sum, status) => sum + totals[status], 0);
  // As for one objective: activities without information count as live, cancelled ones don't.
  const live = activities - totals.cancelled;
  const total: AnnexRow = {
    code: '',
    text: report.labels.total,
    activities,
    counts: totals,
    covered,
    assigned,
    coverage: share(covered, assigned),
    progress: share(totals.completed + totals.continuous, live),
  };
  return { rows, total };
}

/** "60 %" / "60%": a share as the report's language writes a percentage. */
export function formatPercent(value: number, locale: 'es' | 'en'): string {
  return new Intl.NumberFormat(locale === 'es' ? 'es-ES' : 'en-US', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(value);
}
