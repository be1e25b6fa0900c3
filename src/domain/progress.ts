/**
 * Progress of a programme in a reporting cycle: the status of each activity
 * as its actors assessed it, rolled up by objective (through the activity →
 * objective links, or the tree), by actor and by actor type, with coverage
 * (which assigned activities have an entry that says something).
 */
import { ITEM_STATUSES, type ItemStatus, rollUpStatus, summarizeStatuses } from './status.ts';

export type ProgressItem = {
  id: string;
  code: string;
  text: string;
  levelKey: string;
  parentId: string | null;
  ordinal: number;
  status: ItemStatus | null;
};
export type ProgressEntry = { actorId: string; itemId: string; status: ItemStatus | null; hasText: boolean };
export type StatusCounts = Record<ItemStatus | 'none', number>;

export type ProgressInput = {
  items: ProgressItem[];
  /** activity → objective ("serves") links. */
  links: { from: string; to: string }[];
  /** The level keys that are objectives (what progress is rolled up by). */
  objectiveLevels: string[];
  /**
   * `sections` where the programme has no objectives and is rolled up by its
   * top level, its sections (the 2005 Program's, by actor): a section that
   * holds no activities is itself the activity it mandates.
   */
  rollUp?: 'objectives' | 'sections';
  /** Assigned leaf activity × addressed actor pairs. */
  assigned: { itemId: string; actorId: string }[];
  entries: ProgressEntry[];
};

export function emptyCounts(): StatusCounts {
  return Object.fromEntries([...ITEM_STATUSES, 'none'].map((s) => [s, 0])) as StatusCounts;
}

/** The status of each activity in the cycle: the roll-up of its actors' assessments, else its own status. */
export function activityStatuses(input: ProgressInput): Map<string, ItemStatus | null> {
  const assessed = new Map<string, (ItemStatus | null)[]>();
  for (const e of input.entries) {
    if (e.status === null) continue;
    const list = assessed.get(e.itemId) ?? [];
    list.push(e.status);
    assessed.set(e.itemId, list);
  }
  const parents = new Set(input.items.flatMap((i) => (i.parentId ? [i.parentId] : [])));
  const result = new Map<string, ItemStatus | null>();
  for (const item of input.items) {
    if (parents.has(item.id)) continue;
    const list = assessed.get(item.id);
    result.set(item.id, list && list.length > 0 ? rollUpStatus(list) : item.status);
  }
  return result;
}

const pairKey = (p: { itemId: string; actorId: string }) => `${p.itemId}|${p.actorId}`;

/**
 * The activity × actor pairs whose entry says something. An entry on an item
 * that holds activities (a section reported on as a whole, as the 2008
 * reports did) speaks for the actor's activities within it.
 */
function coveredPairs(input: ProgressInput): Set<string> {
  const covered = new Set<string>();
  for (const e of input.entries) {
    if (!e.hasText) continue;
    covered.add(pairKey(e));
    for (const id of descendantsOf(input.items, e.itemId)) covered.add(pairKey({ itemId: id, actorId: e.actorId }));
  }
  return covered;
}

/**
 * Whether any status is known: an activity assessed in a report, or holding
 * a status of its own. Reports transcribed as text assess nothing; with a plan
 * that records no status either, a chart of statuses would only be grey.
 */
export const statusesKnown = (counts: StatusCounts): boolean => ITEM_STATUSES.some((s) => counts[s] > 0);

function descendantsOf(items: ProgressItem[], id: string): string[] {
  const children = items.filter((i) => i.parentId === id).map((i) => i.id);
  return [...children, ...children.flatMap((c) => descendantsOf(items, c))];
}

export type ObjectiveRow = {
  id: string;
  code: string;
  text: string;
  level: string;
  counts: StatusCounts;
  activities: number;
  covered: number;
  assigned: number;
  progress: number;
};

export function progressByObjective(input: ProgressInput): ObjectiveRow[] {
  const statuses = activityStatuses(input);
  const covered = coveredPairs(input);
  const objectives = input.items
    .filter((i) => input.objectiveLevels.includes(i.levelKey))
    .sort((a, b) => a.ordinal - b.ordinal);
  return objectives.map((objective) => {
    const linked = input.links.filter((l) => l.to === objective.id).map((l) => l.from);
    const below = descendantsOf(input.items, objective.id);
    const own = input.rollUp === 'sections' ? [objective.id] : [];
    const activities = [...new Set([...own, ...linked, ...below])].filter((id) => statuses.has(id));
    const counts = emptyCounts();
    for (const id of activities) counts[statuses.get(id) ?? 'none'] += 1;
    const pairs = input.assigned.filter((a) => activities.includes(a.itemId));
    const summary = summarizeStatuses(activities.map((id) => statuses.get(id) ?? null));
    return {
      id: objective.id,
      code: objective.code,
      text: objective.text,
      level: objective.levelKey,
      counts,
      activities: activities.length,
      covered: pairs.filter((p) => covered.has(pairKey(p))).length,
      assigned: pairs.length,
      progress: summary.progress,
    };
  });
}

export type ActorProgress = { actorId: string; counts: StatusCounts; entries: number; covered: number };

/** Per actor: how its own entries assess its activities, and how many say something. */
export function progressByActor(input: ProgressInput): Map<string, ActorProgress> {
  const result = new Map<string, ActorProgress>();
  for (const { actorId } of input.assigned) {
    if (!result.has(actorId)) result.set(actorId, { actorId, counts: emptyCounts(), entries: 0, covered: 0 });
  }
  for (const e of input.entries) {
    const row = result.get(e.actorId);
    if (!row) continue;
    row.entries += 1;
    row.counts[e.status ?? 'none'] += 1;
    if (e.hasText) row.covered += 1;
  }
  return result;
}

/** Sums the actors' rows by a key (their type, for instance). */
export function sumBy(rows: ActorProgress[], keyOf: (actorId: string) => string): Map<string, ActorProgress> {
  const result = new Map<string, ActorProgress>();
  for (const row of rows) {
    const key = keyOf(row.actorId);
    const acc = result.get(key) ?? { actorId: key, counts: emptyCounts(), entries: 0, covered: 0 };
    acc.entries += row.entries;
    acc.covered += row.covered;
    for (const s of Object.keys(acc.counts) as (keyof StatusCounts)[]) acc.counts[s] += row.counts[s];
    result.set(key, acc);
  }
  return result;
}

/**
 * The whole programme: each activity once, and each assigned activity × actor
 * pair once, however many objectives it counts under (a plan rolled up by
 * themes and objectives holds every activity twice in its rows).
 */
export function totalsOf(input: ProgressInput, activities: Map<string, ItemStatus | null>) {
  const counts = emptyCounts();
  for (const status of activities.values()) counts[status ?? 'none'] += 1;
  const covered = coveredPairs(input);
  const pairs = new Set(input.assigned.filter((a) => activities.has(a.itemId)).map(pairKey));
  return { counts, covered: [...pairs].filter((pair) => covered.has(pair)).length, assigned: pairs.size };
}
