/**
 * Concurrent report saving through the real API: 32 focal points, four to a
 * report, each appending its own marker to the same entry by read-modify-write
 * (GET the report, PATCH with `If-Match: <version>`, on 409 read again and
 * retry), as autosaving browsers do. Saves per second and the p99 of a save
 * (first read to acknowledgement, retries included), and lost updates: every
 * acknowledged marker must be in the final text. Baseline, the database's
 * ceiling: the same read-modify-write by 32 raw `pg` clients
 * (`update reports … where version = $n` and the entry, in one transaction).
 */
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/connect.ts';
import { createCycle, openCycle } from '../src/modules/reporting/cycle.service.ts';
import { buildUser } from '../test/support/factories.ts';
import { type AppServer, serveApp, startDurableCluster } from './app-server.ts';
import type { BenchResult } from './results.ts';

const CLIENTS = 32;
const PER_REPORT = 4;
const DURATION_S = 10;
const WARMUP_S = 2;

type Writer = { index: number; reportId: string; auth: Record<string, string> };
type Report = { id: string; entries: string[] };
/** One save of `marker` appended to `entryId`; resolves with the conflicts met on the way. */
type Save = (writer: Writer, entryId: string, marker: string) => Promise<number>;

/** A cycle of the 2016 Program opened for the run; the first reports with two entries or more, four writers each. */
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
      where r.cycle_id = $1 group by r.id, a.key having count(*) >= 2 order by a.key limit $2`,
    [id, CLIENTS / PER_REPORT],
  );
  if (rows.rows.length < CLIENTS / PER_REPORT) throw new Error('not enough reports with two entries');
  const reports: Report[] = [];
  const writers: Writer[] = [];
  for (const row of rows.rows) {
    reports.push({ id: row.report_id, entries: row.entries });
    for (let i = 0; i < PER_REPORT; i++) {
      const user = await buildUser(db, [{ role: 'focal_point', actor: row.actor_key }], 'Bench focal point');
      writers.push({ index: writers.length, reportId: row.report_id, auth: user.auth });
    }
  }
  return { reports, writers };
}

/** Through the API, as a browser: read the report, save with its version, read again on 409. */
const apiSave =
  (url: string): Save =>
  async (writer, entryId, marker) => {
    for (let conflicts = 0; ; conflicts++) {
      const got = await fetch(`${url}/api/v1/reports/${writer.reportId}`, { headers: writer.auth });
      if (!got.ok) throw new Error(`GET report: ${got.status} ${await got.text()}`);
      const report = (await got.json()) as { version: number; entries: { id: string; carriedOut: string }[] };
      const entry = report.entries.find((e) => e.id === entryId);
      if (!entry) throw new Error(`entry ${entryId} not in the report`);
      const saved = await fetch(`${url}/api/v1/reports/${writer.reportId}`, {
        method: 'PATCH',
        headers: { ...writer.auth, 'content-type': 'application/json', 'if-match': `"${report.version}"` },
        body: JSON.stringify({ entries: [{ id: entryId, carriedOut: `${entry.carriedOut}<p>${marker}</p>` }] }),
      });
      const body = await saved.text();
      if (saved.status === 200) return conflicts;
      if (saved.status !== 409) throw new Error(`PATCH report: ${saved.status} ${body}`);
    }
  };

/** Straight to the database, one connection per writer: the same read-modify-write with a version check. */
function pgSave(clients: pg.Client[]): Save {
  return async (writer, entryId, marker) => {
    const client = clients[writer.index] as pg.Client;
    for (let conflicts = 0; ; conflicts++) {
      const read = await client.query<{ version: number; carried_out: string }>(
        'select r.version, e.carried_out from reports r join report_entries e on e.report_id = r.id where e.id = $1',
        [entryId],
      );
      const row = read.rows[0];
      if (!row) throw new Error(`entry ${entryId} not found`);
      await client.query('begin');
      const bumped = await client.query('update reports set version = version + 1 where id = $1 and version = $2', [
        writer.reportId,
        row.version,
      ]);
      if (bumped.rowCount === 0) {
        await client.query('rollback');
        continue;
      }
      await client.query('update report_entries set carried_out = $1 where id = $2', [
        `${row.carried_out}<p>${marker}</p>`,
        entryId,
      ]);
      await client.query('commit');
      return conflicts;
    }
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
    // The API and the raw clients append to different entries of the same reports.
    const apiEntry = (w: Writer) => entries.get(w.reportId)?.[0] as string;
    const rawEntry = (w: Writer) => entries.get(w.reportId)?.[1] as string;

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
      },
      {
        name: 'writes.p99_ms',
        value: api.run.p99,
        unit: 'ms',
        baseline: raw.run.p99,
        ratio: api.run.p99 / raw.run.p99,
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
    ];
  } finally {
    for (const client of clients) await client.end();
    await database?.close();
    await app?.stop();
    cluster.stop();
  }
}
