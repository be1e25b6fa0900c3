/**
 * Uploads beside the public: the real server (`bin/enlace.js serve` on a
 * durable PostgreSQL) answering public pages under a light load (4
 * connections, 100 requests/s in all, through the pages of the HTTP
 * benchmark) alone, then while 4 focal points — of 4 reports — each upload a
 * 10 MB evidence file through the API, over and over (bench/upload-clients.ts,
 * a process of its own). Figures: the pages' p99 during the uploads (baseline:
 * the same load alone; budget < 100 ms), the server's peak resident memory
 * during the uploads (baseline: its resident memory idle after serving pages
 * and uploads; budget < 2×), and uploads per second (baseline: the same bytes
 * inserted by 4 raw `pg` clients, the database's ceiling).
 */
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/connect.ts';
import { createCycle, openCycle } from '../src/modules/reporting/cycle.service.ts';
import { MAX_EVIDENCE_BYTES } from '../src/modules/reporting/evidence.service.ts';
import { buildUser } from '../test/support/factories.ts';
import { type AppServer, serveApp, startDurableCluster } from './app-server.ts';
import { BROWSER_HEADERS, benchPages, publishedCycleId } from './http.ts';
import type { BenchResult } from './results.ts';
import type { ClientsTask, Uploader } from './upload-clients.ts';

const UPLOADERS = 4;
const CONNECTIONS = 4;
const RATE = 100;
const DURATION_S = 10;
const WARMUP_S = 3;
const P99_BUDGET_MS = 100;
const RSS_BUDGET = 2;

/** Resident memory of a process, now and at its peak since the peak was last reset, in bytes (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
}

/** Starts the peak (VmHWM) again from the current figure; false where the kernel does not allow it. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const MB = 1024 * 1024;
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number);

/** The pages under a light load for `seconds`: the latency of every 2xx answer, and the others counted. */
async function lightLoad(url: string, paths: string[], seconds: number) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        overallRate: RATE,
        duration: seconds,
        headers: BROWSER_HEADERS,
        requests: paths.map((path) => ({ method: 'GET' as const, path })),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status <= 299) times.push(ms);
    });
  });
  times.sort((a, b) => a - b);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`pages: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), answers: times.length };
}

/** The upload clients, forked; resolves once each has stored one file. */
async function startUploads(task: ClientsTask) {
  const child = fork(path.join(import.meta.dirname, 'upload-clients.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the upload clients stopped (exit code ${code})`))),
  );
  exited.catch(() => {});
  const message = <T>(accept: (m: unknown) => m is T) =>
    Promise.race([
      new Promise<T>((resolve) => {
        const on = (m: unknown) => {
          if (!accept(m)) return;
          child.off('message', on);
          resolve(m);
        };
        child.on('message', on);
      }),
      exited,
    ]);
  child.send(task);
  await message((m): m is 'started' => m === 'started');
  return {
    /** Stops them after their current upload: the time of each upload, in milliseconds. */
    async stop(): Promise<number[]> {
      child.send('stop');
      const { times } = await message((m): m is { times: number[] } => typeof m === 'object' && m !== null);
      return times;
    },
  };
}

/** The database's ceiling: the same bytes inserted by raw `pg` clients, one connection each, for `seconds`. */
async function rawInserts(databaseUrl: string, bytes: Buffer, seconds: number): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: UPLOADERS }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  try {
    await clients[0]?.query('create table if not exists bench_blobs (id uuid primary key, data bytea not null)');
    let count = 0;
    const end = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < end) {
          const id = randomUUID();
          await client.query('insert into bench_blobs (id, data) values ($1, $2)', [id, bytes]);
          await client.query('delete from bench_blobs where id = $1', [id]);
          count++;
        }
      }),
    );
    return count / ((performance.now() - started) / 1000);
  } finally {
    await clients[0]?.query('drop table if exists bench_blobs');
    for (const client of clients) await client.end();
  }
}

/** Four reports of a cycle opened for the run, each with a focal point of its own. */
async function benchUploaders(db: Database['db'], databaseUrl: string): Promise<Uploader[]> {
  const secretariat = await buildUser(db, [{ role: 'secretariat' }], 'Bench secretariat');
  const { id } = await createCycle(
    db,
    {
      programme: 'programa-interamericano-2016',
      period: 'bench-uploads',
      opensAt: '2026-01-01',
      deadline: '2099-12-31',
    },
    secretariat.principal,
  );
  await openCycle(db, id, secretariat.principal);
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const rows = await sql.query<{ report_id: string; actor_key: string }>(
      `select r.id as report_id, a.key as actor_key from reports r join actors a on a.id = r.actor_id
        where r.cycle_id = $1 order by a.key limit $2`,
      [id, UPLOADERS],
    );
    const uploaders: Uploader[] = [];
    for (const row of rows.rows) {
      const user = await buildUser(db, [{ role: 'focal_point', actor: row.actor_key }], 'Bench focal point');
      uploaders.push({ reportId: row.report_id, auth: user.auth });
    }
    if (uploaders.length < UPLOADERS) throw new Error('not enough reports in the cycle');
    return uploaders;
  } finally {
    await sql.end();
  }
}

export async function benchUploads(): Promise<BenchResult[]> {
  const cluster = await startDurableCluster();
  let app: AppServer | undefined;
  let database: Database | undefined;
  try {
    app = await serveApp(cluster.url);
    const pid = app.child.pid as number;
    database = await openDatabase({ kind: 'postgres', url: cluster.url });
    const uploaders = await benchUploaders(database.db, cluster.url);
    const paths = Object.values(benchPages(await publishedCycleId(app.url)));
    const task: ClientsTask = { url: app.url, databaseUrl: cluster.url, uploaders, size: MAX_EVIDENCE_BYTES };

    // Warm up both paths, then let the server settle before taking its idle figure.
    await lightLoad(app.url, paths, WARMUP_S);
    await (await startUploads(task)).stop();
    await new Promise((r) => setTimeout(r, 2000));
    const idle = memoryOf(pid).rss;

    const alone = await lightLoad(app.url, paths, DURATION_S);

    const exactPeak = resetPeak(pid);
    let sampledPeak = memoryOf(pid).rss;
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, memoryOf(pid).rss);
    }, 20);
    let during: Awaited<ReturnType<typeof lightLoad>>;
    let times: number[];
    let started = Number.NaN;
    try {
      const uploads = await startUploads(task);
      started = performance.now();
      try {
        during = await lightLoad(app.url, paths, DURATION_S);
      } finally {
        times = await uploads.stop();
      }
    } finally {
      clearInterval(sampler);
    }
    const elapsed = (performance.now() - started) / 1000;
    const peak = exactPeak ? Math.max(memoryOf(pid).peak, sampledPeak) : sampledPeak;
    const uploadsPerSecond = times.length / elapsed;
    const uploadTimes = [...times].sort((a, b) => a - b);
    const ceiling = await rawInserts(cluster.url, randomBytes(MAX_EVIDENCE_BYTES), DURATION_S);

    console.log(
      `uploads: pages p50 ${alone.p50.toFixed(1)} → ${during.p50.toFixed(1)} ms, p99 ${alone.p99.toFixed(1)} → ${during.p99.toFixed(1)} ms ` +
        `(${during.answers} answers); RSS idle ${(idle / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB` +
        `${exactPeak ? '' : ' (sampled every 20 ms)'}; ${times.length} uploads of 10 MB ` +
        `(p50 ${percentile(uploadTimes, 0.5).toFixed(0)} ms, max ${percentile(uploadTimes, 1).toFixed(0)} ms), ` +
        `raw pg ${ceiling.toFixed(1)}/s`,
    );
    return [
      {
        name: 'uploads.pages_p99_ms',
        value: during.p99,
        unit: 'ms',
        baseline: alone.p99,
        ratio: during.p99 / alone.p99,
        budget: `≤ ${P99_BUDGET_MS} ms`,
        pass: during.p99 <= P99_BUDGET_MS,
      },
      {
        name: 'uploads.peak_rss_mb',
        value: peak / MB,
        unit: 'MB',
        baseline: idle / MB,
        ratio: peak / idle,
        budget: `< ${RSS_BUDGET}× idle`,
        pass: peak < RSS_BUDGET * idle,
      },
      {
        name: 'uploads.per_s',
        value: uploadsPerSecond,
        unit: 'uploads/s',
        baseline: ceiling,
        ratio: uploadsPerSecond / ceiling,
      },
    ];
  } finally {
    await database?.close();
    await app?.stop();
    cluster.stop();
  }
}
