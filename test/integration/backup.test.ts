/**
 * `enlace backup` and `enlace restore` as a user runs them: from the embedded
 * database to a PostgreSQL server and back, every table the same; damaged or
 * foreign files refused with a clear message and nothing changed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connect.ts';
import { items, reports } from '../../src/db/schema/index.ts';
import { findActor } from '../../src/modules/actors/actor.service.ts';
import { applyMigrations, createMigrationsTable, knownMigrations } from '../../src/modules/backup/migration-level.ts';
import {
  addAgendaItem,
  addMeetingDocument,
  createAgreement,
  createMeeting,
  updateAgreementStatus,
} from '../../src/modules/meetings/meeting.service.ts';
import { changeItemStatus } from '../../src/modules/programmes/programme-editing.service.ts';
import { createCycle, openCycle } from '../../src/modules/reporting/cycle.service.ts';
import { addFileEvidence, addLinkEvidence } from '../../src/modules/reporting/evidence.service.ts';
import { getReport, transitionReport } from '../../src/modules/reporting/report.service.ts';
import { saveReport } from '../../src/modules/reporting/report-save.ts';
import { prepareDatabase } from '../../src/server.ts';
import { runCli, serveCli } from '../support/cli.ts';
import { createPostgresDatabase, silentLog } from '../support/databases.ts';
import { databaseDigest } from '../support/db-digest.ts';
import { buildCast, PASSWORD } from '../support/factories.ts';

type Target = { ENLACE_DATA_DIR: string } | { DATABASE_URL: string };

/** The database a CLI environment names; PostgreSQL in UTC so timestamps print as on PGlite. */
function openTarget(target: Target): Promise<Database> {
  if ('ENLACE_DATA_DIR' in target) {
    return openDatabase({ kind: 'pglite', dir: path.join(target.ENLACE_DATA_DIR, 'pglite') });
  }
  const url = new URL(target.DATABASE_URL);
  url.searchParams.set('options', '-c TimeZone=UTC');
  return openDatabase({ kind: 'postgres', url: url.toString() });
}

async function digestOf(target: Target) {
  const database = await openTarget(target);
  try {
    return await databaseDigest(database.db);
  } finally {
    await database.close();
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A PNG signature followed by every byte value, NUL included, several times. */
const smallFile = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47]),
  Buffer.from(Array.from({ length: 1024 }, (_, i) => i % 256)),
]);
/** Incompressible, several megabytes: the backup must not hold it whole more than once. */
const largeFile = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4 * 1024 * 1024)]);

const RICH_TEXT =
  '<p>Se realizó <strong>un taller</strong> sobre «niñez migrante» — 2.º ciclo 🌎</p><ul><li>línea "uno"</li><li>back\\slash</li></ul>';

/** Everything a busy installation holds, entered through the real use cases. */
async function fill(database: Database) {
  const db = database.db;
  const cast = await buildCast(db);
  const secretariat = cast.secretariat.principal;
  const focal = cast.focalPoint.principal;
  const cycle = await createCycle(
    db,
    { programme: 'programa-interamericano-2016', period: '2031', opensAt: '2026-01-01', deadline: '2099-12-31' },
    secretariat,
  );
  await openCycle(db, cycle.id, secretariat);
  const mexico = (await findActor(db, 'mx')).id;
  const [report] = await db.select().from(reports).where(eq(reports.actorId, mexico));
  if (!report) throw new Error('no report for mx');
  const full = await getReport(db, report.id, focal);
  const entries = full.entries.slice(0, 3);
  await saveReport(
    db,
    report.id,
    1,
    {
      entries: entries.map((e, i) => ({
        id: e.id,
        carriedOut: `${RICH_TEXT} (${i})`,
        planned: '<p>Próximo año</p>',
        statusAssessment: 'in_progress' as const,
      })),
      sections: { best_practices: RICH_TEXT, calendar: '<p>Marzo: reunión</p>' },
    },
    focal,
  );
  const small = await addFileEvidence(
    db,
    report.id,
    { name: 'acta.png', bytes: smallFile },
    { title: 'Acta', entryId: entries[0]?.id },
    focal,
  );
  const large = await addFileEvidence(db, report.id, { name: 'informe.pdf', bytes: largeFile }, {}, focal);
  await addLinkEvidence(db, report.id, { title: 'Nota de prensa', url: 'https://example.org/nota?a=1&b=2' }, focal);
  await transitionReport(db, report.id, 'submit', focal);

  const meeting = await createMeeting(
    db,
    {
      body: 'cam',
      kind: 'formal_session',
      title: 'Sesión ordinaria de la CAM',
      description: 'Con acentos, comillas "dobles" y saltos\nde línea',
      startsAt: '2026-03-10T10:00:00-05:00',
      endsAt: '2026-03-10T13:30:00-05:00',
      timeZone: 'America/New_York',
      languages: ['es', 'en'],
      visibility: 'members',
      invited: ['mx', 'gt'],
    },
    secretariat,
  );
  const [item] = await db.select().from(items).where(eq(items.code, 'V.B.21'));
  if (!item) throw new Error('no item V.B.21');
  await addAgendaItem(db, meeting.id, { title: 'Informe de México', itemId: item.id }, secretariat);
  await addMeetingDocument(
    db,
    meeting.id,
    { kind: 'minutes', title: 'Acta', file: { name: 'acta.pdf', bytes: Buffer.from('%PDF\0\0\u00ff binary') } },
    secretariat,
  );
  const agreement = await createAgreement(
    db,
    meeting.id,
    { text: 'Elaborar un informe', ownerActorIds: ['mx', 'iachr'], itemIds: [item.id], dueDate: '2031-06-30' },
    secretariat,
  );
  await updateAgreementStatus(db, agreement.id, { status: 'in_progress', note: 'Borrador circulado' }, secretariat);
  await changeItemStatus(
    db,
    item.id,
    { status: 'completed', date: '2024-05-01', note: 'Hecho: «taller»' },
    secretariat,
  );
  return { cast, files: { small: small.id, large: large.id } };
}

const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

const meetingInput = (title: string) => ({
  body: 'cam',
  kind: 'workshop',
  title,
  startsAt: '2026-06-01',
  endsAt: '2026-06-01',
  invited: ['mx', 'gt'],
});

async function rowsOf<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe('backup and restore', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'enlace-backup-'));
  const source = { ENLACE_DATA_DIR: path.join(root, 'source') };
  const backup = path.join(root, 'source.enlace.gz');
  let filled: Awaited<ReturnType<typeof fill>>;
  let sourceDigest: Awaited<ReturnType<typeof digestOf>>;

  beforeAll(async () => {
    const database = await openTarget(source);
    try {
      await prepareDatabase(database, silentLog);
      filled = await fill(database);
      sourceDigest = await databaseDigest(database.db);
    } finally {
      await database.close();
    }
    const done = await runCli(['backup', backup], source);
    expect(done.stderr).toBe('');
    expect(done.stdout).toMatch(/^Backed up the embedded database .* \d+ tables, \d+ rows/);
    expect(done.code).toBe(0);
  }, 240_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.runIf(inject('postgresUrl'))(
    'goes from the embedded database to PostgreSQL and back with every table the same',
    async () => {
      expect(sourceDigest.attachments?.rows).toBe(3);
      const server = { DATABASE_URL: await createPostgresDatabase() };
      const restored = await runCli(['restore', backup], server);
      expect(restored.stdout).toContain('Restored');
      expect(restored.code).toBe(0);
      expect(await digestOf(server)).toEqual(sourceDigest);

      const again = path.join(root, 'postgres.enlace.gz');
      expect((await runCli(['backup', again], server)).code).toBe(0);
      const back = { ENLACE_DATA_DIR: path.join(root, 'back') };
      const restoredBack = await runCli(['restore', again], back);
      expect(restoredBack.stderr).toBe('');
      expect(restoredBack.code).toBe(0);
      expect(await digestOf(back)).toEqual(sourceDigest);

      // What users notice: they sign in with their password, their token works, their files are intact.
      const served = await serveCli(back);
      try {
        const login = await fetch(`${served.url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: filled.cast.focalPoint.email, password: PASSWORD }),
        });
        expect(login.status).toBe(200);
        const me = await fetch(`${served.url}/api/v1/me`, { headers: filled.cast.secretariat.auth });
        expect(((await me.json()) as { email: string }).email).toBe(filled.cast.secretariat.email);
        for (const [id, bytes] of [
          [filled.files.small, smallFile],
          [filled.files.large, largeFile],
        ] as const) {
          const file = await fetch(`${served.url}/api/v1/attachments/${id}`, { headers: filled.cast.focalPoint.auth });
          expect(file.status).toBe(200);
          expect(sha256(new Uint8Array(await file.arrayBuffer()))).toBe(sha256(bytes));
        }
      } finally {
        await served.stop();
      }
    },
    180_000,
  );

  it.runIf(inject('postgresUrl'))(
    'backs up PostgreSQL consistently while a server keeps writing to it',
    async () => {
      const server = { DATABASE_URL: await createPostgresDatabase() };
      expect((await runCli(['restore', backup], server)).code).toBe(0);
      const served = await serveCli(server);
      const snapshot = path.join(root, 'while-writing.gz');
      let writing = true;
      const post = (url: string, body: unknown) =>
        fetch(`${served.url}/api/v1${url}`, {
          method: 'POST',
          headers: { ...filled.cast.secretariat.auth, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      /** Writes until told to stop; under way once ten of its writes are acknowledged, which the backup must then hold. */
      const writer = (write: (n: number) => Promise<Response>) => {
        let tenWritten = () => {};
        const underWay = new Promise<void>((resolve) => {
          tenWritten = resolve;
        });
        const done = (async () => {
          for (let n = 1; writing; n++) {
            const res = await write(n);
            expect(res.ok, `${res.url}: ${res.status}`).toBe(true);
            if (n === 10) tenWritten();
          }
        })();
        return { underWay, done };
      };
      const list = (await (
        await fetch(`${served.url}/api/v1/programmes/programa-interamericano-2016/items`)
      ).json()) as { id: string; code: string }[];
      const item = list.find((i) => i.code === 'V.B.30');
      // Each write touches two tables that a backup reads one after the other.
      const writers = [
        writer((n) => post('/meetings', meetingInput(`Busy ${n}`))),
        writer((n) =>
          post(`/items/${item?.id}/status`, { status: 'in_progress', date: '2025-01-01', note: `Busy ${n}` }),
        ),
      ];
      try {
        // A writer ends only when told to, or when a write fails: then the race fails with its reason.
        await Promise.race([Promise.all(writers.map((w) => w.underWay)), ...writers.map((w) => w.done)]);
        const during = await runCli(['backup', snapshot], server);
        expect(during.stderr).toBe('');
        expect(during.code).toBe(0);
      } finally {
        writing = false;
        await Promise.all(writers.map((w) => w.done));
        await served.stop();
      }
      const copy = { ENLACE_DATA_DIR: path.join(root, 'snapshot') };
      expect((await runCli(['restore', snapshot], copy)).code).toBe(0);
      const database = await openTarget(copy);
      try {
        const [counts] = await rowsOf<{ meetings: number; incomplete: number; history: number; notes: number }>(
          database,
          sql`select (select count(*)::int from meetings where title like 'Busy %') as meetings,
                     (select count(*)::int from meetings m where title like 'Busy %'
                        and (select count(*) from meeting_actors a where a.meeting_id = m.id) <> 2) as incomplete,
                     (select count(*)::int from item_status_history where note like 'Busy %') as history,
                     (select count(*)::int from item_notes where text like 'Busy %') as notes`,
        );
        // Each writer had ten writes acknowledged before the backup began.
        expect(counts?.meetings).toBeGreaterThanOrEqual(10);
        expect(counts?.history).toBeGreaterThanOrEqual(10);
        expect(counts).toMatchObject({ incomplete: 0, notes: counts?.history });
      } finally {
        await database.close();
      }
    },
    180_000,
  );

  it('restores a backup made by an older version of Enlace and migrates it', async () => {
    const old = { ENLACE_DATA_DIR: path.join(root, 'old') };
    const database = await openTarget(old);
    try {
      // The schema as the first two migrations left it, with rows a later version must keep.
      await createMigrationsTable(database.db);
      await applyMigrations(database.db, knownMigrations().slice(0, 2));
      await database.db.execute(sql`
        insert into actors (id, key, type, name, parent_id) values
          ('ffffffff-0000-4000-8000-000000000000', 'parent', 'organ', '{"es": "Padre"}', null),
          ('00000000-0000-4000-8000-000000000000', 'child', 'organ', '{"es": "Hijo"}', 'ffffffff-0000-4000-8000-000000000000')`);
      await database.db.execute(sql`
        insert into actor_memberships (id, actor_id, group_id, role, note) values
          ('11111111-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000', 'ffffffff-0000-4000-8000-000000000000', 'member', 'null'::jsonb),
          ('22222222-0000-4000-8000-000000000000', 'ffffffff-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000', 'member', null)`);
      await database.db.execute(
        sql`insert into users (id, email, name) values (gen_random_uuid(), 'old@example.org', 'Old')`,
      );
    } finally {
      await database.close();
    }
    const file = path.join(root, 'old.gz');
    expect((await runCli(['backup', file], old)).stdout).toContain('(migration 0001_accounts_reporting_jobs)');
    const target = { ENLACE_DATA_DIR: path.join(root, 'from-old') };
    const restored = await runCli(['restore', file], target);
    const latest = knownMigrations();
    expect(restored.stdout).toContain(`now at migration ${latest.at(-1)?.tag}`);
    expect(restored.code).toBe(0);
    const after = await openTarget(target);
    try {
      const [state] = await rowsOf<{ migrations: number; meetings: number; child_parent: string; notes: string[] }>(
        after,
        sql`select (select count(*)::int from drizzle.__drizzle_migrations) as migrations,
                   (select count(*)::int from meetings) as meetings,
                   (select p.key from actors c join actors p on p.id = c.parent_id where c.key = 'child') as child_parent,
                   (select jsonb_agg(coalesce(jsonb_typeof(note), 'SQL NULL') order by id) from actor_memberships) as notes`,
      );
      expect(state).toEqual({
        migrations: latest.length,
        meetings: 0,
        child_parent: 'parent',
        notes: ['null', 'SQL NULL'],
      });
    } finally {
      await after.close();
    }
  }, 120_000);

  describe('into an embedded database that already holds data', () => {
    const target = { ENLACE_DATA_DIR: path.join(root, 'target') };
    let before: Awaited<ReturnType<typeof digestOf>>;

    beforeAll(async () => {
      const first = await runCli(['restore', backup], target);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      before = await digestOf(target);
      expect(before).toEqual(sourceDigest);
    }, 120_000);

    async function refused(file: string, message: RegExp, force = true) {
      const result = await runCli(['restore', file, ...(force ? ['--force'] : [])], target);
      expect(result.stderr).toMatch(message);
      noStackTrace(result.stderr);
      expect(result.code).toBe(1);
    }

    it('asks for --force before replacing user accounts', async () => {
      await refused(backup, /already holds data \(\d+ user accounts\).*--force/, false);
      expect(await digestOf(target)).toEqual(before);
    }, 120_000);

    it('refuses a truncated or corrupted backup and changes nothing', async () => {
      const bytes = readFileSync(backup);
      const truncated = path.join(root, 'truncated.gz');
      writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await refused(truncated, /damaged or incomplete.*left as it was/);
      const corrupted = path.join(root, 'corrupted.gz');
      const copy = Buffer.from(bytes);
      for (let i = Math.floor(copy.length * 0.7); i < copy.length * 0.7 + 64; i++) copy[i] = (copy[i] ?? 0) ^ 0x5a;
      writeFileSync(corrupted, copy);
      await refused(corrupted, /damaged or incomplete.*left as it was/);
      expect(await digestOf(target)).toEqual(before);
    }, 120_000);

    it('explains what is wrong with a file that is not a backup it can restore', async () => {
      await refused(path.join(root, 'missing.gz'), /No such file: .*missing\.gz/);
      const text = path.join(root, 'notes.txt');
      writeFileSync(text, 'not a backup\n');
      await refused(text, /is not an Enlace backup/);
      const otherGzip = path.join(root, 'other.json.gz');
      writeFileSync(otherGzip, gzipSync('{"hello":"world"}\n'));
      await refused(otherGzip, /is not an Enlace backup/);

      const [headerLine, ...rest] = gunzipSync(readFileSync(backup)).toString('utf8').split('\n');
      const header = JSON.parse(headerLine ?? '{}');
      const future = path.join(root, 'future.gz');
      const newer = {
        ...header,
        migrations: [...header.migrations, { hash: 'f'.repeat(64), createdAt: 4102444800000, tag: '0099_future' }],
      };
      writeFileSync(future, gzipSync([JSON.stringify(newer), ...rest].join('\n')));
      await refused(future, /made by a newer version of Enlace.*0099_future.*Upgrade Enlace/);
      const format2 = path.join(root, 'format2.gz');
      writeFileSync(format2, gzipSync([JSON.stringify({ ...header, version: 2 }), ...rest].join('\n')));
      await refused(format2, /format version 2, newer than this version of Enlace reads/);
      expect(await digestOf(target)).toEqual(before);
    }, 120_000);

    it('tells to stop the server before backing up an embedded database in use', async () => {
      const served = await serveCli(target);
      try {
        const result = await runCli(['backup', path.join(root, 'while-serving.gz')], target);
        expect(result.stderr).toMatch(/in use by process \d+.*Stop it first/);
        noStackTrace(result.stderr);
        expect(result.code).toBe(1);
      } finally {
        await served.stop();
      }
    }, 120_000);
  });
});
