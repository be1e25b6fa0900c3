import { describe, expect, it } from 'vitest';
import { statusProposals } from './status-proposals.ts';

const entry = (over: Partial<Parameters<typeof statusProposals>[1][number]> = {}) => ({
  entryId: 'e',
  itemId: 'i',
  assessment: 'completed',
  itemStatus: 'not_started',
  review: null,
  ...over,
});

describe('statusProposals', () => {
  it('proposes an accepted report’s assessment that differs from the item’s status', () => {
    expect(statusProposals('accepted', [entry()])).toHaveLength(1);
  });
  it('proposes nothing before the report is accepted', () => {
    for (const state of ['draft', 'submitted', 'approved', 'returned']) {
      expect(statusProposals(state, [entry()]), state).toEqual([]);
    }
  });
  it('leaves out entries without an item or an assessment, the same status, and reviewed ones', () => {
    const entries = [
      entry({ entryId: 'no-item', itemId: null }),
      entry({ entryId: 'no-assessment', assessment: null }),
      entry({ entryId: 'same', itemStatus: 'completed' }),
      entry({ entryId: 'applied', review: 'applied' }),
      entry({ entryId: 'dismissed', review: 'dismissed' }),
      entry({ entryId: 'unknown-before', itemStatus: null }),
    ];
    expect(statusProposals('accepted', entries).map((e) => e.entryId)).toEqual(['unknown-before']);
  });
});
