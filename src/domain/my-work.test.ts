import { describe, expect, it } from 'vitest';
import { byUrgency, isOverdue, taskOf } from './my-work.ts';

describe('taskOf', () => {
  it('names what the focal point has to do in each state', () => {
    expect(['returned', 'draft', 'submitted', 'approved', 'accepted'].map(taskOf)).toEqual([
      'correct',
      'write',
      'waiting',
      'waiting',
      'done',
    ]);
  });
});

describe('isOverdue', () => {
  it('is a draft or returned report past its deadline day', () => {
    expect(isOverdue({ state: 'draft', deadline: '2026-11-30' }, '2026-12-01')).toBe(true);
    expect(isOverdue({ state: 'returned', deadline: '2026-11-30' }, '2026-12-01')).toBe(true);
  });
  it('is not on the deadline day itself, nor once submitted', () => {
    expect(isOverdue({ state: 'draft', deadline: '2026-12-01' }, '2026-12-01')).toBe(false);
    expect(isOverdue({ state: 'submitted', deadline: '2026-11-30' }, '2026-12-01')).toBe(false);
    expect(isOverdue({ state: 'accepted', deadline: '2026-11-30' }, '2026-12-01')).toBe(false);
  });
});

describe('byUrgency', () => {
  it('lists returned reports, then drafts by deadline, then waiting, then done', () => {
    const rows = [
      { id: 'done', state: 'accepted', deadline: '2026-01-01' },
      { id: 'later', state: 'draft', deadline: '2027-03-01' },
      { id: 'waiting', state: 'submitted', deadline: '2026-01-01' },
      { id: 'sooner', state: 'draft', deadline: '2026-12-15' },
      { id: 'returned', state: 'returned', deadline: '2027-06-01' },
    ];
    expect(byUrgency(rows).map((r) => r.id)).toEqual(['returned', 'sooner', 'later', 'waiting', 'done']);
    expect(rows[0]?.id).toBe('done');
  });
});
