/**
 * Snapshots: backups (the portable format of `enlace backup`) that the server
 * takes of its own database while serving, through its own connection, into
 * `<dataDir>/snapshots`. PGlite does not flush its files to the disk (its
 * fsync is a no-op), so after a power cut the snapshots are what is sure to
 * be there: each is written under a temporary name, flushed, renamed into
 * place and the rename flushed too.
 */
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/connect.ts';
import { type BackupSummary, backupDatabase } from '../backup/backup.service.ts';
import { verifyBackupFile } from '../backup/backup-file.ts';
import { BackupError } from '../backup/backup-format.ts';
import { snapshotFileName, snapshotsToDelete, snapshotTime } from './snapshot-retention.ts';

export type Snapshot = BackupSummary & { takenAt: Date; removed: string[] };

/** Flushes a folder's entries (a file created or renamed in it) to the disk. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export type SnapshotFile = { name: string; takenAt: Date };

/** The snapshot files in `dir`, newest first; none when the folder does not exist yet. */
export async function listSnapshots(dir: string): Promise<SnapshotFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const files: SnapshotFile[] = [];
  for (const name of names) {
    const takenAt = snapshotTime(name);
    if (takenAt) files.push({ name, takenAt });
  }
  return files.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/** One consistent snapshot of the whole database, then the ones retention no longer needs are deleted. */
export async function takeSnapshot(database: Database, dir: string, at: Date): Promise<Snapshot> {
  const created = await mkdir(dir, { recursive: true });
  if (created !== undefined) await syncFolder(path.dirname(dir));
  const file = path.join(dir, snapshotFileName(at));
  // Written as `<file>.partial`, flushed and renamed by the backup writer.
  const summary = await backupDatabase(database, file);
  await syncFolder(dir);
  const removed = snapshotsToDelete((await listSnapshots(dir)).map((s) => s.name));
  for (const name of removed) await rm(path.join(dir, name), { force: true });
  if (removed.length > 0) await syncFolder(dir);
  return { ...summary, takenAt: at, removed };
}

/** Removes what a snapshot cut short (a crash, a kill) left behind; only while no snapshot is being written. */
export async function removePartialSnapshots(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const name of names) {
    if (name.endsWith('.gz.partial') && snapshotTime(name.slice(0, -'.partial'.length)) !== null)
      await rm(path.join(dir, name), { force: true });
  }
}

/** The newest snapshot that reads back whole (its gzip checksum holds), or null. */
export async function latestIntactSnapshot(dir: string): Promise<{ file: string; takenAt: Date } | null> {
  for (const { name, takenAt } of await listSnapshots(dir)) {
    const file = path.join(dir, name);
    try {
      await verifyBackupFile(file);
    } catch (err) {
      if (err instanceof BackupError) continue;
      throw err;
    }
    return { file, takenAt };
  }
  return null;
}
