import { describe, expect, it } from 'vitest';
import { snapshotFileName, snapshotsToDelete, snapshotTime } from './snapshot-retention.ts';

const HOUR = 60 * 60_000;

/** One snapshot every hour from `first`, `count` of them. */
const hourly = (first: string, count: number) =>
  Array.from({ length: count }, (_, i) => snapshotFileName(new Date(Date.parse(first) + i * HOUR)));

describe('snapshot file names', () => {
  it('say when the snapshot was taken, and read back as that time', () => {
    const at = new Date('2026-03-01T10:04:05.678Z');
    expect(snapshotFileName(at)).toBe('enlace-2026-03-01T10-04-05Z.gz');
    expect(snapshotTime(snapshotFileName(at))).toEqual(new Date('2026-03-01T10:04:05Z'));
  });
  it('are the only files that count as snapshots', () => {
    for (const name of ['enlace-2026-03-01T10-04-05Z.gz.partial', 'notes.txt', 'enlace-2026-13-01T10-04-05Z.gz'])
      expect(snapshotTime(name), name).toBeNull();
  });
});

describe('which snapshots are kept', () => {
  it('keeps the last 24 hours and the newest of each of the 7 last days', () => {
    const names = hourly('2026-03-01T00:00:00Z', 10 * 24);
    const deleted = new Set(snapshotsToDelete(names));
    const kept = names.filter((n) => !deleted.has(n));
    expect(kept).toEqual([
      ...['04', '05', '06', '07', '08', '09'].map((day) => `enlace-2026-03-${day}T23-00-00Z.gz`),
      ...hourly('2026-03-10T00:00:00Z', 24),
    ]);
  });
  it('keeps the newest snapshot of an hour that has several', () => {
    const names = [
      'enlace-2026-03-01T10-00-00Z.gz',
      'enlace-2026-03-01T10-30-00Z.gz',
      'enlace-2026-03-01T10-59-59Z.gz',
    ];
    expect(snapshotsToDelete(names)).toEqual(['enlace-2026-03-01T10-30-00Z.gz', 'enlace-2026-03-01T10-00-00Z.gz']);
  });
  it('counts only hours and days that have a snapshot: a server off for weeks keeps its last ones', () => {
    const names = [...hourly('2026-01-01T08:00:00Z', 3), 'enlace-2026-02-15T08-00-00Z.gz'];
    expect(snapshotsToDelete(names)).toEqual([]);
  });
  it('leaves other files alone', () => {
    const names = [...hourly('2026-03-01T00:00:00Z', 30), 'enlace-2026-03-01T00-00-00Z.gz.partial', 'README'];
    // The 24 hours from 06:00 on the first day are kept; so is the newest of that day.
    expect(snapshotsToDelete(names)).toEqual(hourly('2026-03-01T00:00:00Z', 6).reverse());
  });
});
