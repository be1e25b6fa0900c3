import { describe, expect, it } from 'vitest';
import { isItemStatus, rollUpStatus, statusDistribution, summarizeStatuses } from './status.ts';

describe('rollUpStatus', () => {
  it('is null when no leaf has information', () => {
    expect(rollUpStatus([])).toBeNull();
    expect(rollUpStatus([null, null])).toBeNull();
  });
  it('is completed only when every live leaf is completed', () => {
    expect(rollUpStatus(['completed', 'completed'])).toBe('completed');
    expect(rollUpStatus(['completed', 'cancelled'])).toBe('completed');
    expect(rollUpStatus(['completed', null])).toBe('in_progress');
  });
  it('is in progress when work has started somewhere but not everywhere', () => {
    expect(rollUpStatus(['completed', 'not_started'])).toBe('in_progress');
    expect(rollUpStatus(['in_progress', 'continuous'])).toBe('in_progress');
  });
  it('is continuous when every live leaf is continuous or completed and one is continuous', () => {
    expect(rollUpStatus(['continuous', 'completed'])).toBe('continuous');
  });
  it('is pending input when nothing moved and something awaits input', () => {
    expect(rollUpStatus(['pending_input', 'not_started'])).toBe('pending_input');
  });
  it('is not started or cancelled when all leaves say so', () => {
    expect(rollUpStatus(['not_started', 'not_started'])).toBe('not_started');
    expect(rollUpStatus(['cancelled', 'cancelled'])).toBe('cancelled');
  });
});

describe('summarizeStatuses', () => {
  it('counts each status and the share done, ignoring cancelled items', () => {
    const s = summarizeStatuses(['completed', 'continuous', 'in_progress', 'cancelled', null]);
    expect(s.counts.completed).toBe(1);
    expect(s.counts.cancelled).toBe(1);
    expect(s.total).toBe(4);
    expect(s.unknown).toBe(1);
    expect(s.progress).toBeCloseTo(2 / 4);
  });
});

describe('isItemStatus', () => {
  it('accepts the vocabulary only', () => {
    expect(isItemStatus('continuous')).toBe(true);
    expect(isItemStatus('done')).toBe(false);
    expect(isItemStatus(undefined)).toBe(false);
  });
});

describe('statusDistribution', () => {
  it('counts the leaves by status in the vocabulary’s order, no information last, leaving out what no leaf has', () => {
    expect(statusDistribution(['continuous', 'completed', null, 'completed', 'pending_input'])).toEqual([
      { status: 'continuous', count: 1 },
      { status: 'completed', count: 2 },
      { status: 'pending_input', count: 1 },
      { status: 'none', count: 1 },
    ]);
    expect(statusDistribution(['cancelled', 'not_started', 'in_progress'])).toEqual([
      { status: 'not_started', count: 1 },
      { status: 'in_progress', count: 1 },
      { status: 'cancelled', count: 1 },
    ]);
  });
  it('has one tally where all the leaves agree, and none without leaves', () => {
    expect(statusDistribution(['completed', 'completed'])).toEqual([{ status: 'completed', count: 2 }]);
    expect(statusDistribution([null])).toEqual([{ status: 'none', count: 1 }]);
    expect(statusDistribution([])).toEqual([]);
  });
});
