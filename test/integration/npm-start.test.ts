/**
 * `npm start` as users and service managers run it: SIGTERM to npm (what
 * `docker stop` and `kill` do) or Ctrl-C's SIGINT to the whole process group
 * stops every process of the tree, closing jobs and the database cleanly;
 * its logs, not on a terminal, are JSON lines.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { logFormat } from '../../src/server.ts';
import {
  type NpmStarted,
  npmStart,
  processTree,
  serveCli,
  spawnServe,
  stillRunning,
  waitUntilEnded,
} from '../support/cli.ts';

const BOUND_MS = 20_000;

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The log lines of the server: everything npm prints itself (its "> enlace start" banner) left aside. */
function logLines(started: NpmStarted): unknown[] {
  return started
    .output()
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('>'))
    .map((line) => JSON.parse(line));
}

describe('npm start', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'enlace-npm-start-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const cases: { name: string; stop(started: NpmStarted): void }[] = [
    { name: 'SIGTERM to npm', stop: (s) => process.kill(s.child.pid as number, 'SIGTERM') },
    { name: "Ctrl-C's SIGINT to the process group", stop: (s) => process.kill(-(s.child.pid as number), 'SIGINT') },
  ];

  it.each(cases)(
    'stops with every process of its tree on $name, and the data opens again',
    async ({ name, stop }) => {
      const dataDir = path.join(root, name.replaceAll(/\W+/g, '-'));
      const started = await npmStart({ ENLACE_DATA_DIR: dataDir, ENLACE_ADMIN_PASSWORD: 'a password for this test' });
      const tree = processTree(started.child.pid as number);
      try {
        expect(tree.map((p) => p.command)).toContainEqual(expect.stringContaining('bin/enlace.js serve'));
        expect((await fetch(`${started.url}/api/v1/programmes`)).status).toBe(200);
        stop(started);
        expect(await within(BOUND_MS, started.exited, 'npm exit')).toEqual({ code: 0, signal: null });
        await waitUntilEnded(tree, BOUND_MS);
      } finally {
        // Whatever failed, nothing of this test keeps running.
        for (const p of tree.filter(stillRunning)) process.kill(p.pid, 'SIGKILL');
      }
      const lines = logLines(started);
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'shutting down' }));
      expect(lines.at(-1)).toMatchObject({ msg: 'stopped' });
      // The database was closed: its lock file is gone, and it opens again.
      expect(existsSync(path.join(dataDir, 'pglite', 'enlace.pid'))).toBe(false);
      const again = await serveCli({ ENLACE_DATA_DIR: dataDir });
      expect(again.output()).toContain('"loaded":[]');
      expect(await again.stop(), again.output()).toBe(0);
    },
    120_000,
  );
});

describe('enlace serve', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'enlace-serve-stop-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stops cleanly on a signal that comes while it starts, and the data opens again', async () => {
    const dataDir = path.join(root, 'data');
    const starting = spawnServe({ ENLACE_DATA_DIR: dataDir });
    // Its first line: the database is not even created yet.
    await starting.waitFor(/\n/);
    starting.child.kill('SIGTERM');
    expect(await within(BOUND_MS + 60_000, starting.exited, 'serve exit'), starting.output()).toBe(0);
    expect(starting.output()).toContain('"msg":"stopped"');
    expect(existsSync(path.join(dataDir, 'pglite', 'enlace.pid'))).toBe(false);
    const again = await serveCli({ ENLACE_DATA_DIR: dataDir });
    expect(again.output()).toContain('"loaded":[]');
    expect(await again.stop(), again.output()).toBe(0);
  }, 120_000);
});

describe('log format', () => {
  it('is readable on a terminal and JSON lines anywhere else', () => {
    expect(logFormat({ isTTY: true })).toBe('pretty');
    expect(logFormat({ isTTY: false })).toBe('json');
    expect(logFormat({})).toBe('json');
  });
});
