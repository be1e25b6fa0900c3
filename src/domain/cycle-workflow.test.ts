import { describe, expect, it } from 'vitest';
import { type CycleAction, type CycleState, checkCycleTransition } from './cycle-workflow.ts';

// Every action × every cycle state, by hand: one way forward, no skipping, back one step only by reopening or unpublishing.
const table: [CycleAction, CycleState, CycleState | 'refused'][] = [
  ['open', 'draft', 'open'],
  ['open', 'open', 'refused'],
  ['open', 'closed', 'refused'],
  ['open', 'published', 'refused'],
  ['close', 'draft', 'refused'],
  ['close', 'open', 'closed'],
  ['close', 'closed', 'refused'],
  ['close', 'published', 'refused'],
  ['publish', 'draft', 'refused'],
  ['publish', 'open', 'refused'],
  ['publish', 'closed', 'published'],
  ['publish', 'published', 'refused'],
  ['reopen', 'draft', 'refused'],
  ['reopen', 'open', 'refused'],
  ['reopen', 'closed', 'open'],
  ['reopen', 'published', 'refused'],
  ['unpublish', 'draft', 'refused'],
  ['unpublish', 'open', 'refused'],
  ['unpublish', 'closed', 'refused'],
  ['unpublish', 'published', 'closed'],
];

describe('checkCycleTransition', () => {
  it.each(table)('%s a %s cycle: %s', (action, state, result) => {
    expect(checkCycleTransition(action, state)).toEqual(
      result === 'refused' ? { ok: false, reason: 'cycle_state' } : { ok: true, to: result },
    );
  });
});
