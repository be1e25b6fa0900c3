/**
 * Pages and API under load: the real server (`bin/enlace.js serve` on a
 * durable PostgreSQL) answering 32 connections for 10 s after a warm-up, as
 * browsers asking for gzip do. Baseline, the ceiling of this machine: a bare
 * `node:http` process answering the same bytes and headers from memory, loaded
 * the same way. Budget: p99 ≤ 25 ms and at least half the ceiling's throughput.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { type AppServer, serveApp, spawnServer, startDurableCluster } from './app-server.ts';
import type { Recorded } from './ceiling-server.ts';
import type { BenchResult } from './results.ts';
import { prepareSignedIn, signedInPages } from './signed-in.ts';

const CONNECTIONS = 32;
const DURATION_S = 10;
const WARMUP_S = 3;
const P99_BUDGET_MS = 25;
const THROUGHPUT_BUDGET = 0.5;
/** Pages for someone signed in are rendered for them: a quarter of the ceiling, p99 ≤ 50 ms. */
const SIGNED_IN_THROUGHPUT_BUDGET = 0.25;
const SIGNED_IN_P99_BUDGET_MS = 50;

/** What a browser sends with every request. */
export const BROWSER_HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br, zstd',
  'accept-language': 'es-ES,es;q=0.9,en;q=0.8',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) enlace-bench',
};

/** One GET as sent on the wire: status, headers and the body's bytes as they came (compressed). */
export function getRaw(
  url: string,
  headers: Record<string, string> = BROWSER_HEADERS,
): Promise<{ status: number; headers: [string, string][]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            pairs.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string]);
          resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The published 2008 annual report: the cycle whose progress the public opens. */
export async function publishedCycleId(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/cycles`);
  const cycles = (await res.json()) as { id: string; period: string; state: string }[];
  const cycle = cycles.find((c) => c.state === 'published' && c.period.includes('2008')) ?? cycles[0];
  if (!cycle) throw new Error('no published cycle in the bundled data');
  return cycle.id;
}

/** The pages under load: what the public opens most. */
export function benchPages(publishedCycle: string): Record<string, string> {
  return {
    programme: '/programmes/programa-interamericano-2016',
    actor: '/actors/mx',
    items_api: '/api/v1/programmes/programa-interamericano-2016/items',
    progress: `/cycles/${publishedCycle}/progress`,
  };
}

type Load = { rps: number; p50: number; p99: number; non2xx: number; errors: number };

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number);

/** 32 connections on one URL for `seconds`; latencies of the 2xx answers, to the microsecond. */
async function load(url: string, seconds: number, headers: Record<string, string>): Promise<Load> {
  let times = new Float64Array(1 << 16);
  let count = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status < 200 || status > 299) return;
      if (count === times.length) {
        const grown = new Float64Array(times.length * 2);
        grown.set(times);
        times = grown;
      }
      times[count++] = ms;
    });
  });
  const sorted = times.subarray(0, count).sort();
  return {
    rps: count / result.duration,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function measure(url: string, headers: Record<string, string> = BROWSER_HEADERS): Promise<Load> {
  await load(url, WARMUP_S, headers);
  const figures = await load(url, DURATION_S, headers);
  if (figures.non2xx > 0 || figures.errors > 0)
    throw new Error(`${url}: ${figures.non2xx} non-2xx answers and ${figures.errors} errors under load`);
  return figures;
}

/** An answer as the app sent it, for the ceiling to replay. */
async function record(url: string, headers: Record<string, string>, name: string): Promise<Recorded[string]> {
  const r = await getRaw(url, headers);
  if (r.status !== 200) throw new Error(`${name} (${url}) answered ${r.status}`);
  const kept = r.headers.filter(
    ([k]) =>
      !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie'].includes(
        k.toLowerCase(),
      ),
  );
  const encoding = kept.find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? 'identity';
  console.log(`http: ${name} ${url}: ${r.body.length} bytes (${encoding})`);
  return { status: r.status, headers: kept, body: r.body.toString('base64') };
}

type Figures = { got: Load; top: Load };

/** The figures of one page against its ceiling, held to the budget given. */
function figures(name: string, { got, top }: Figures, budget: { throughput: number; p99Ms: number }): BenchResult[] {
  const ok = got.p99 <= budget.p99Ms && got.rps >= budget.throughput * top.rps;
  console.log(
    `${name}: ${got.rps.toFixed(0)} req/s (ceiling ${top.rps.toFixed(0)}), p50 ${got.p50.toFixed(1)} ms, p99 ${got.p99.toFixed(1)} ms ${ok ? '✔' : '✘'}`,
  );
  return [
    {
      name: `${name}.rps`,
      value: got.rps,
      unit: 'req/s',
      baseline: top.rps,
      ratio: got.rps / top.rps,
      budget: `≥ ${budget.throughput * 100}% of the ceiling`,
      pass: got.rps >= budget.throughput * top.rps,
    },
    { name: `${name}.p50_ms`, value: got.p50, unit: 'ms', baseline: top.p50, ratio: got.p50 / top.p50 },
    {
      name: `${name}.p99_ms`,
      value: got.p99,
      unit: 'ms',
      baseline: top.p99,
      ratio: got.p99 / top.p99,
      budget: `≤ ${budget.p99Ms} ms`,
      pass: got.p99 <= budget.p99Ms,
    },
  ];
}

const ANONYMOUS = { throughput: THROUGHPUT_BUDGET, p99Ms: P99_BUDGET_MS };
const SIGNED_IN = { throughput: SIGNED_IN_THROUGHPUT_BUDGET, p99Ms: SIGNED_IN_P99_BUDGET_MS };

/** Where the ceiling keeps a signed-in answer: the path with the case's name, which the app is never asked. */
const ceilingPath = (name: string, pagePath: string) => `${pagePath}${pagePath.includes('?') ? '&' : '?'}as=${name}`;

export async function benchHttp(): Promise<BenchResult[]> {
  const cluster = await startDurableCluster();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'enlace-bench-http-'));
  let app: AppServer | undefined;
  let ceiling: AppServer | undefined;
  try {
    const signedIn = await prepareSignedIn({ kind: 'postgres', url: cluster.url });
    app = await serveApp(cluster.url);
    const cycle = await publishedCycleId(app.url);
    const pages = benchPages(cycle);
    const personal = signedInPages(signedIn, cycle);
    const withCookie = (cookie: string) => ({ ...BROWSER_HEADERS, cookie });
    const recorded: Recorded = {};
    for (const [name, pagePath] of Object.entries(pages))
      recorded[pagePath] = await record(`${app.url}${pagePath}`, BROWSER_HEADERS, name);
    for (const [name, page] of Object.entries(personal))
      recorded[ceilingPath(name, page.path)] = await record(`${app.url}${page.path}`, withCookie(page.cookie), name);
    const file = path.join(tmp, 'recorded.json');
    writeFileSync(file, JSON.stringify(recorded));
    ceiling = await spawnServer(['--import', 'tsx', 'bench/ceiling-server.ts', file], {}, Object.values(pages)[0]);
    const ceilingUrl = ceiling.url;

    const results: BenchResult[] = [];
    const tops = new Map<string, Load>();
    for (const [name, pagePath] of Object.entries(pages)) {
      const got = await measure(`${app.url}${pagePath}`);
      const top = await measure(`${ceilingUrl}${pagePath}`);
      tops.set(name, top);
      results.push(...figures(`http.${name}`, { got, top }, ANONYMOUS));
    }
    /** The signed-in pages on the server running now, named `http.<db>.<case>`. */
    const signedInFigures = async (db: string) => {
      for (const [name, page] of Object.entries(personal)) {
        const got = await measure(`${app?.url}${page.path}`, withCookie(page.cookie));
        const top = tops.get(name) ?? (await measure(`${ceilingUrl}${ceilingPath(name, page.path)}`));
        tops.set(name, top);
        results.push(...figures(`http.${db}.${name}`, { got, top }, SIGNED_IN));
      }
    };
    await signedInFigures('pg');

    // The same pages with the cache of anonymous answers off: what rendering each one costs.
    await app.stop();
    app = await serveApp(cluster.url, { ENLACE_PAGE_CACHE_MB: '0' });
    for (const [name, pagePath] of Object.entries(pages)) {
      const got = await measure(`${app.url}${pagePath}`);
      const top = tops.get(name) as Load;
      console.log(
        `http.${name} uncached: ${got.rps.toFixed(0)} req/s, p50 ${got.p50.toFixed(1)} ms, p99 ${got.p99.toFixed(1)} ms`,
      );
      results.push(
        {
          name: `http.${name}.uncached_rps`,
          value: got.rps,
          unit: 'req/s',
          baseline: top.rps,
          ratio: got.rps / top.rps,
        },
        {
          name: `http.${name}.uncached_p99_ms`,
          value: got.p99,
          unit: 'ms',
          baseline: top.p99,
          ratio: got.p99 / top.p99,
        },
      );
    }
    await app.stop();
    app = undefined;

    // The embedded database, as `npm start` runs it: the same people and pages on a folder of its own.
    const dataDir = path.join(tmp, 'data');
    const local = await prepareSignedIn({ kind: 'pglite', dir: path.join(dataDir, 'pglite') });
    app = await serveApp({ dataDir });
    const localCycle = await publishedCycleId(app.url);
    const localPages = signedInPages(local, localCycle);
    for (const [name, page] of Object.entries(localPages)) {
      const got = await measure(`${app.url}${page.path}`, withCookie(page.cookie));
      results.push(...figures(`http.pglite.${name}`, { got, top: tops.get(name) as Load }, SIGNED_IN));
    }
    return results;
  } finally {
    await ceiling?.stop();
    await app?.stop();
    cluster.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}
