/**
 * Snapshot file names and which snapshots to keep: the newest of each of the
 * last 24 hours and of the last 7 days that have one (hours and days in UTC).
 * Counting only hours and days that have a snapshot means a server that was
 * off for a week still keeps its last snapshots.
 */

export const RETENTION = { hourly: 24, daily: 7 } as const;

const NAME = /^enlace-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.gz$/;

/** `enlace-2026-03-01T10-00-00Z.gz`: sorts by time, and reads as one. */
export function snapshotFileName(at: Date): string {
  return `enlace-${at.toISOString().slice(0, 19).replaceAll(':', '-')}Z.gz`;
}

/** The time a snapshot file was taken, or null for any other file. */
export function snapshotTime(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The snapshot files among `names` that retention no longer needs; other files are left alone. */
export function snapshotsToDelete(names: string[], keep: { hourly: number; daily: number } = RETENTION): string[] {
  const snapshots = names
    .map((name) => ({ name, at: snapshotTime(name) }))
    .filter((s): s is { name: string; at: Date } => s.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const kept = new Set<string>();
  const hours = new Set<string>();
  const days = new Set<string>();
  for (const { name, at } of snapshots) {
    const hour = at.toISOString().slice(0, 13);
    const day = hour.slice(0, 10);
    if (!hours.has(hour) && hours.size < keep.hourly) {
      hours.add(hour);
      kept.add(name);
    }
    if (!days.has(day) && days.size < keep.daily) {
      days.add(day);
      kept.add(name);
    }
  }
  return snapshots.filter((s) => !kept.has(s.name)).map((s) => s.name);
}
