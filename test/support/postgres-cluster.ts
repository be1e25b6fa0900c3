/**
 * A throwaway PostgreSQL cluster for the test run: initdb + pg_ctl on a free
 * port in a temporary folder, stopped and removed afterwards.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type Cluster = { url: string; stop(): void };

/** The folder holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<v>/bin. */
export function findPostgresBin(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return path.dirname(which.stdout.trim());
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => Number(v) >= 15)
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(root, v, 'bin');
    if (existsSync(path.join(bin, 'initdb'))) return bin;
  }
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: run its tools as the `postgres` (or `nobody`) user then. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0) return { uid: Number(id.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root and no postgres or nobody user to run PostgreSQL as');
}

/**
 * `durable: true` keeps PostgreSQL's crash-safety settings (fsync, synchronous
 * commit, full page writes) as a production server has them: the benchmarks
 * measure with it. The tests run without, for speed.
 */
export async function startCluster(bin: string, mode: { durable?: boolean } = {}): Promise<Cluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'enlace-pg-'));
  const data = path.join(dir, 'data');
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
  const options = { stdio: 'pipe' as const, ...(user ?? {}), env: { ...process.env, LC_ALL: 'C.UTF-8' } };
  execFileSync(
    path.join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', ...(mode.durable ? [] : ['--no-sync'])],
    options,
  );
  const port = await freePort();
  const safety = mode.durable
    ? '-c fsync=on -c synchronous_commit=on -c full_page_writes=on'
    : '-c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${safety} -c max_connections=200`;
  execFileSync(
    path.join(bin, 'pg_ctl'),
    ['-D', data, '-l', path.join(dir, 'log'), '-o', settings, '-w', 'start'],
    options,
  );
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      spawnSync(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], options);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
