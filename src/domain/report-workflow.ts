/**
 * The life of a report as a state machine: draft → submitted → approved
 * (by the actor's validator) → accepted (by the secretariat); returned with
 * comments goes back to the focal point, who edits and submits again. A
 * focal point may withdraw a submission nobody has approved yet: it is a
 * draft again.
 */
import type { CycleState } from './cycle-workflow.ts';

export type { CycleState };
export type ReportState = 'draft' | 'submitted' | 'approved' | 'accepted' | 'returned';
export type ReportAction = 'edit' | 'submit' | 'withdraw' | 'approve' | 'accept' | 'return';

const transitions: Record<Exclude<ReportAction, 'edit'>, { from: readonly ReportState[]; to: ReportState }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  withdraw: { from: ['submitted'], to: 'draft' },
  approve: { from: ['submitted'], to: 'approved' },
  accept: { from: ['approved'], to: 'accepted' },
  return: { from: ['submitted', 'approved'], to: 'returned' },
};

export type WorkflowCheck = { ok: true; to: ReportState } | { ok: false; reason: 'cycle_locked' | 'wrong_state' };

/** Whether `action` may happen to a report in `state` within a cycle in `cycleState`. */
export function checkTransition(action: ReportAction, state: ReportState, cycleState: CycleState): WorkflowCheck {
  // A closed or published cycle is locked; the secretariat may still finish accepting what was approved.
  const locked = cycleState === 'published' || (cycleState === 'closed' && action !== 'accept' && action !== 'return');
  if (cycleState === 'draft' || locked) return { ok: false, reason: 'cycle_locked' };
  if (action === 'edit') {
    return state === 'draft' || state === 'returned' ? { ok: true, to: state } : { ok: false, reason: 'wrong_state' };
  }
  const rule = transitions[action];
  return rule.from.includes(state) ? { ok: true, to: rule.to } : { ok: false, reason: 'wrong_state' };
}

/** Comments on a report's activities are taken while its cycle is open and until it is accepted. */
export const commentsOpen = (state: ReportState, cycleState: CycleState): boolean =>
  cycleState === 'open' && state !== 'accepted';

/** Whole days from `today` to `deadline` (negative when past), both ISO dates. */
export function daysToDeadline(deadline: string, today: string): number {
  const ms = Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** A submission after the deadline day is late. */
export const isLate = (deadline: string, submittedOn: string): boolean => submittedOn > deadline;

export type ReminderRule = { before: readonly number[]; overdueEveryDays: number };
export const DEFAULT_REMINDERS: ReminderRule = { before: [14, 7, 1], overdueEveryDays: 7 };

/**
 * The reminder due today for a report still with its focal point, as a stable
 * key (so a reminder is sent once): `before-7`, `overdue-2`…, or null.
 */
export function reminderDue(deadline: string, today: string, rule: ReminderRule = DEFAULT_REMINDERS): string | null {
  const days = daysToDeadline(deadline, today);
  if (days >= 0) {
    // The closest threshold already reached: a late first run still sends one reminder, not several.
    const reached = rule.before.filter((b) => days <= b).sort((a, b) => a - b)[0];
    return reached === undefined ? null : `before-${reached}`;
  }
  const week = Math.ceil(-days / rule.overdueEveryDays);
  return `overdue-${week}`;
}
