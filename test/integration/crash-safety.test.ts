/**
 * Crash safety: the real server is killed with SIGKILL while several clients
 * stream writes at it (twice in a row), on a PGlite data folder and on
 * PostgreSQL. After the restart every acknowledged write is there as
 * acknowledged, the others are whole or absent, and the database is consistent.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Database, type Db, openDatabase } from '../../src/db/connect.ts';
import { items, programmes, reports } from '../../src/db/schema/index.ts';
import { ITEM_STATUSES } from '../../src/domain/status.ts';
import { findActor } from '../../src/modules/actors/actor.service.ts';
import { createMeeting } from '../../src/modules/meetings/meeting.service.ts';
import { createCycle, openCycle } from '../../src/modules/reporting/cycle.service.ts';
import { getReport } from '../../src/modules/reporting/report.service.ts';
import { prepareDatabase } from '../../src/server.ts';
import { type Served, serveCli } from '../support/cli.ts';
import { createPostgresDatabase, silentLog } from '../support/databases.ts';
import { databaseDigest } from '../support/db-digest.ts';
import { buildUser } from '../support/factories.ts';

type Env = { ENLACE_DATA_DIR: string } | { DATABASE_URL: string };

function openEnv(env: Env): Promise<Database> {
  return 'ENLACE_DATA_DIR' in env
    ? openDatabase({ kind: 'pglite', dir: path.join(env.ENLACE_DATA_DIR, 'pglite') })
    : openDatabase({ kind: 'postgres', url: env.DATABASE_URL });
}

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const REPORTING_ACTORS = ['mx', 'ca', 'iachr'];
const INVITED = ['mx', 'gt', 'co'];

/** Users, an open cycle and a meeting, made before the server starts, on the same database. */
async function prepare(env: Env) {
  const database = await openEnv(env);
  try {
    await prepareDatabase(database, silentLog);
    const db = database.db;
    const secretariat = await buildUser(db, [{ role: 'secretariat' }], 'Secretariat');
    const cycle = await createCycle(
      db,
      { programme: 'programa-interamericano-2016', period: '2040', opensAt: '2026-01-01', deadline: '2099-12-31' },
      secretariat.principal,
    );
    await openCycle(db, cycle.id, secretariat.principal);
    const writers = [];
    for (const key of REPORTING_ACTORS) {
      const user = await buildUser(db, [{ role: 'focal_point', actor: key }], `Focal point ${key}`);
      const actorId = (await findActor(db, key)).id;
      const [report] = await db
        .select()
        .from(reports)
        .where(and(eq(reports.cycleId, cycle.id), eq(reports.actorId, actorId)));
      if (!report) throw new Error(`no report for ${key}`);
      const entry = (await getReport(db, report.id, user.principal)).entries[0];
      if (!entry) throw new Error(`no entry in the report of ${key}`);
      writers.push({ key, auth: user.auth, reportId: report.id, entryId: entry.id });
    }
    const meeting = await createMeeting(
      db,
      {
        body: 'cam',
        kind: 'formal_session',
        title: 'Crash: agreements',
        startsAt: '2026-04-01',
        endsAt: '2026-04-01',
        visibility: 'public',
      },
      secretariat.principal,
    );
    // Items of the 2016 Program's draft (its adopted edition has the same codes).
    const itemsOf = (codes: string[]) =>
      db
        .select({ id: items.id })
        .from(items)
        .innerJoin(programmes, eq(programmes.id, items.programmeId))
        .where(and(eq(programmes.slug, 'programa-interamericano-2016'), inArray(items.code, codes)));
    const statusItems = await itemsOf(['V.B.21', 'V.B.22']);
    const agreementItems = await itemsOf(['V.B.23', 'V.B.24']);
    return {
      admin: secretariat.auth,
      writers,
      meetingId: meeting.id,
      statusItemIds: statusItems.map((i) => i.id),
      agreementItemIds: agreementItems.map((i) => i.id),
    };
  } finally {
    await database.close();
  }
}
type Setup = Awaited<ReturnType<typeof prepare>>;

/** What the server acknowledged (a 2xx response), across every round. */
type Acknowledged = {
  meetings: { id: string; title: string }[];
  agreements: { id: string; text: string }[];
  agreementNotes: { agreementId: string; status: string; note: string }[];
  documents: { id: string; title: string }[];
  itemStatuses: { itemId: string; status: string; note: string }[];
  saves: { reportId: string; version: number; text: string }[];
};

/**
 * Several clients write as fast as the server answers until, after `killAfter`
 * acknowledgements, the server is killed with SIGKILL; returns how many
 * requests were in flight at that moment.
 */
async function streamUntilKilled(
  served: Served,
  setup: Setup,
  acked: Acknowledged,
  versions: Map<string, number>,
  round: number,
  killAfter: number,
) {
  let killed = false;
  let pending = 0;
  let count = 0;
  let inFlightAtKill: number;
  let onAck = () => {};
  const reachedTarget = new Promise<void>((resolve) => {
    onAck = () => {
      count += 1;
      if (count >= killAfter) resolve();
    };
  });

  async function send(method: string, url: string, auth: Record<string, string>, body: unknown, extra = {}) {
    pending += 1;
    try {
      const res = await fetch(`${served.url}/api/v1${url}`, {
        method,
        headers: { ...auth, 'content-type': 'application/json', ...extra },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } finally {
      pending -= 1;
    }
  }

  /** Runs `step` over and over; once the server is dead, a failed request ends the client quietly. */
  async function client(step: (n: number) => Promise<void>) {
    for (let n = 1; !killed; n++) {
      try {
        await step(n);
        if (!killed) onAck();
      } catch (err) {
        if (killed) return;
        throw err;
      }
    }
  }

  const clients = [
    ...setup.writers.map((w) =>
      client(async (n) => {
        const text = `<p>Round ${round}, save ${n} of ${w.key}</p>`;
        const base = versions.get(w.reportId) ?? 1;
        const saved = await send(
          'PATCH',
          `/reports/${w.reportId}`,
          w.auth,
          { entries: [{ id: w.entryId, carriedOut: text }], sections: { best_practices: text } },
          { 'if-match': `"${base}"` },
        );
        const version = saved.version as number;
        versions.set(w.reportId, version);
        acked.saves.push({ reportId: w.reportId, version, text });
      }),
    ),
    ...[1, 2].map((c) =>
      client(async (n) => {
        const title = `Crash meeting ${round}.${c}.${n}`;
        const { id } = await send('POST', '/meetings', setup.admin, {
          body: 'cam',
          kind: 'workshop',
          title,
          startsAt: '2026-05-01',
          endsAt: '2026-05-02',
          invited: INVITED,
        });
        acked.meetings.push({ id: id as string, title });
      }),
    ),
    client(async (n) => {
      const text = `Crash agreement ${round}.${n}`;
      const { id } = await send('POST', `/meetings/${setup.meetingId}/agreements`, setup.admin, {
        text,
        ownerActorIds: ['mx', 'gt'],
        itemIds: setup.agreementItemIds,
      });
      acked.agreements.push({ id: id as string, text });
      if (killed) return;
      const status = ITEM_STATUSES[n % ITEM_STATUSES.length] ?? 'in_progress';
      const note = `Crash agreement note ${round}.${n}`;
      await send('PATCH', `/agreements/${id}`, setup.admin, { status, note });
      acked.agreementNotes.push({ agreementId: id as string, status, note });
    }),
    client(async (n) => {
      const title = `Crash document ${round}.${n}`;
      const { id } = await send('POST', `/meetings/${setup.meetingId}/documents`, setup.admin, {
        kind: 'other',
        title,
        url: `https://example.org/doc/${round}/${n}`,
      });
      acked.documents.push({ id: id as string, title });
    }),
    ...setup.statusItemIds.map((itemId) =>
      client(async (n) => {
        const status = ITEM_STATUSES[(n + round) % ITEM_STATUSES.length] ?? 'in_progress';
        const note = `Crash status ${round}.${n}`;
        await send('POST', `/items/${itemId}/status`, setup.admin, { status, date: '2025-01-01', note });
        acked.itemStatuses.push({ itemId, status, note });
      }),
    ),
  ];
  const all = Promise.all(clients);
  try {
    await Promise.race([reachedTarget, all]);
  } finally {
    inFlightAtKill = pending;
    killed = true;
    await served.stop('SIGKILL');
  }
  await all;
  return inFlightAtKill;
}

/** Every acknowledged write, as acknowledged, seen through the API of the restarted server. */
async function checkThroughApi(served: Served, setup: Setup, acked: Acknowledged) {
  const get = async (url: string, auth: Record<string, string>) => {
    const res = await fetch(`${served.url}/api/v1${url}`, { headers: auth });
    expect(res.status, url).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  for (const m of acked.meetings) {
    const meeting = (await get(`/meetings/${m.id}`, setup.admin)) as { title: string; participants: unknown[] };
    expect(meeting.title).toBe(m.title);
    expect(meeting.participants).toHaveLength(INVITED.length);
  }
  const host = (await get(`/meetings/${setup.meetingId}`, setup.admin)) as {
    agreements: { id: string; text: string; owners: unknown[]; items: unknown[]; notes: { text: string }[] }[];
    documents: { id: string; title: string }[];
  };
  for (const a of acked.agreements) {
    const found = host.agreements.find((x) => x.id === a.id);
    expect(found?.text).toBe(a.text);
    expect(found?.owners).toHaveLength(2);
    expect(found?.items).toHaveLength(2);
  }
  for (const n of acked.agreementNotes) {
    const found = host.agreements.find((x) => x.id === n.agreementId);
    expect(found?.notes.map((x) => x.text)).toContain(n.note);
  }
  for (const d of acked.documents) expect(host.documents.find((x) => x.id === d.id)?.title).toBe(d.title);
  for (const w of setup.writers) {
    const last = acked.saves.filter((s) => s.reportId === w.reportId).at(-1);
    if (!last) continue;
    const report = (await get(`/reports/${w.reportId}`, w.auth)) as {
      version: number;
      entries: { id: string; carriedOut: string }[];
    };
    expect(report.version).toBeGreaterThanOrEqual(last.version);
    if (report.version === last.version)
      expect(report.entries.find((e) => e.id === w.entryId)?.carriedOut).toBe(last.text);
  }
}

/** Whole writes only, every acknowledged one present, and foreign keys that hold. */
async function checkDatabase(db: Db, setup: Setup, acked: Acknowledged) {
  // Reports: one revision per save (the first save also keeps, as version 1 saved by nobody, the content it
  // started from: the base later saves merge against), the report's version is the newest, and its content that revision's.
  for (const w of setup.writers) {
    const all = await rows<{ version: number; carried_out: string; saved_by: string | null }>(
      db,
      sql`select version, content #>> array['entries', '0', 'carriedOut'] as carried_out, saved_by
            from report_revisions where report_id = ${w.reportId} order by version`,
    );
    const revisions = all.filter((r) => r.version > 1);
    const [report] = await rows<{ version: number; carried_out: string }>(
      db,
      sql`select r.version, e.carried_out from reports r join report_entries e on e.report_id = r.id
           where r.id = ${w.reportId} and e.id = ${w.entryId}`,
    );
    if (revisions.length > 0) expect(all[0]).toMatchObject({ version: 1, saved_by: null });
    expect(revisions.every((r) => r.saved_by !== null)).toBe(true);
    expect(revisions.map((r) => r.version)).toEqual(Array.from({ length: revisions.length }, (_, i) => i + 2));
    expect(report?.version).toBe(1 + revisions.length);
    expect(report?.carried_out).toBe(revisions.at(-1)?.carried_out ?? '');
    for (const save of acked.saves.filter((s) => s.reportId === w.reportId)) {
      expect(revisions.find((r) => r.version === save.version)?.carried_out).toBe(save.text);
    }
  }
  // Meetings: each with all its invited actors and its audit event, acknowledged or not.
  const meetings = await rows<{ id: string; title: string; actors: number; audits: number }>(
    db,
    sql`select m.id, m.title,
               (select count(*)::int from meeting_actors a where a.meeting_id = m.id) as actors,
               (select count(*)::int from audit_events e where e.entity_id = m.id::text and e.action = 'meeting.create') as audits
          from meetings m where m.title like 'Crash meeting %'`,
  );
  for (const m of meetings) expect(m, m.title).toMatchObject({ actors: INVITED.length, audits: 1 });
  for (const m of acked.meetings) expect(meetings.find((x) => x.id === m.id)?.title).toBe(m.title);
  // Agreements: owners, items and audit together; the status is the one of the newest note.
  const agreements = await rows<{
    id: string;
    status: string;
    owners: number;
    items: number;
    created: number;
    notes: number;
    changes: number;
    last_note_status: string | null;
  }>(
    db,
    sql`select g.id, g.status,
               (select count(*)::int from agreement_owners o where o.agreement_id = g.id) as owners,
               (select count(*)::int from agreement_items i where i.agreement_id = g.id) as items,
               (select count(*)::int from audit_events e where e.entity_id = g.id::text and e.action = 'agreement.create') as created,
               (select count(*)::int from agreement_notes n where n.agreement_id = g.id) as notes,
               (select count(*)::int from audit_events e where e.entity_id = g.id::text and e.action = 'agreement.status') as changes,
               (select n.status from agreement_notes n where n.agreement_id = g.id order by n.created_at desc limit 1) as last_note_status
          from agreements g where g.meeting_id = ${setup.meetingId}`,
  );
  for (const g of agreements) {
    expect(g).toMatchObject({ owners: 2, items: 2, created: 1, changes: g.notes });
    if (g.notes > 0) expect(g.status).toBe(g.last_note_status);
  }
  for (const a of acked.agreements) expect(agreements.some((g) => g.id === a.id)).toBe(true);
  const notes = await rows<{ agreement_id: string; status: string; text: string }>(
    db,
    sql`select agreement_id, status, text from agreement_notes where text like 'Crash agreement note %'`,
  );
  for (const n of acked.agreementNotes)
    expect(notes).toContainEqual({ agreement_id: n.agreementId, status: n.status, text: n.note });
  // Meeting documents, each with its audit event.
  const documents = await rows<{ id: string; audits: number }>(
    db,
    sql`select d.id, (select count(*)::int from audit_events e
                       where e.action = 'meeting.document' and e.after ->> 'id' = d.id::text) as audits
          from meeting_documents d where d.title like 'Crash document %'`,
  );
  for (const d of documents) expect(d.audits).toBe(1);
  for (const d of acked.documents) expect(documents.some((x) => x.id === d.id)).toBe(true);
  // Item status changes: history, note and audit event together; the item shows the newest.
  for (const itemId of setup.statusItemIds) {
    const history = await rows<{ status: string; note: string }>(
      db,
      sql`select status, note from item_status_history where item_id = ${itemId} and note like 'Crash status %' order by recorded_at`,
    );
    const [counts] = await rows<{ notes: number; audits: number; status: string }>(
      db,
      sql`select (select count(*)::int from item_notes where item_id = ${itemId} and text like 'Crash status %') as notes,
                 (select count(*)::int from audit_events where entity_id = ${itemId}::text and action = 'item.status'
                    and after ->> 'note' like 'Crash status %') as audits,
                 (select status from items where id = ${itemId}) as status`,
    );
    expect(counts).toMatchObject({ notes: history.length, audits: history.length });
    if (history.length > 0) expect(counts?.status).toBe(history.at(-1)?.status);
    for (const s of acked.itemStatuses.filter((x) => x.itemId === itemId))
      expect(history).toContainEqual({ status: s.status, note: s.note });
  }
  // Every foreign key holds (checked row by row, not trusted).
  const keys = await rows<{ child: string; parent: string; child_cols: string[]; parent_cols: string[] }>(
    db,
    sql`select c.relname::text as child, p.relname::text as parent,
               (select jsonb_agg(a.attname::text order by k.n) from unnest(f.conkey) with ordinality k(num, n)
                  join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.num) as child_cols,
               (select jsonb_agg(a.attname::text order by k.n) from unnest(f.confkey) with ordinality k(num, n)
                  join pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.num) as parent_cols
          from pg_constraint f join pg_class c on c.oid = f.conrelid join pg_class p on p.oid = f.confrelid
         where f.contype = 'f' and f.connamespace = 'public'::regnamespace`,
  );
  expect(keys.length).toBeGreaterThan(30);
  for (const k of keys) {
    const matches = sql.join(
      k.child_cols.map((c, i) => sql`p.${sql.identifier(k.parent_cols[i] ?? '')} = c.${sql.identifier(c)}`),
      sql` and `,
    );
    const present = sql.join(
      k.child_cols.map((c) => sql`c.${sql.identifier(c)} is not null`),
      sql` and `,
    );
    const [orphans] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(k.child)} c
           where ${present} and not exists (select 1 from ${sql.identifier(k.parent)} p where ${matches})`,
    );
    expect(orphans?.n, `${k.child} → ${k.parent}`).toBe(0);
  }
  // Every row of every table is readable.
  expect(Object.keys(await databaseDigest(db)).length).toBeGreaterThan(30);
}

/**
 * The killed server left its lock file behind; after a reboot or in a new
 * container its PID may well belong to another process by then. Makes it so.
 */
function pidTakenOver(dataDir: string): ChildProcess {
  const lock = path.join(dataDir, 'pglite', 'enlace.pid');
  const [, started] = readFileSync(lock, 'utf8').split(' ');
  const other = spawn('sleep', ['120'], { stdio: 'ignore' });
  writeFileSync(lock, [other.pid, started].filter((v) => v !== undefined).join(' '));
  return other;
}

/**
 * The kill points are drawn from a seed, as the property tests draw their
 * cases: a fixed one by default, so that every run kills at the same writes,
 * or ENLACE_CRASH_SEED (a failure names its seed, to run it again). What the
 * clients have in flight at the kill still depends on the machine's timing.
 */
const DEFAULT_CRASH_SEED = 20260310;

function crashSeed(): number {
  const given = process.env.ENLACE_CRASH_SEED;
  if (given === undefined || given === '') return DEFAULT_CRASH_SEED;
  if (!/^\d+$/.test(given)) throw new Error(`ENLACE_CRASH_SEED must be a whole number, not ${given}`);
  return Number(given);
}

/** After how many acknowledgements each round's server is killed: 120 to 239, from the seed (mulberry32). */
function killPoints(seed: number, rounds: number): number[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return Array.from({ length: rounds }, () => 120 + Math.floor(next() * 120));
}

async function crashTwiceAndCheck(env: Env) {
  const seed = crashSeed();
  const points = killPoints(seed, 2);
  const where = 'ENLACE_DATA_DIR' in env ? 'PGlite' : 'PostgreSQL';
  console.info(`crash safety on ${where}: ENLACE_CRASH_SEED=${seed} (killed after ${points.join(' and ')} writes)`);
  try {
    await crashTwiceAndCheckAt(env, points);
  } catch (err) {
    if (err instanceof Error) err.message = `[ENLACE_CRASH_SEED=${seed}, killed after ${points}] ${err.message}`;
    throw err;
  }
}

async function crashTwiceAndCheckAt(env: Env, points: number[]) {
  const setup = await prepare(env);
  const acked: Acknowledged = {
    meetings: [],
    agreements: [],
    agreementNotes: [],
    documents: [],
    itemStatuses: [],
    saves: [],
  };
  const versions = new Map<string, number>();
  for (const [index, killAfter] of points.entries()) {
    const round = index + 1;
    const served = await serveCli(env);
    if (round > 1) {
      // The reports go on from whatever version survived the previous crash.
      for (const w of setup.writers) {
        const res = await fetch(`${served.url}/api/v1/reports/${w.reportId}`, { headers: w.auth });
        versions.set(w.reportId, ((await res.json()) as { version: number }).version);
      }
    }
    const inFlight = await streamUntilKilled(served, setup, acked, versions, round, killAfter);
    expect(inFlight, 'requests in flight when the server was killed').toBeGreaterThan(0);
  }
  expect(acked.saves.length).toBeGreaterThan(10);
  expect(acked.meetings.length).toBeGreaterThan(5);
  expect(acked.itemStatuses.length).toBeGreaterThan(5);

  const reused = 'ENLACE_DATA_DIR' in env ? pidTakenOver(env.ENLACE_DATA_DIR) : undefined;
  try {
    const restarted = await serveCli(env);
    try {
      await checkThroughApi(restarted, setup, acked);
    } finally {
      expect(await restarted.stop()).toBe(0);
    }
  } finally {
    reused?.kill();
  }
  const database = await openEnv(env);
  try {
    await checkDatabase(database.db, setup, acked);
  } finally {
    await database.close();
  }
}

describe('a server killed in the middle of acknowledged writes', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'enlace-crash-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('on a PGlite data folder, restarts with every acknowledged write and a consistent database', async () => {
    await crashTwiceAndCheck({ ENLACE_DATA_DIR: path.join(root, 'pglite') });
  }, 240_000);

  it.runIf(inject('postgresUrl'))(
    'on PostgreSQL, restarts with every acknowledged write and a consistent database',
    async () => {
      await crashTwiceAndCheck({ DATABASE_URL: await createPostgresDatabase() });
    },
    240_000,
  );
});
