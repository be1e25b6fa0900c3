import { describe, expect, it } from 'vitest';
import { defaultComparison, reportChanges } from './report-changes.ts';

const content = (over: { a?: string; b?: string; status?: string | null; summary?: string } = {}) => ({
  entries: [
    { id: 'e1', carriedOut: over.a ?? 'Se realizó un taller', planned: '', statusAssessment: over.status ?? null },
    { id: 'e2', carriedOut: over.b ?? 'Nada', planned: 'Un curso', statusAssessment: null },
  ],
  sections: { summary: over.summary ?? '' },
});

describe('reportChanges', () => {
  it('lists nothing when the versions read the same, spacing aside', () => {
    expect(reportChanges(content(), content())).toEqual([]);
    expect(reportChanges(content(), content({ a: 'Se  realizó un taller ' }))).toEqual([]);
  });

  it('names each changed field with the words removed and added', () => {
    const changes = reportChanges(content(), content({ a: 'Se realizó un segundo taller', summary: 'Resumen' }));
    expect(changes.map((c) => c.field)).toEqual([{ entryId: 'e1', field: 'carriedOut' }, { section: 'summary' }]);
    const [first] = changes;
    expect(first?.before).toBe('Se realizó un taller');
    expect(first?.after).toBe('Se realizó un segundo taller');
    expect(first?.words.filter((w) => w.change === 'added').map((w) => w.text.trim())).toEqual(['segundo']);
    expect(first?.words.filter((w) => w.change === 'removed')).toEqual([]);
  });

  it('finds the change in whichever activity it is, and counts words run together as a change', () => {
    expect(reportChanges(content(), content({ b: 'Un taller' })).map((c) => c.field)).toEqual([
      { entryId: 'e2', field: 'carriedOut' },
    ]);
    const [joined] = reportChanges(content(), content({ a: 'Se realizóun taller' }));
    expect(joined?.after).toBe('Se realizóun taller');
  });

  it('gives an assessment as its two values, without words', () => {
    const [change] = reportChanges(content(), content({ status: 'completed' }));
    expect(change).toEqual({
      field: { entryId: 'e1', field: 'statusAssessment' },
      before: '',
      after: 'completed',
      words: [],
    });
  });
});

describe('defaultComparison', () => {
  it('compares the last two submissions', () => {
    expect(defaultComparison([3, 7, 12], 12)).toEqual({ from: 7, to: 12 });
    expect(defaultComparison([3, 7], 9)).toEqual({ from: 3, to: 7 });
  });
  it('compares one submission with the draft saved since', () => {
    expect(defaultComparison([3], 5)).toEqual({ from: 3, to: 5 });
  });
  it('has nothing to compare without a submission, or with one and nothing saved since', () => {
    expect(defaultComparison([], 5)).toBeNull();
    expect(defaultComparison([3], 3)).toBeNull();
    expect(defaultComparison([3], 2)).toBeNull();
    expect(defaultComparison([3], null)).toBeNull();
  });
});
