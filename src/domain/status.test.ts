import { describe, expect, it } from 'vitest';
import { isItemStatus, rollUpStatus, summarizeStatuses } from './status.ts';

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
