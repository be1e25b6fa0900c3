/**
 * Start-up: `npm start` (bin/enlace.js serve) to the first page answered, on
 * a fresh data folder (the database template made at install copied in, as
 * `npm ci` leaves it; without one, migrations + bundled data) and warm (same
 * folder again).
 * Baseline: a bare Node.js process serving one page, started the same way.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './results.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

async function timeToFirstPage(args: string[], env: Record<string, string>, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        if (res.ok) {
          await res.arrayBuffer();
          return performance.now() - started;
        }
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error('no page after 120 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function benchStartup(runs = 3): Promise<BenchResult[]> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'enlace-bench-startup-'));
  const bare = path.join(tmp, 'bare.mjs');
  writeFileSync(
    bare,
    "import http from 'node:http'; http.createServer((q, s) => s.end('<!doctype html><p>ok')).listen(Number(process.env.PORT), '127.0.0.1');",
  );
  // As after `npm ci`, whose postinstall makes the database template a fresh start copies.
  const template = spawnSync(process.execPath, ['bin/enlace.js', 'template'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (template.status !== 0) throw new Error(`enlace template: ${template.stderr}`);
  const fresh: number[] = [];
  const warm: number[] = [];
  const baseline: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const port = 4300 + i;
      baseline.push(await timeToFirstPage([bare], {}, port));
      const dataDir = path.join(tmp, `data-${i}`);
      fresh.push(await timeToFirstPage(['bin/enlace.js', 'serve'], { ENLACE_DATA_DIR: dataDir }, port));
      warm.push(await timeToFirstPage(['bin/enlace.js', 'serve'], { ENLACE_DATA_DIR: dataDir }, port));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const base = median(baseline);
  return [
    {
      name: 'startup.fresh_ms',
      value: median(fresh),
      unit: 'ms',
      baseline: base,
      ratio: median(fresh) / base,
      budget: '≤ 3 s',
      pass: median(fresh) <= 3000,
    },
    {
      name: 'startup.warm_ms',
      value: median(warm),
      unit: 'ms',
      baseline: base,
      ratio: median(warm) / base,
      budget: '≤ 1.5 s',
      pass: median(warm) <= 1500,
    },
  ];
}
