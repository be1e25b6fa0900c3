/**
 * Page weight: the bytes a browser downloads for each public page template,
 * compressed as it asks (`accept-encoding: gzip…`), from the real server on
 * PostgreSQL with the bundled data. Baseline: the same page uncompressed
 * (ratio = how much compression saves). Budget: 60 KB compressed. The CSS
 * and script every page loads are measured alongside.
 */
import { gunzipSync } from 'node:zlib';
import { type AppServer, serveApp, startDurableCluster } from './app-server.ts';
import { getRaw, publishedCycleId } from './http.ts';
import type { BenchResult } from './results.ts';

const BUDGET_BYTES = 60 * 1024;
const PROGRAMME = '/programmes/programa-interamericano-2016';

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Compressed and uncompressed size of one GET. */
async function weigh(url: string, expected = 200): Promise<{ gzip: number; raw: number; body: string }> {
  const res = await getRaw(url);
  if (res.status !== expected) throw new Error(`${url} answered ${res.status}, not ${expected}`);
  const encoding = res.headers.find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
  const plain = encoding === 'gzip' ? gunzipSync(res.body) : res.body;
  if (encoding !== undefined && encoding !== 'gzip') throw new Error(`${url}: unexpected ${encoding}`);
  return { gzip: res.body.length, raw: plain.length, body: plain.toString('utf8') };
}

/** The public page of each template, with real ids from the bundled data. */
async function templates(url: string): Promise<Record<string, { path: string; status?: number }>> {
  const cycle = await publishedCycleId(url);
  const items = await json<{ id: string; level: string }[]>(`${url}/api/v1${PROGRAMME}/items`);
  const item = items.find((i) => i.level === 'activity') ?? items[0];
  const reports = await json<{ id: string }[]>(`${url}/api/v1/cycles/${cycle}/reports`);
  const meetings = await json<{ id: string }[]>(`${url}/api/v1/meetings`);
  // The heaviest published report: the template's worst case.
  let report: { path: string; size: number } | undefined;
  for (const r of reports) {
    const { gzip } = await weigh(`${url}/reports/${r.id}`);
    if (!report || gzip > report.size) report = { path: `/reports/${r.id}`, size: gzip };
  }
  const pages: Record<string, { path: string; status?: number }> = {
    home: { path: '/' },
    programme_tree: { path: PROGRAMME },
    programme_table: { path: `${PROGRAMME}?view=table` },
    programme_search: { path: `${PROGRAMME}?view=table&q=trata` },
    programme_trends: { path: `${PROGRAMME}/progress` },
    actors: { path: '/actors' },
    actor: { path: '/actors/mx' },
    cycles: { path: '/cycles' },
    cycle: { path: `/cycles/${cycle}` },
    progress: { path: `/cycles/${cycle}/progress` },
    matrix: { path: `/cycles/${cycle}/matrix` },
    calendar: { path: '/calendar' },
    sign_in: { path: '/login' },
    forgot_password: { path: '/forgot-password' },
    not_found: { path: '/no-such-page', status: 404 },
  };
  if (item) pages.item = { path: `/items/${item.id}` };
  if (report) pages.report = { path: report.path };
  if (meetings[0]) pages.meeting = { path: `/meetings/${meetings[0].id}` };
  else console.log('page-weight: no public meeting in the bundled data; meeting page not measured');
  return pages;
}

export async function benchPageWeight(): Promise<BenchResult[]> {
  const cluster = await startDurableCluster();
  let app: AppServer | undefined;
  try {
    app = await serveApp(cluster.url);
    const results: BenchResult[] = [];
    const record = (name: string, w: { gzip: number; raw: number }, budget: boolean) => {
      const pass = w.gzip <= BUDGET_BYTES;
      results.push({
        name: `page.${name}.gzip_bytes`,
        value: w.gzip,
        unit: 'B',
        baseline: w.raw,
        ratio: w.gzip / w.raw,
        ...(budget ? { budget: '≤ 60 KB', pass } : {}),
      });
      console.log(
        `page.${name}: ${(w.gzip / 1024).toFixed(1)} KB gzip, ${(w.raw / 1024).toFixed(1)} KB plain${budget ? ` ${pass ? '✔' : '✘'}` : ''}`,
      );
    };
    let home = '';
    for (const [name, page] of Object.entries(await templates(app.url))) {
      const w = await weigh(`${app.url}${page.path}`, page.status);
      if (name === 'home') home = w.body;
      record(name, w, true);
    }
    for (const [name, pattern] of [
      ['css', /<link[^>]+href="(\/assets\/[^"]+\.css)"/],
      ['js', /<script[^>]+src="(\/assets\/[^"]+\.js)"/],
    ] as const) {
      const asset = pattern.exec(home)?.[1];
      if (asset) record(name, await weigh(`${app.url}${asset}`), false);
      else console.log(`page-weight: no ${name} linked from the home page`);
    }
    return results;
  } finally {
    await app?.stop();
    cluster.stop();
  }
}
