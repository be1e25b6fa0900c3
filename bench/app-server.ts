/**
 * What the HTTP benchmarks run against: a PostgreSQL server started for the
 * run with its crash-safety settings on (as in production), and the real
 * `bin/enlace.js serve` on it as a child process, as `npm start` runs it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Cluster, findPostgresBin, freePort, startCluster } from '../test/support/postgres-cluster.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** A durable PostgreSQL cluster; these benchmarks measure nothing without one. */
export async function startDurableCluster(): Promise<Cluster> {
  const bin = findPostgresBin();
  if (!bin)
    throw new Error('no PostgreSQL found (initdb, pg_ctl): install the postgresql package to run this benchmark');
  return startCluster(bin, { durable: true });
}

export type AppServer = { url: string; child: ChildProcess; stop(): Promise<void> };

/**
 * Spawns `node <script> …args` and resolves once GET `probe` answers 200.
 * `BENCH_CPU_PROF=<dir>` profiles the app server (`node --cpu-prof`) for a
 * look at its hotspots.
 */
export async function spawnServer(
  args: string[],
  env: Record<string, string>,
  probe = '/',
  nodeArgs: string[] = [],
): Promise<AppServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = `${errors}${chunk}`.slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    try {
      const res = await fetch(`${url}${probe}`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}:\n${errors}`);
    if (performance.now() - started > 180_000) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')}: no answer after 180 s:\n${errors}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * `bin/enlace.js serve` on PostgreSQL at `database` (a URL), or on the embedded
 * database of a data folder (`{ dataDir }`, kept): warnings only in the log, no
 * background jobs.
 */
export async function serveApp(
  database: string | { dataDir: string },
  env: Record<string, string> = {},
): Promise<AppServer> {
  const own = typeof database === 'string';
  const dataDir = own ? mkdtempSync(path.join(os.tmpdir(), 'enlace-bench-data-')) : database.dataDir;
  const profile = process.env.BENCH_CPU_PROF;
  const server = await spawnServer(
    ['bin/enlace.js', 'serve'],
    {
      ...(own ? { DATABASE_URL: database } : {}),
      LOG_LEVEL: 'warn',
      ENLACE_JOBS: 'off',
      ENLACE_DATA_DIR: dataDir,
      ...env,
    },
    '/',
    profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [],
  );
  return {
    ...server,
    async stop() {
      await server.stop();
      if (own) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
