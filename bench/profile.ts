/**
 * Where the server's time goes under load: `node --import tsx bench/profile.ts
 * <page> [seconds]` runs the app with `--cpu-prof`, loads one page of the HTTP
 * benchmark (programme, actor, items_api, progress; a signed-in case such as
 * focal_programme or secretariat_board, opened with that person's session; or
 * a path) with 32 connections, and prints the functions and files with the
 * most self time.
 * The profile stays in the folder printed, for Chrome's DevTools.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { serveApp, startDurableCluster } from './app-server.ts';
import { BROWSER_HEADERS, benchPages, publishedCycleId } from './http.ts';
import { prepareSignedIn, signedInPages } from './signed-in.ts';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const page = process.argv[2] ?? 'programme';
const seconds = Number(process.argv[3] ?? 10);
const dir = mkdtempSync(path.join(os.tmpdir(), 'enlace-profile-'));
process.env.BENCH_CPU_PROF = dir;

const cluster = await startDurableCluster();
try {
  const signedIn = await prepareSignedIn({ kind: 'postgres', url: cluster.url });
  const app = await serveApp(cluster.url);
  const cycle = await publishedCycleId(app.url);
  const personal = signedInPages(signedIn, cycle)[page];
  const url = `${app.url}${personal?.path ?? benchPages(cycle)[page] ?? page}`;
  const headers = personal ? { ...BROWSER_HEADERS, cookie: personal.cookie } : BROWSER_HEADERS;
  const result = await autocannon({ url, connections: 32, duration: seconds, headers });
  console.log(
    `${url}: ${result.requests.average} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx`,
  );
  await app.stop();
} finally {
  cluster.stop();
}

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written in ${dir}`);
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  const where = n.callFrame.url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '') || '(native)';
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
  const module = where.includes('node_modules/')
    ? (where.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? where)
    : where;
  byFile.set(module, (byFile.get(module) ?? 0) + hits);
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(`\nself time by function:\n${top(byFunction, 30)}\n\nself time by file or package:\n${top(byFile, 20)}`);
console.log(`\nprofile: ${path.join(dir, file)}`);
