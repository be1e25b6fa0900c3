/**
 * Automatic snapshots of the embedded database: after a power cut damages the
 * data folder, start-up names the commands that restore the latest snapshot,
 * and those commands bring back every write up to it. Real PGlite, real
 * commands; the snapshots are taken by an explicit call and an injected clock
 * instead of waiting an hour.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { openDatabase, openPglite } from '../../src/db/connect.ts';
import { verifyBackupFile } from '../../src/modules/backup/backup-file.ts';
import { startSnapshots } from '../../src/modules/snapshots/snapshot.runner.ts';
import { snapshotFileName } from '../../src/modules/snapshots/snapshot-retention.ts';
import { prepareDatabase, startServer } from '../../src/server.ts';
import { runCli, serveCli } from '../support/cli.ts';
import { silentLog } from '../support/databases.ts';
import { databaseDigest } from '../support/db-digest.ts';
import { buildUser } from '../support/factories.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HOUR = 60 * 60_000;

const escaped = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every file under `dir`. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** What a power cut can leave behind, two ways. */
const damages = [
  {
    name: 'an emptied pg_control',
    damage: (pglite: string) => writeFileSync(path.join(pglite, 'global', 'pg_control'), ''),
  },
  {
    name: 'relation files overwritten with garbage',
    damage: (pglite: string) => {
      for (const file of filesUnder(path.join(pglite, 'base')))
        writeFileSync(file, Buffer.alloc(statSync(file).size, 0xa5));
    },
  },
];

describe('snapshots of the embedded database', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'enlace-snapshots-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each(damages)(
    'restore a data folder damaged by $name, with every write up to the snapshot',
    async ({ name, damage }) => {
      const dataDir = path.join(root, name.replaceAll(/\W+/g, '-'));
      const env = { ENLACE_DATA_DIR: dataDir, ENLACE_JOBS: 'off', ENLACE_ADMIN_PASSWORD: 'a password for this test' };
      const running = await startServer(readConfig({ ...env, PORT: '0', HOST: '127.0.0.1' }), silentLog);
      if (!running.snapshots) throw new Error('snapshots are on by default on the embedded database');
      const before = await buildUser(running.database.db, [{ role: 'focal_point', actor: 'mx' }], 'Before');
      const snapshot = await running.snapshots.takeNow();
      const atSnapshot = await databaseDigest(running.database.db);
      const after = await buildUser(running.database.db, [{ role: 'member' }], 'After');
      await running.stop();

      damage(path.join(dataDir, 'pglite'));
      const failed = await runCli(['serve'], { ...env, PORT: '0' });
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(`The embedded database in ${path.join(dataDir, 'pglite')} cannot be opened`);
      expect(failed.stderr, 'no stack trace').not.toMatch(/^\s+at /m);
      const commands = [...failed.stderr.matchAll(/^ {2}(\S.*)$/gm)].map((m) => m[1] as string);
      expect(commands).toEqual([
        expect.stringMatching(new RegExp(`^mv ${escaped(dataDir)}/pglite ${escaped(dataDir)}/pglite\\.damaged-\\S+$`)),
        `ENLACE_DATA_DIR=${dataDir} npm run enlace -- restore ${snapshot.file}`,
      ]);

      // Exactly what the message says, as a user would paste it.
      for (const command of commands) await promisify(execFile)('sh', ['-c', command], { cwd: ROOT });
      const restored = await openDatabase({ kind: 'pglite', dir: path.join(dataDir, 'pglite') });
      try {
        expect(await databaseDigest(restored.db)).toEqual(atSnapshot);
      } finally {
        await restored.close();
      }

      const served = await serveCli(env);
      try {
        const me = await fetch(`${served.url}/api/v1/me`, { headers: before.auth });
        expect(me.status).toBe(200);
        expect(((await me.json()) as { email: string }).email).toBe(before.email);
        // Written after the snapshot: lost with the damaged folder, as the message warned.
        expect((await fetch(`${served.url}/api/v1/me`, { headers: after.auth })).status).toBe(401);
      } finally {
        expect(await served.stop()).toBe(0);
      }
    },
    120_000,
  );

  it('are taken one after another, whole, keeping the last 24 hours and 7 days', async () => {
    const dir = path.join(root, 'retention', 'snapshots');
    mkdirSync(dir, { recursive: true });
    const leftover = path.join(dir, `${snapshotFileName(new Date('2026-02-01T00:00:00Z'))}.partial`);
    writeFileSync(leftover, 'cut short by a crash');
    const database = await openPglite();
    await prepareDatabase(database, silentLog);
    let clock = new Date('2026-03-01T00:30:00Z');
    const runner = await startSnapshots({ database, dir, intervalMs: HOUR, log: silentLog, now: () => clock });
    try {
      expect(readdirSync(dir)).not.toContain(path.basename(leftover));
      const taken: string[] = [];
      for (let hour = 0; hour < 30; hour++) {
        clock = new Date(Date.parse('2026-03-01T00:30:00Z') + hour * HOUR);
        taken.push((await runner.takeNow()).file);
      }
      // Two at once are written one after the other, not into each other.
      const both = await Promise.all([runner.takeNow(), runner.takeNow()]);
      expect(both[0].file).toBe(both[1].file);
      const kept = readdirSync(dir).sort();
      expect(kept).toEqual(taken.slice(6).map((f) => path.basename(f)));
      for (const name of kept) await verifyBackupFile(path.join(dir, name));
    } finally {
      await runner.stop();
      await database.close();
    }
  }, 120_000);
});
