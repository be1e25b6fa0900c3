/** Every branch of the status roll-up and summary, with expected values worked out by hand. */
import { describe, expect, it } from 'vitest';
import { type ItemStatus, isItemStatus, rollUpStatus, summarizeStatuses } from './status.ts';

type S = ItemStatus | null;

describe('rollUpStatus', () => {
  it.each([
    [[], null],
    [[null, null], null],
    // Cancelled leaves only count when every leaf is cancelled, and a leaf we know nothing of may not be.
    [['cancelled', 'cancelled'], 'cancelled'],
    [['cancelled'], 'cancelled'],
    [['cancelled', null], null],
    [['cancelled', 'cancelled', null, null], null],
    [['completed', 'completed'], 'completed'],
    [['completed', 'cancelled'], 'completed'],
    [['completed', null], 'in_progress'],
    [['completed', 'not_started'], 'in_progress'],
    [['not_started', 'not_started'], 'not_started'],
    [['not_started', 'cancelled'], 'not_started'],
    [['not_started', null], 'in_progress'],
    [['pending_input'], 'pending_input'],
    [['pending_input', 'not_started'], 'pending_input'],
    [['pending_input', 'cancelled', null], 'pending_input'],
    [['pending_input', 'in_progress'], 'in_progress'],
    [['pending_input', 'continuous'], 'in_progress'],
    [['pending_input', 'completed'], 'in_progress'],
    [['continuous'], 'continuous'],
    [['continuous', 'completed'], 'continuous'],
    [['continuous', 'cancelled', null], 'continuous'],
    [['continuous', 'in_progress'], 'in_progress'],
    [['continuous', 'not_started'], 'in_progress'],
    [['continuous', 'pending_input'], 'in_progress'],
    [['in_progress'], 'in_progress'],
    [['in_progress', 'completed', 'continuous'], 'in_progress'],
  ] as [S[], S][])('%j rolls up to %s', (statuses, expected) => {
    expect(rollUpStatus(statuses)).toBe(expected);
    expect(rollUpStatus(statuses.values())).toBe(expected);
  });
});

const zero = { not_started: 0, in_progress: 0, continuous: 0, completed: 0, pending_input: 0, cancelled: 0 };

describe('summarizeStatuses', () => {
  it.each([
    ['nothing', [], { counts: zero, total: 0, unknown: 0, progress: 0 }],
    ['only unknown', [null, null], { counts: zero, total: 0, unknown: 2, progress: 0 }],
    [
      'only cancelled',
      ['cancelled', 'cancelled'],
      { counts: { ...zero, cancelled: 2 }, total: 2, unknown: 0, progress: 0 },
    ],
    // live = 4 - 1 cancelled + 1 unknown = 4; done = completed + continuous = 2.
    [
      'a mix',
      ['completed', 'continuous', 'in_progress', 'cancelled', null],
      {
        counts: { ...zero, completed: 1, continuous: 1, in_progress: 1, cancelled: 1 },
        total: 4,
        unknown: 1,
        progress: 0.5,
      },
    ],
    // live = 5 - 0 + 0 = 5; done = 1 + 2 = 3.
    [
      'every status',
      ['not_started', 'continuous', 'completed', 'pending_input', 'continuous'],
      {
        counts: { ...zero, not_started: 1, continuous: 2, completed: 1, pending_input: 1 },
        total: 5,
        unknown: 0,
        progress: 0.6,
      },
    ],
    // live = 2 - 1 + 2 = 3; done = 1.
    [
      'unknown counts as not done',
      ['completed', 'cancelled', null, null],
      { counts: { ...zero, completed: 1, cancelled: 1 }, total: 2, unknown: 2, progress: 1 / 3 },
    ],
  ] as [string, S[], ReturnType<typeof summarizeStatuses>][])('%s', (_name, statuses, expected) => {
    expect(summarizeStatuses(statuses)).toEqual(expected);
  });
});

describe('isItemStatus', () => {
  it.each([
    ['not_started', true],
    ['in_progress', true],
    ['continuous', true],
    ['completed', true],
    ['pending_input', true],
    ['cancelled', true],
    ['done', false],
    ['', false],
    [null, false],
    [undefined, false],
    [3, false],
  ])('%j: %s', (value, expected) => {
    expect(isItemStatus(value)).toBe(expected);
  });
});
