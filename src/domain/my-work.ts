/**
 * What a person has to do in the reports they work on, as their home page
 * lists it: a returned report first (someone asked for changes), then
 * drafts by the days left (overdue ones first), then reports waiting for
 * someone else, then finished ones.
 */
import { daysToDeadline } from './report-workflow.ts';

export type ReportTask = 'correct' | 'write' | 'waiting' | 'done';

export function taskOf(state: string): ReportTask {
  if (state === 'returned') return 'correct';
  if (state === 'draft') return 'write';
  if (state === 'accepted') return 'done';
  return 'waiting';
}

const ORDER: Record<ReportTask, number> = { correct: 0, write: 1, waiting: 2, done: 3 };

export type WorkRow = { state: string; deadline: string };

/** A report still to send whose deadline has passed. */
export const isOverdue = (row: WorkRow, today: string): boolean =>
  (row.state === 'draft' || row.state === 'returned') && daysToDeadline(row.deadline, today) < 0;

/** Reports in the order the home page lists them. */
export function byUrgency<T extends WorkRow>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) => ORDER[taskOf(a.state)] - ORDER[taskOf(b.state)] || a.deadline.localeCompare(b.deadline),
  );
}
