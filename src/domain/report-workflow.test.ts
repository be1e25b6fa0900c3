import { describe, expect, it } from 'vitest';
import {
  checkTransition,
  commentsOpen,
  daysToDeadline,
  isLate,
  type ReportAction,
  type ReportState,
  reminderDue,
} from './report-workflow.ts';

describe('checkTransition', () => {
  const ok = (action: ReportAction, state: ReportState) => checkTransition(action, state, 'open');
  it('follows draft → submitted → approved → accepted', () => {
    expect(ok('submit', 'draft')).toEqual({ ok: true, to: 'submitted' });
    expect(ok('approve', 'submitted')).toEqual({ ok: true, to: 'approved' });
    expect(ok('accept', 'approved')).toEqual({ ok: true, to: 'accepted' });
  });
  it('returns submitted or approved reports to the focal point, who edits and submits again', () => {
    expect(ok('return', 'submitted')).toEqual({ ok: true, to: 'returned' });
    expect(ok('return', 'approved')).toEqual({ ok: true, to: 'returned' });
    expect(ok('edit', 'returned').ok).toBe(true);
    expect(ok('submit', 'returned')).toEqual({ ok: true, to: 'submitted' });
  });
  it('refuses steps out of order', () => {
    expect(ok('approve', 'draft')).toEqual({ ok: false, reason: 'wrong_state' });
    expect(ok('accept', 'submitted')).toEqual({ ok: false, reason: 'wrong_state' });
    expect(ok('edit', 'submitted')).toEqual({ ok: false, reason: 'wrong_state' });
    expect(ok('return', 'accepted')).toEqual({ ok: false, reason: 'wrong_state' });
  });
  it('locks a closed cycle except for finishing the review, and a published or draft one entirely', () => {
    expect(checkTransition('edit', 'draft', 'closed')).toEqual({ ok: false, reason: 'cycle_locked' });
    expect(checkTransition('submit', 'draft', 'closed')).toEqual({ ok: false, reason: 'cycle_locked' });
    expect(checkTransition('accept', 'approved', 'closed')).toEqual({ ok: true, to: 'accepted' });
    expect(checkTransition('accept', 'approved', 'published')).toEqual({ ok: false, reason: 'cycle_locked' });
    expect(checkTransition('edit', 'draft', 'draft')).toEqual({ ok: false, reason: 'cycle_locked' });
  });
});

describe('commentsOpen', () => {
  it('takes comments in an open cycle until the report is accepted', () => {
    for (const state of ['draft', 'submitted', 'approved', 'returned'] as const) {
      expect(commentsOpen(state, 'open'), state).toBe(true);
    }
    expect(commentsOpen('accepted', 'open')).toBe(false);
    for (const cycle of ['draft', 'closed', 'published'] as const) {
      expect(commentsOpen('submitted', cycle), cycle).toBe(false);
    }
  });
});

describe('deadlines', () => {
  it('counts whole days to or past the deadline', () => {
    expect(daysToDeadline('2026-03-31', '2026-03-17')).toBe(14);
    expect(daysToDeadline('2026-03-31', '2026-03-31')).toBe(0);
    expect(daysToDeadline('2026-03-31', '2026-04-02')).toBe(-2);
    expect(daysToDeadline('2026-11-01', '2026-10-25')).toBe(7); // across a DST change elsewhere: dates are UTC
  });
  it('marks as late only what is submitted after the deadline day', () => {
    expect(isLate('2026-03-31', '2026-03-31')).toBe(false);
    expect(isLate('2026-03-31', '2026-04-01')).toBe(true);
  });
});

describe('reminderDue', () => {
  it('names the reminder due 14, 7 and 1 days before, and weekly while overdue', () => {
    expect(reminderDue('2026-03-31', '2026-03-01')).toBeNull();
    expect(reminderDue('2026-03-31', '2026-03-17')).toBe('before-14');
    expect(reminderDue('2026-03-31', '2026-03-20')).toBe('before-14');
    expect(reminderDue('2026-03-31', '2026-03-24')).toBe('before-7');
    expect(reminderDue('2026-03-31', '2026-03-30')).toBe('before-1');
    expect(reminderDue('2026-03-31', '2026-03-31')).toBe('before-1');
    expect(reminderDue('2026-03-31', '2026-04-01')).toBe('overdue-1');
    expect(reminderDue('2026-03-31', '2026-04-07')).toBe('overdue-1');
    expect(reminderDue('2026-03-31', '2026-04-08')).toBe('overdue-2');
  });
  it('follows a configured rule', () => {
    const rule = { before: [30, 3], overdueEveryDays: 2 };
    expect(reminderDue('2026-03-31', '2026-03-01', rule)).toBe('before-30');
    expect(reminderDue('2026-03-31', '2026-03-29', rule)).toBe('before-3');
    expect(reminderDue('2026-03-31', '2026-04-03', rule)).toBe('overdue-2');
  });
});
