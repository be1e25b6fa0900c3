import { describe, expect, it } from 'vitest';
import { changedFields, mergeField, mergeInTurn, mergeReport } from './report-merge.ts';

const entry = (id: string, carriedOut = '', planned = '', statusAssessment: string | null = null) => ({
  id,
  carriedOut,
  planned,
  statusAssessment,
});
const content = (entries: ReturnType<typeof entry>[], sections: Record<string, string> = { summary: '' }) => ({
  entries,
  sections,
});

describe('mergeField', () => {
  it('keeps the saved value when the sender left the field as it was', () => {
    expect(mergeField('a', 'b', 'a')).toEqual({ value: 'b', conflict: false });
  });
  it('takes the sender value when only the sender changed it', () => {
    expect(mergeField('a', 'a', 'c')).toEqual({ value: 'c', conflict: false });
  });
  it('is no conflict when both wrote the same', () => {
    expect(mergeField('a', 'c', 'c')).toEqual({ value: 'c', conflict: false });
  });
  it('is a conflict when both changed it differently, and keeps the saved value', () => {
    expect(mergeField('a', 'b', 'c')).toEqual({ value: 'b', conflict: true });
  });
  it('treats null as a value', () => {
    expect(mergeField<string | null>(null, null, 'done')).toEqual({ value: 'done', conflict: false });
    expect(mergeField<string | null>('done', null, 'done')).toEqual({ value: null, conflict: false });
  });
});

describe('mergeReport', () => {
  const base = content([entry('e1', 'one'), entry('e2', 'two')], { summary: 's', best: 'b' });

  it('keeps both changes to different activities', () => {
    const saved = content([entry('e1', 'one, by Ana'), entry('e2', 'two')], { summary: 's', best: 'b' });
    const mine = content([entry('e1', 'one'), entry('e2', 'two, by Luis')], { summary: 's', best: 'b' });
    const { merged, conflicts } = mergeReport(base, saved, mine);
    expect(conflicts).toEqual([]);
    expect(merged.entries.map((e) => e.carriedOut)).toEqual(['one, by Ana', 'two, by Luis']);
  });

  it('keeps changes to different fields of one activity', () => {
    const saved = content([entry('e1', 'one', 'plan A'), entry('e2', 'two')], { summary: 's', best: 'b' });
    const mine = content([entry('e1', 'one', '', 'completed'), entry('e2', 'two')], { summary: 's', best: 'b' });
    const { merged, conflicts } = mergeReport(base, saved, mine);
    expect(conflicts).toEqual([]);
    expect(merged.entries[0]).toEqual(entry('e1', 'one', 'plan A', 'completed'));
  });

  it('names each field both changed, and leaves the saved text there', () => {
    const saved = content([entry('e1', 'Ana', '', 'ongoing'), entry('e2', 'two')], { summary: 'Ana', best: 'b' });
    const mine = content([entry('e1', 'Luis', '', 'completed'), entry('e2', 'two')], { summary: 'Luis', best: 'B' });
    const { merged, conflicts } = mergeReport(base, saved, mine);
    expect(conflicts).toEqual([
      { entryId: 'e1', field: 'carriedOut' },
      { entryId: 'e1', field: 'statusAssessment' },
      { section: 'summary' },
    ]);
    expect(merged.entries[0]).toEqual(entry('e1', 'Ana', '', 'ongoing'));
    expect(merged.sections).toEqual({ summary: 'Ana', best: 'B' });
  });

  it('takes an entry missing from the base as unchanged there', () => {
    const saved = content([entry('e1', 'one'), entry('e2', 'two'), entry('e3', 'new')], { summary: 's', best: 'b' });
    const mine = content([entry('e1', 'one'), entry('e2', 'two')], { summary: 's', best: 'b' });
    const { merged, conflicts } = mergeReport(base, saved, mine);
    expect(conflicts).toEqual([]);
    expect(merged.entries.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(merged.entries[2]?.carriedOut).toBe('new');
  });

  it('reads a section the base lacks as empty', () => {
    const older = content([entry('e1', 'one'), entry('e2', 'two')], { summary: 's' });
    const saved = content([entry('e1', 'one'), entry('e2', 'two')], { summary: 's', best: 'theirs' });
    const mine = content([entry('e1', 'one'), entry('e2', 'two')], { summary: 'mine' });
    const { merged, conflicts } = mergeReport(older, saved, mine);
    expect(conflicts).toEqual([]);
    expect(merged.sections).toEqual({ summary: 'mine', best: 'theirs' });
  });
});

describe('what the sender sees on a conflict', () => {
  it('is the saved content with the sender value in each conflicting field', () => {
    const base = content([entry('e1', 'one'), entry('e2', 'two')], { summary: 's' });
    const saved = content([entry('e1', 'Ana'), entry('e2', 'two by Ana')], { summary: 's' });
    const mine = content([entry('e1', 'Luis'), entry('e2', 'two')], { summary: 'Luis' });
    const { yours, merged } = mergeReport(base, saved, mine);
    expect(yours).toEqual(content([entry('e1', 'Luis'), entry('e2', 'two by Ana')], { summary: 'Luis' }));
    expect(merged).toEqual(content([entry('e1', 'Ana'), entry('e2', 'two by Ana')], { summary: 'Luis' }));
  });
});

describe('changedFields', () => {
  it('lists every field and section that differs', () => {
    const a = content([entry('e1', 'one', 'p', null), entry('e2')], { summary: 's', best: 'b' });
    const b = content([entry('e1', 'one', 'q', 'completed'), entry('e2')], { summary: 's', best: 'c' });
    expect(changedFields(a, b)).toEqual([
      { entryId: 'e1', field: 'planned' },
      { entryId: 'e1', field: 'statusAssessment' },
      { section: 'best' },
    ]);
    expect(changedFields(a, a)).toEqual([]);
  });
});

describe('saves that waited for the same turn', () => {
  type Content = ReturnType<typeof content>;
  /** A save based on `baseVersion` that sets an activity's text. */
  const writes = (baseVersion: number, id: string, carriedOut: string) => ({
    baseVersion,
    mine: (base: Content) => ({
      ...base,
      entries: base.entries.map((e) => (e.id === id ? { ...e, carriedOut } : e)),
    }),
  });
  const start = { version: 5, content: content([entry('e1', 'a'), entry('e2', 'b'), entry('e3', 'c')]) };
  const nothingOlder = () => undefined;

  it('gives each the next version, in the order they came, each on what the one before saved', () => {
    const outcomes = mergeInTurn(
      start,
      [writes(5, 'e1', 'A'), writes(6, 'e2', 'B'), writes(7, 'e1', 'AA')],
      nothingOlder,
    );
    expect(outcomes).toEqual([
      { saved: true, version: 6, content: content([entry('e1', 'A'), entry('e2', 'b'), entry('e3', 'c')]) },
      { saved: true, version: 7, content: content([entry('e1', 'A'), entry('e2', 'B'), entry('e3', 'c')]) },
      { saved: true, version: 8, content: content([entry('e1', 'AA'), entry('e2', 'B'), entry('e3', 'c')]) },
    ]);
  });

  it('merges saves based on the same version that change different activities', () => {
    const outcomes = mergeInTurn(
      start,
      [writes(5, 'e1', 'A'), writes(5, 'e2', 'B'), writes(6, 'e3', 'C')],
      nothingOlder,
    );
    expect(outcomes.map((o) => o.saved && o.version)).toEqual([6, 7, 8]);
    expect(outcomes[2]).toEqual({
      saved: true,
      version: 8,
      content: content([entry('e1', 'A'), entry('e2', 'B'), entry('e3', 'C')]),
    });
  });

  it('refuses a save that changed a field another changed since its version, and goes on with the next', () => {
    const outcomes = mergeInTurn(
      start,
      [writes(5, 'e1', 'A'), writes(5, 'e1', 'Z'), writes(6, 'e2', 'B')],
      nothingOlder,
    );
    expect(outcomes[1]).toEqual({
      saved: false,
      current: { version: 6, content: content([entry('e1', 'A'), entry('e2', 'b'), entry('e3', 'c')]) },
      yours: { version: 5, content: content([entry('e1', 'Z'), entry('e2', 'b'), entry('e3', 'c')]) },
      conflicts: [{ entryId: 'e1', field: 'carriedOut' }],
    });
    expect(outcomes[2]).toEqual({
      saved: true,
      version: 7,
      content: content([entry('e1', 'A'), entry('e2', 'B'), entry('e3', 'c')]),
    });
  });

  it('merges a save based on a version from before the turn with the one saved then', () => {
    const at3 = content([entry('e1', 'a'), entry('e2', 'old'), entry('e3', 'c')]);
    const asked: number[] = [];
    const savedAt = (version: number) => {
      asked.push(version);
      return version === 3 ? at3 : undefined;
    };
    const [outcome] = mergeInTurn(start, [writes(3, 'e3', 'C')], savedAt);
    expect(outcome).toEqual({
      saved: true,
      version: 6,
      content: content([entry('e1', 'a'), entry('e2', 'b'), entry('e3', 'C')]),
    });
    expect(asked).toEqual([3]);
  });

  it('refuses every change of a save based on a version no one saved', () => {
    const outcomes = mergeInTurn(start, [writes(2, 'e1', 'A'), writes(9, 'e2', 'B')], nothingOlder);
    expect(outcomes).toEqual([
      {
        saved: false,
        current: start,
        yours: { version: 2, content: content([entry('e1', 'A'), entry('e2', 'b'), entry('e3', 'c')]) },
        conflicts: [{ entryId: 'e1', field: 'carriedOut' }],
      },
      {
        saved: false,
        current: start,
        yours: { version: 9, content: content([entry('e1', 'a'), entry('e2', 'B'), entry('e3', 'c')]) },
        conflicts: [{ entryId: 'e2', field: 'carriedOut' }],
      },
    ]);
  });

  it('does not ask the saved versions for one ahead of the turn', () => {
    const savedAt = (version: number) => content([entry(`asked ${version}`)]);
    const [outcome] = mergeInTurn(start, [writes(7, 'e1', 'A')], savedAt);
    expect(outcome?.saved).toBe(false);
  });
});
