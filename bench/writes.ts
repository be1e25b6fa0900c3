/**
 * Concurrent report saving through the real API: 32 focal points, four to a
 * report, each signed in (session cookie and CSRF header) and appending its
 * own marker to its own activity of the report as the report form's autosave
 * does: the form read once, then each save a PATCH with `If-Match:` the
 * version the previous save answered. A save based on a version another
 * writer has since moved is merged field by field (their activities differ),
 * so none should meet a 409; one that does reads the report again and retries. Saves per second, the
 * p99 of a save (first read to acknowledgement, retries included), the 409s
 * met, and lost updates: every acknowledged marker must be in the final text.
 * Baseline, the database's ceiling: the same saves by 32 raw `pg` clients,
 * each holding its activity's text, in one transaction locking the report's
 * row, writing the entry and bumping the version.
 */
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/connect.ts';
import { SESSION_COOKIE } from '../src/http/auth.ts';
import { createSession } from '../src/modules/accounts/account.service.ts';
import { createCycle, openCycle } from '../src/modules/reporting/cycle.service.ts';
import { buildUser } from '../test/support/factories.ts';
import { type AppServer, serveApp, startDurableCluster } from './app-server.ts';
import type { BenchResult } from './results.ts';

const CLIENTS = 32;
const PER_REPORT = 4;
const DURATION_S = 10;
const WARMUP_S = 2;

/** A focal point with a browser session; `held` is what its open form holds: the version and its activity's text. */
type Writer = {
  index: number;
  reportId: string;
  headers: Record<string, string>;
  held?: { version: number; text: string } | undefined;
};
type Report = { id: string; entries: string[] };
/** One save of `marker` appended to `entryId`; resolves with the conflicts met on the way. */
type Save = (writer: Writer, entryId: string, marker: string) => Promise<number>;

/** A cycle of the 2016 Program opened for the run; the first reports with eight entries or more, four writers each. */
async function openBenchCycle(db: Database['db'], sql: pg.Client): Promise<{ reports: Report[]; writers: Writer[] }> {
  const secretariat = await buildUser(db, [{ role: 'secretariat' }], 'Bench secretariat');
  const { id } = await createCycle(
    db,
    { programme: 'programa-interamericano-2016', period: 'bench', opensAt: '2026-01-01', deadline: '2099-12-31' },
    secretariat.principal,
  );
  await openCycle(db, id, secretariat.principal);
  const rows = await sql.query<{ report_id: string; actor_key: string; entries: string[] }>(
    `select r.id as report_id, a.key as actor_key, array_agg(e.id order by e.position) as entries
       from reports r join actors a on a.id = r.actor_id join report_entries e on e.report_id = r.id
      where r.cycle_id = $1 group by r.id, a.key having count(*) >= $3 order by a.key limit $2`,
    [id, CLIENTS / PER_REPORT, 2 * PER_REPORT],
  );
  if (rows.rows.length < CLIENTS / PER_REPORT) throw new Error(`not enough reports with ${2 * PER_REPORT} entries`);
  const reports: Report[] = [];
  const writers: Writer[] = [];
  for (const row of rows.rows) {
    reports.push({ id: row.report_id, entries: row.entries });
    for (let i = 0; i < PER_REPORT; i++) {
      const user = await buildUser(db, [{ role: 'focal_point', actor: row.actor_key }], 'Bench focal point');
      const session = await createSession(db, user.id);
      const headers = { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': session.csrfToken };
      writers.push({ index: writers.length, reportId: row.report_id, headers });
    }
  }
  return { reports, writers };
}

/** An answer: its status and its body, unzipped. */
type Answer = { status: number; text: string };

/**
 * One request on a kept-alive connection, as a browser's tab holds one; the answer asked gzipped, as a browser
 * asks it. `node:http` rather than `fetch`: `fetch` spent 1.5 ms of this machine's two cores on each save (its
 * WHATWG streams, signals and headers), taken from the server it measures.
 */
function request(agent: http.Agent, url: URL, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      url,
      {
        agent,
        method,
        headers: {
          ...headers,
          'accept-encoding': 'gzip',
          ...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
          resolve({ status: res.statusCode ?? 0, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Through the API, as the report form's autosave: the form was opened once (GET), and each save sends the
 * activity's text with the version the last save answered; on a 409 the form is read again.
 */
const apiSave = (base: string): Save => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  return async (writer, entryId, marker) => {
    type Content = { entries: { id: string; carriedOut: string }[] };
    const textOf = (content: Content) => {
      const entry = content.entries.find((e) => e.id === entryId);
      if (!entry) throw new Error(`entry ${entryId} not in the report`);
      return entry.carriedOut;
    };
    const url = new URL(`/api/v1/reports/${writer.reportId}`, base);
    for (let conflicts = 0; ; conflicts++) {
      if (!writer.held) {
        const got = await request(agent, url, 'GET', writer.headers);
        if (got.status !== 200) throw new Error(`GET report: ${got.status} ${got.text}`);
        const report = JSON.parse(got.text) as Content & { version: number };
        writer.held = { version: report.version, text: textOf(report) };
      }
      const saved = await request(
        agent,
        url,
        'PATCH',
        { ...writer.headers, 'content-type': 'application/json', 'if-match': `"${writer.held.version}"` },
        JSON.stringify({ entries: [{ id: entryId, carriedOut: `${writer.held.text}<p>${marker}</p>` }] }),
      );
      if (saved.status === 200) {
        const body = JSON.parse(saved.text) as { version: number; content: Content };
        writer.held = { version: body.version, text: textOf(body.content) };
        return conflicts;
      }
      if (saved.status !== 409) throw new Error(`PATCH report: ${saved.status} ${saved.text}`);
      writer.held = undefined;
    }
  };
};

/**
 * Straight to the database, one connection per writer, holding its activity's text as the form does: lock the
 * report, write the entry, bump the version, in one transaction.
 */
function pgSave(clients: pg.Client[]): Save {
  const held = new Map<number, string>();
  return async (writer, entryId, marker) => {
    const client = clients[writer.index] as pg.Client;
    let text = held.get(writer.index);
    if (text === undefined) {
      const read = await client.query<{ carried_out: string }>('select carried_out from report_entries where id = $1', [
        entryId,
      ]);
      text = read.rows[0]?.carried_out ?? '';
    }
    text = `${text}<p>${marker}</p>`;
    await client.query('begin');
    await client.query('select version from reports where id = $1 for update', [writer.reportId]);
    await client.query('update report_entries set carried_out = $1 where id = $2', [text, entryId]);
    await client.query('update reports set version = version + 1 where id = $1', [writer.reportId]);
    await client.query('commit');
    held.set(writer.index, text);
    return 0;
  };
}

type Run = { saves: number; perSecond: number; p99: number; conflicts: number; acked: Map<string, string[]> };

/** Every writer saving in a loop for `seconds`; markers are unique (`m:<phase>-<writer>-<n>.`). */
async function drive(
  writers: Writer[],
  entryOf: (w: Writer) => string,
  save: Save,
  phase: string,
  seconds: number,
): Promise<Run> {
  const acked = new Map<string, string[]>();
  const times: number[] = [];
  let conflicts = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    writers.map(async (w) => {
      const entryId = entryOf(w);
      for (let n = 0; performance.now() < end; n++) {
        const marker = `m:${phase}-${w.index}-${n}.`;
        const t0 = performance.now();
        // Not `conflicts += await …`, which reads `conflicts` before the other writers add to it.
        const retried = await save(w, entryId, marker);
        conflicts += retried;
        times.push(performance.now() - t0);
        const markers = acked.get(entryId) ?? [];
        markers.push(marker);
        acked.set(entryId, markers);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    saves: times.length,
    perSecond: times.length / elapsed,
    p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? Number.NaN,
    conflicts,
    acked,
  };
}

/** Acknowledged markers missing from the entries' final text. */
async function lostUpdates(sql: pg.Client, runs: Run[]): Promise<number> {
  let lost = 0;
  for (const run of runs) {
    for (const [entryId, markers] of run.acked) {
      const result = await sql.query<{ carried_out: string }>('select carried_out from report_entries where id = $1', [
        entryId,
      ]);
      const text = result.rows[0]?.carried_out ?? '';
      lost += markers.filter((m) => !text.includes(m)).length;
    }
  }
  return lost;
}

async function measure(writers: Writer[], entryOf: (w: Writer) => string, save: Save, phase: string) {
  const warm = await drive(writers, entryOf, save, `${phase}w`, WARMUP_S);
  const run = await drive(writers, entryOf, save, phase, DURATION_S);
  return { warm, run };
}

export async function benchWrites(): Promise<BenchResult[]> {
  const cluster = await startDurableCluster();
  let app: AppServer | undefined;
  let database: Database | undefined;
  const clients: pg.Client[] = [];
  try {
    app = await serveApp(cluster.url);
    database = await openDatabase({ kind: 'postgres', url: cluster.url });
    const sql = new pg.Client({ connectionString: cluster.url });
    await sql.connect();
    clients.push(sql);
    const { reports, writers } = await openBenchCycle(database.db, sql);
    const entries = new Map(reports.map((r) => [r.id, r.entries]));
    // Each writer its own activity of its report; the API and the raw clients different ones.
    const apiEntry = (w: Writer) => entries.get(w.reportId)?.[w.index % PER_REPORT] as string;
    const rawEntry = (w: Writer) => entries.get(w.reportId)?.[PER_REPORT + (w.index % PER_REPORT)] as string;

    const api = await measure(writers, apiEntry, apiSave(app.url), 'api');
    const writerClients: pg.Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const client = new pg.Client({ connectionString: cluster.url });
      await client.connect();
      clients.push(client);
      writerClients.push(client);
    }
    const raw = await measure(writers, rawEntry, pgSave(writerClients), 'pg');
    const lostApi = await lostUpdates(sql, [api.warm, api.run]);
    const lostRaw = await lostUpdates(sql, [raw.warm, raw.run]);
    console.log(
      `writes: API ${api.run.saves} saves (${api.run.conflicts} conflicts retried), ${lostApi} lost; ` +
        `pg ${raw.run.saves} saves (${raw.run.conflicts} conflicts retried), ${lostRaw} lost`,
    );
    return [
      {
        name: 'writes.saves_per_s',
        value: api.run.perSecond,
        unit: 'saves/s',
        baseline: raw.run.perSecond,
        ratio: api.run.perSecond / raw.run.perSecond,
        budget: '≥ 30% of raw pg',
        pass: api.run.perSecond >= 0.3 * raw.run.perSecond,
      },
      {
        name: 'writes.p99_ms',
        value: api.run.p99,
        unit: 'ms',
        baseline: raw.run.p99,
        ratio: api.run.p99 / raw.run.p99,
        budget: '≤ 500 ms',
        pass: api.run.p99 <= 500,
      },
      {
        name: 'writes.lost_updates',
        value: lostApi,
        unit: 'saves',
        baseline: lostRaw,
        // Both are 0 when all is well; the ratio is then 0 too.
        ratio: lostRaw === 0 ? lostApi : lostApi / lostRaw,
        budget: '= 0',
        pass: lostApi === 0,
      },
      {
        name: 'writes.conflicts',
        value: api.run.conflicts,
        unit: '409s',
        baseline: raw.run.conflicts,
        ratio: raw.run.conflicts === 0 ? api.run.conflicts : api.run.conflicts / raw.run.conflicts,
        budget: '= 0',
        pass: api.run.conflicts === 0,
      },
    ];
  } finally {
    for (const client of clients) await client.end();
    await database?.close();
    await app?.stop();
    cluster.stop();
  }
}
