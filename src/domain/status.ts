/**
 * The status vocabulary of programme items (SPEC §1) and how the statuses of
 * many items roll up into one summary.
 */
export const ITEM_STATUSES = [
  'not_started',
  'in_progress',
  'continuous',
  'completed',
  'pending_input',
  'cancelled',
] as const;

export type ItemStatus = (typeof ITEM_STATUSES)[number];

export function isItemStatus(value: unknown): value is ItemStatus {
  return typeof value === 'string' && (ITEM_STATUSES as readonly string[]).includes(value);
}

export type StatusSummary = {
  counts: Record<ItemStatus, number>;
  /** Items with a status (cancelled included). */
  total: number;
  /** Items without any status yet (no information). */
  unknown: number;
  /** Share (0–1) of the non-cancelled items that are completed or continuous. */
  progress: number;
};

/** Counts statuses; `null` means the item has no status information. */
export function summarizeStatuses(statuses: Iterable<ItemStatus | null>): StatusSummary {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  let total = 0;
  let unknown = 0;
  for (const status of statuses) {
    if (status === null) {
      unknown += 1;
      continue;
    }
    counts[status] += 1;
    total += 1;
  }
  const live = total - counts.cancelled + unknown;
  const done = counts.completed + counts.continuous;
  return { counts, total, unknown, progress: live === 0 ? 0 : done / live };
}

/**
 * The status a parent shows for its leaves: what a reader would say of the
 * whole. Cancelled leaves do not count unless every leaf is cancelled.
 */
export function rollUpStatus(statuses: Iterable<ItemStatus | null>): ItemStatus | null {
  const { counts, total, unknown } = summarizeStatuses(statuses);
  const live = total - counts.cancelled;
  if (total === 0) return null;
  if (live === 0) return unknown > 0 ? null : 'cancelled';
  if (counts.completed === live && unknown === 0) return 'completed';
  if (counts.not_started === live && unknown === 0) return 'not_started';
  if (counts.pending_input > 0 && counts.in_progress === 0 && counts.continuous === 0 && counts.completed === 0) {
    return 'pending_input';
  }
  if (counts.continuous > 0 && counts.in_progress === 0 && counts.not_started === 0 && counts.pending_input === 0) {
    return 'continuous';
  }
  return 'in_progress';
}

export type StatusTally = { status: ItemStatus | 'none'; count: number };

/**
 * How many leaves have each status, in the vocabulary's order, "no
 * information" last; statuses no leaf has are left out. A parent shows this
 * rather than one status, unless all its leaves agree.
 */
export function statusDistribution(statuses: Iterable<ItemStatus | null>): StatusTally[] {
  const { counts, unknown } = summarizeStatuses(statuses);
  return [
    ...ITEM_STATUSES.map((status) => ({ status, count: counts[status] })),
    { status: 'none' as const, count: unknown },
  ].filter((tally) => tally.count > 0);
}
