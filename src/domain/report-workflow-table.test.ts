/**
 * The report workflow as a complete table, written out by hand: every report
 * state × every action × every cycle state, with the state it leads to or
 * why it is refused. A change to any rule changes a cell here.
 */
import { describe, expect, it } from 'vitest';
import { type CycleState, checkTransition, type ReportAction, type ReportState } from './report-workflow.ts';

const actions = ['edit', 'submit', 'withdraw', 'approve', 'accept', 'return'] as const;
const reportStates = ['draft', 'submitted', 'approved', 'accepted', 'returned'] as const;
const cycleStates = ['draft', 'open', 'closed', 'published'] as const;

// A cell is the state the action leads to, or 'locked' (the cycle refuses) or 'wrong' (the report's state refuses).
type Cell = ReportState | 'locked' | 'wrong';
type Grid = Record<ReportState, [edit: Cell, submit: Cell, withdraw: Cell, approve: Cell, accept: Cell, ret: Cell]>;

const expected: Record<CycleState, Grid> = {
  draft: {
    draft: ['locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
    submitted: ['locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
    approved: ['locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
    accepted: ['locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
    returned: ['locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
  },
  open: {
    draft: ['draft', 'submitted', 'wrong', 'wrong', 'wrong', 'wrong'],
    submitted: ['wrong', 'wrong', 'draft', 'approved', 'wrong', 'returned'],
    approved: ['wrong', 'wrong', 'wrong', 'wrong', 'accepted', 'returned'],
    accepted: ['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'wrong'],
    returned: ['returned', 'submitted', 'wrong', 'wrong', 'wrong', 'wrong'],
  },
  // Closed: the focal points and validators are done; the secretariat may still accept or return.
  closed: {
    draft: ['locked', 'locked', 'locked', 'locked', 'wrong', 'wrong'],
    submitted: ['locked', 'locked', 'locked', 'locked', 'wrong', 'returned'],
    approved: ['locked', 'locked', 'locked', 'locked', 'accepted', 'returned'],
    accepted: ['locked', 'locked', 'locked', 'locked', 'wrong', 'wrong'],
    returned: ['locked', 'locked', 'locked', 'locked', 'wrong', 'wrong'],
  },
  published: {
    draft: ['locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
    submitted: ['locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
    approved: ['locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
    accepted: ['locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
    returned: ['locked', 'locked', 'locked', 'locked', 'locked', 'locked'],
  },
};

const rows = cycleStates.flatMap((cycle) =>
  reportStates.flatMap((state) =>
    actions.map((action, column) => ({ cycle, state, action, cell: expected[cycle][state][column] as Cell })),
  ),
);

const outcome = (cell: Cell) =>
  cell === 'locked'
    ? { ok: false, reason: 'cycle_locked' }
    : cell === 'wrong'
      ? { ok: false, reason: 'wrong_state' }
      : { ok: true, to: cell };

describe('the report workflow, complete', () => {
  it('has one row for each of the 120 combinations', () => {
    expect(rows).toHaveLength(120);
    expect(new Set(rows.map((r) => `${r.cycle} ${r.state} ${r.action}`)).size).toBe(120);
  });

  it.each(rows)('in a $cycle cycle, $action on a $state report: $cell', ({ cycle, state, action, cell }) => {
    expect(checkTransition(action as ReportAction, state, cycle)).toEqual(outcome(cell));
  });
});
