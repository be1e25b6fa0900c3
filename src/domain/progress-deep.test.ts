/**
 * Progress on a four-level plan (theme > objective > action > activity, as the
 * CRM plan has), rolled up by themes and objectives. Every expected number is
 * worked out by hand in the comments, not by the functions under test.
 */
import { describe, expect, it } from 'vitest';
import {
  activityStatuses,
  emptyCounts,
  type ProgressInput,
  type ProgressItem,
  progressByActor,
  progressByObjective,
  type StatusCounts,
  sumBy,
  totalsOf,
} from './progress.ts';

const item = (
  id: string,
  levelKey: string,
  parentId: string | null,
  ordinal: number,
  status: ProgressItem['status'] = null,
) => ({
  id,
  code: id.toUpperCase(),
  text: `text of ${id}`,
  levelKey,
  parentId,
  ordinal,
  status,
});

// T1 ─ O1 ─ AC1 ─ a1, a2 (plan says continuous)
//    │    └ AC2 ─ a3
//    └ O2 ─ AC3 ─ a4 (plan says not started), a5 (plan says cancelled)
// T2 ─ O3 ─ AC4 ─ a6, a7
// Listed out of order, so that the rows' order comes from the ordinals.
const plan: ProgressInput = {
  items: [
    item('t2', 'theme', null, 11),
    item('o3', 'objective', 't2', 12),
    item('ac4', 'action', 'o3', 13),
    item('a6', 'activity', 'ac4', 14),
    item('a7', 'activity', 'ac4', 15),
    item('t1', 'theme', null, 0),
    item('o1', 'objective', 't1', 1),
    item('ac1', 'action', 'o1', 2),
    item('a1', 'activity', 'ac1', 3),
    item('a2', 'activity', 'ac1', 4, 'continuous'),
    item('ac2', 'action', 'o1', 5),
    item('a3', 'activity', 'ac2', 6),
    item('o2', 'objective', 't1', 7),
    item('ac3', 'action', 'o2', 8),
    item('a4', 'activity', 'ac3', 9, 'not_started'),
    item('a5', 'activity', 'ac3', 10, 'cancelled'),
  ],
  links: [
    { from: 'a6', to: 'o1' }, // a6 also serves O1
    { from: 'a1', to: 'o1' }, // already under O1: counted once
    { from: 'ac3', to: 'o3' }, // not an activity: ignored
  ],
  objectiveLevels: ['theme', 'objective'],
  assigned: [
    { itemId: 'a1', actorId: 'mx' },
    { itemId: 'a1', actorId: 'gt' },
    { itemId: 'a2', actorId: 'mx' },
    { itemId: 'a3', actorId: 'gt' },
    { itemId: 'a3', actorId: 'sv' },
    { itemId: 'a4', actorId: 'sv' },
    { itemId: 'a5', actorId: 'mx' },
    { itemId: 'a6', actorId: 'mx' },
    { itemId: 'a6', actorId: 'gt' },
    { itemId: 'a7', actorId: 'sv' },
  ],
  entries: [
    { actorId: 'mx', itemId: 'a1', status: 'completed', hasText: true },
    { actorId: 'gt', itemId: 'a1', status: 'completed', hasText: false },
    { actorId: 'mx', itemId: 'a2', status: null, hasText: true },
    { actorId: 'gt', itemId: 'a3', status: 'in_progress', hasText: true },
    { actorId: 'sv', itemId: 'a3', status: 'pending_input', hasText: false },
    { actorId: 'sv', itemId: 'a4', status: 'cancelled', hasText: true },
    { actorId: 'mx', itemId: 'a5', status: null, hasText: false },
    { actorId: 'mx', itemId: 'a6', status: 'completed', hasText: true },
    { actorId: 'gt', itemId: 'a6', status: null, hasText: false },
    { actorId: 'sv', itemId: 'a7', status: null, hasText: true },
  ],
};

const counts = (some: Partial<StatusCounts>): StatusCounts => ({ ...emptyCounts(), ...some });

describe('progress on a four-level plan', () => {
  it('gives each activity its actors assessment, else the plan status, and nothing to the levels above', () => {
    // a1: completed + completed; a2: no assessment, plan says continuous; a3: in progress + pending input;
    // a4: the actor says cancelled over the plan's not started; a5: plan says cancelled; a6: completed; a7: nothing.
    expect(Object.fromEntries(activityStatuses(plan))).toEqual({
      a1: 'completed',
      a2: 'continuous',
      a3: 'in_progress',
      a4: 'cancelled',
      a5: 'cancelled',
      a6: 'completed',
      a7: null,
    });
  });

  it('rolls up themes and objectives through every level below them and through the links', () => {
    // Covered pairs (entries with text): a1|mx, a2|mx, a3|gt, a4|sv, a6|mx, a7|sv.
    expect(progressByObjective(plan)).toEqual([
      // T1: a1..a5. Assigned: a1 mx gt, a2 mx, a3 gt sv, a4 sv, a5 mx = 7; covered a1|mx a2|mx a3|gt a4|sv = 4.
      // Progress: 2 done (a1, a2) of 5 - 2 cancelled = 3 live.
      {
        id: 't1',
        code: 'T1',
        text: 'text of t1',
        level: 'theme',
        counts: counts({ completed: 1, continuous: 1, in_progress: 1, cancelled: 2 }),
        activities: 5,
        assigned: 7,
        covered: 4,
        progress: 2 / 3,
      },
      // O1: a1, a2, a3 below and a6 linked. Assigned: a1 ×2, a2, a3 ×2, a6 ×2 = 7; covered a1|mx a2|mx a3|gt a6|mx = 4.
      // Progress: 3 done (a1, a2, a6) of 4.
      {
        id: 'o1',
        code: 'O1',
        text: 'text of o1',
        level: 'objective',
        counts: counts({ completed: 2, continuous: 1, in_progress: 1 }),
        activities: 4,
        assigned: 7,
        covered: 4,
        progress: 3 / 4,
      },
      // O2: a4, a5, both cancelled: nothing live, progress 0. Assigned a4|sv, a5|mx; covered a4|sv.
      {
        id: 'o2',
        code: 'O2',
        text: 'text of o2',
        level: 'objective',
        counts: counts({ cancelled: 2 }),
        activities: 2,
        assigned: 2,
        covered: 1,
        progress: 0,
      },
      // T2: a6 (completed), a7 (no information, counts as live). Assigned a6 ×2, a7 = 3; covered a6|mx a7|sv.
      {
        id: 't2',
        code: 'T2',
        text: 'text of t2',
        level: 'theme',
        counts: counts({ completed: 1, none: 1 }),
        activities: 2,
        assigned: 3,
        covered: 2,
        progress: 1 / 2,
      },
      // O3: the same two activities; the link from the action AC3 adds nothing.
      {
        id: 'o3',
        code: 'O3',
        text: 'text of o3',
        level: 'objective',
        counts: counts({ completed: 1, none: 1 }),
        activities: 2,
        assigned: 3,
        covered: 2,
        progress: 1 / 2,
      },
    ]);
  });

  it('totals each activity once and each assigned pair once, however many rows they appear in', () => {
    // Activities: completed a1 a6, continuous a2, in progress a3, cancelled a4 a5, none a7.
    // Pairs: 10 assigned, 6 of them with text (a1|mx, a2|mx, a3|gt, a4|sv, a6|mx, a7|sv).
    expect(totalsOf(plan, activityStatuses(plan))).toEqual({
      counts: counts({ completed: 2, continuous: 1, in_progress: 1, cancelled: 2, none: 1 }),
      covered: 6,
      assigned: 10,
    });
  });

  it('counts each actor entries, statuses and entries with text', () => {
    expect(Object.fromEntries(progressByActor(plan))).toEqual({
      // mx: a1 completed (text), a2 none (text), a5 none, a6 completed (text).
      mx: { actorId: 'mx', counts: counts({ completed: 2, none: 2 }), entries: 4, covered: 3 },
      // gt: a1 completed, a3 in progress (text), a6 none.
      gt: { actorId: 'gt', counts: counts({ completed: 1, in_progress: 1, none: 1 }), entries: 3, covered: 1 },
      // sv: a3 pending input, a4 cancelled (text), a7 none (text).
      sv: { actorId: 'sv', counts: counts({ pending_input: 1, cancelled: 1, none: 1 }), entries: 3, covered: 2 },
    });
  });

  it('leaves out entries of actors with nothing assigned, and lists assigned actors without entries', () => {
    const input = {
      ...plan,
      assigned: [...plan.assigned, { itemId: 'a7', actorId: 'hn' }],
      entries: [...plan.entries, { actorId: 'cr', itemId: 'a7', status: 'completed' as const, hasText: true }],
    };
    const byActor = progressByActor(input);
    expect([...byActor.keys()]).toEqual(['mx', 'gt', 'sv', 'hn']);
    expect(byActor.get('hn')).toEqual({ actorId: 'hn', counts: emptyCounts(), entries: 0, covered: 0 });
  });

  it('sums the actors by type', () => {
    const typeOf: Record<string, string> = { mx: 'member_state', gt: 'member_state', sv: 'organ' };
    const byType = sumBy([...progressByActor(plan).values()], (id) => typeOf[id] ?? 'other');
    expect(Object.fromEntries(byType)).toEqual({
      // mx + gt: completed 2 + 1, in progress 1, none 2 + 1; entries 4 + 3; covered 3 + 1.
      member_state: {
        actorId: 'member_state',
        counts: counts({ completed: 3, in_progress: 1, none: 3 }),
        entries: 7,
        covered: 4,
      },
      organ: { actorId: 'organ', counts: counts({ pending_input: 1, cancelled: 1, none: 1 }), entries: 3, covered: 2 },
    });
  });

  it('leaves out of the totals the assignments of items that are not among the activities counted', () => {
    // Only a1 and a2 are counted; their pairs are a1|mx, a1|gt and a2|mx, two of them with text.
    const some = new Map([...activityStatuses(plan)].filter(([id]) => id === 'a1' || id === 'a2'));
    expect(totalsOf(plan, some)).toEqual({
      counts: counts({ completed: 1, continuous: 1 }),
      covered: 2,
      assigned: 3,
    });
  });
});
