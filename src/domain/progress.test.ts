import { describe, expect, it } from 'vitest';
import {
  activityStatuses,
  emptyCounts,
  type ProgressInput,
  progressByActor,
  progressByObjective,
  statusesKnown,
  sumBy,
  totalsOf,
} from './progress.ts';
import { ITEM_STATUSES } from './status.ts';

const item = (
  id: string,
  levelKey: string,
  parentId: string | null,
  ordinal: number,
  status: ProgressInput['items'][number]['status'] = null,
) => ({
  id,
  code: id.toUpperCase(),
  text: `text ${id}`,
  levelKey,
  parentId,
  ordinal,
  status,
});

const input: ProgressInput = {
  items: [
    item('o1', 'objective', null, 0),
    item('o2', 'objective', null, 1),
    item('sec', 'section', null, 2),
    item('a1', 'activity', 'sec', 3),
    item('a2', 'activity', 'sec', 4, 'continuous'),
    item('a3', 'activity', 'sec', 5),
  ],
  links: [
    { from: 'a1', to: 'o1' },
    { from: 'a2', to: 'o1' },
    { from: 'a3', to: 'o2' },
  ],
  objectiveLevels: ['objective'],
  assigned: [
    { itemId: 'a1', actorId: 'mx' },
    { itemId: 'a1', actorId: 'ca' },
    { itemId: 'a2', actorId: 'mx' },
    { itemId: 'a3', actorId: 'mx' },
  ],
  entries: [
    { actorId: 'mx', itemId: 'a1', status: 'completed', hasText: true },
    { actorId: 'ca', itemId: 'a1', status: 'in_progress', hasText: false },
    { actorId: 'mx', itemId: 'a3', status: null, hasText: true },
  ],
};

describe('progress', () => {
  it('takes an activity status from its actors assessments, else from the programme', () => {
    const s = activityStatuses(input);
    expect(s.get('a1')).toBe('in_progress');
    expect(s.get('a2')).toBe('continuous');
    expect(s.get('a3')).toBeNull();
    expect(s.has('sec')).toBe(false);
  });
  it('rolls up by objective through the links, with coverage of assigned pairs', () => {
    const [o1, o2] = progressByObjective(input);
    expect(o1).toMatchObject({ code: 'O1', activities: 2, assigned: 3, covered: 1 });
    expect(o1?.counts.in_progress).toBe(1);
    expect(o1?.counts.continuous).toBe(1);
    expect(o1?.progress).toBeCloseTo(0.5);
    expect(o2).toMatchObject({ activities: 1, assigned: 1, covered: 1 });
    expect(o2?.counts.none).toBe(1);
  });
  it('rolls up by the tree when an objective contains its activities', () => {
    const tree: ProgressInput = { ...input, links: [], objectiveLevels: ['section'] };
    const [sec] = progressByObjective(tree);
    expect(sec).toMatchObject({ code: 'SEC', activities: 3, assigned: 4, covered: 2 });
  });
  it('rolled up by sections, counts a section without activities as the activity it mandates, so rows add up to the totals', () => {
    const sections: ProgressInput = {
      ...input,
      items: [...input.items.filter((i) => i.levelKey !== 'objective'), item('own', 'section', null, 6)],
      links: [],
      objectiveLevels: ['section'],
      rollUp: 'sections',
      assigned: [...input.assigned, { itemId: 'own', actorId: 'oas' }],
      entries: [...input.entries, { actorId: 'oas', itemId: 'own', status: null, hasText: true }],
    };
    const rows = progressByObjective(sections);
    expect(rows.map((r) => [r.code, r.activities, r.assigned, r.covered])).toEqual([
      ['SEC', 3, 4, 2],
      ['OWN', 1, 1, 1],
    ]);
    const totals = totalsOf(sections, activityStatuses(sections));
    expect(rows.reduce((n, r) => n + r.activities, 0)).toBe(Object.values(totals.counts).reduce((a, b) => a + b, 0));
    // By objectives, an objective with nothing under it is not an activity of its own.
    const objectives = progressByObjective({ ...sections, rollUp: 'objectives' });
    expect(objectives.find((r) => r.code === 'OWN')?.activities).toBe(0);
  });
  it('counts an entry on a section as covering the actor’s activities in it, not another actor’s', () => {
    const onSection: ProgressInput = {
      ...input,
      links: [],
      objectiveLevels: ['section'],
      entries: [{ actorId: 'mx', itemId: 'sec', status: null, hasText: true }],
    };
    const [sec] = progressByObjective(onSection);
    // mx holds a1, a2 and a3; ca's a1 is still not covered.
    expect(sec).toMatchObject({ assigned: 4, covered: 3 });
    const silent = { ...onSection, entries: [{ actorId: 'mx', itemId: 'sec', status: null, hasText: false }] };
    expect(progressByObjective(silent)[0]?.covered).toBe(0);
  });
  it('counts each actor entries and sums them by type', () => {
    const byActor = progressByActor(input);
    expect(byActor.get('mx')).toMatchObject({ entries: 2, covered: 2 });
    expect(byActor.get('ca')?.counts.in_progress).toBe(1);
    const byType = sumBy([...byActor.values()], () => 'member_state');
    expect(byType.get('member_state')).toMatchObject({ entries: 3, covered: 2 });
  });
});

describe('statusesKnown', () => {
  it('knows statuses when any activity has one, and not when all are without', () => {
    const none = { ...emptyCounts(), none: 19 };
    expect(statusesKnown(none)).toBe(false);
    expect(statusesKnown(emptyCounts())).toBe(false);
    for (const status of ITEM_STATUSES) expect(statusesKnown({ ...none, [status]: 1 }), status).toBe(true);
  });
});
