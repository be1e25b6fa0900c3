/**
 * A save reads the report and writes it in two statements, without holding
 * a lock in between: when another instance saves the report between the two,
 * the write finds the version moved, writes nothing, and the save reads again
 * and merges. Only PostgreSQL has another instance with its own connections.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { readContent } from '../../src/modules/reporting/report.service.ts';
import { ReportConflictError, saveReport } from '../../src/modules/reporting/report-save.ts';
import { openedCycle } from '../support/cycles.ts';
import {
  closeTwoInstances,
  dialects,
  openLoadedDatabase,
  openTwoInstances,
  type TwoInstances,
} from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

const postgres = dialects().filter((d) => d.name === 'postgres');

describe.each(dialects())('saves of one report that come together on $name', (dialect) => {
  let database: Database;
  let cast: Cast;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    cast = await buildCast(database.db);
  });
  afterAll(() => database?.close());

  const revisions = async (id: string) =>
    (
      (await database.db.execute(
        sql`select version, content from report_revisions where report_id = ${id} order by version`,
      )) as unknown as { rows: { version: number; content: unknown }[] }
    ).rows;

  it('gives each its own version and revision, in the order they came; a conflict among them is refused alone', async () => {
    const { db } = database;
    const cycle = await openedCycle(db, cast.secretariat.principal, 'together');
    const id = cycle.reportOf('mx');
    const [a, b, c] = (await readContent(db, id)).entries;
    const focal = cast.focalPoint.principal;
    const text = (entryId: string | undefined, carriedOut: string) => ({
      entries: [{ id: entryId ?? '', carriedOut }],
    });
    // Asked at once: the first is written alone, the other four wait for the next turn and are written in it.
    const outcomes = await Promise.allSettled([
      saveReport(db, id, 1, text(a?.id, '<p>uno</p>'), focal),
      saveReport(db, id, 1, text(b?.id, '<p>dos</p>'), focal),
      saveReport(db, id, 1, text(a?.id, '<p>otro uno</p>'), focal),
      saveReport(db, id, 1, text(c?.id, '<p>tres</p>'), focal),
      saveReport(db, id, 3, text(b?.id, '<p>dos, bis</p>'), focal),
    ]);
    const [one, two, clash, three, twoAgain] = outcomes;
    const saved = [one, two, three, twoAgain].map((o) => (o?.status === 'fulfilled' ? o.value : undefined));
    expect(saved.map((s) => s?.version)).toEqual([2, 3, 4, 5]);
    expect(clash?.status).toBe('rejected');
    const conflict = clash?.status === 'rejected' ? (clash.reason as ReportConflictError) : undefined;
    expect(conflict).toBeInstanceOf(ReportConflictError);
    expect(conflict?.conflict.conflicts).toEqual([{ entryId: a?.id, field: 'carriedOut' }]);
    expect(conflict?.conflict.current.version).toBe(3);

    const last = saved[3]?.content.entries ?? [];
    expect(last.find((e) => e.id === a?.id)?.carriedOut).toBe('<p>uno</p>');
    expect(last.find((e) => e.id === b?.id)?.carriedOut).toBe('<p>dos, bis</p>');
    expect(last.find((e) => e.id === c?.id)?.carriedOut).toBe('<p>tres</p>');
    expect(await readContent(db, id)).toEqual(saved[3]?.content);
    // Each version's revision holds what its save answered: the base the writer's next save is merged against.
    const kept = await revisions(id);
    expect(kept.map((r) => r.version)).toEqual([1, 2, 3, 4, 5]);
    kept.slice(1).forEach((r, i) => {
      expect(r.content, `version ${r.version}`).toEqual(saved[i]?.content);
    });
  });
});

describe.runIf(postgres.length > 0)('saving a report', () =>
  describe.each(postgres)('on $name beside another instance', (dialect) => {
    let instances: TwoInstances;
    let cast: Cast;
    beforeAll(async () => {
      instances = await openTwoInstances(dialect);
      cast = await buildCast(instances.first.db);
    });
    afterAll(() => closeTwoInstances(instances));

    /** Sessions of this test's database waiting for a row lock. */
    const waitingForALock = async () => {
      const rows = (await instances.first.db.execute(sql`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`)) as unknown as { rows: { n: number }[] };
      return rows.rows[0]?.n ?? 0;
    };

    it('reads again and merges when another instance saved between its read and its write', async () => {
      const { first, second } = instances;
      const cycle = await openedCycle(first.db, cast.secretariat.principal, 'two-instances');
      const id = cycle.reportOf('mx');
      const start = await readContent(first.db, id);
      const [mine, theirs] = start.entries;
      const focal = cast.focalPoint.principal;
      const one = await saveReport(
        first.db,
        id,
        1,
        { entries: [{ id: mine?.id ?? '', carriedOut: '<p>uno</p>' }] },
        focal,
      );
      expect(one.version).toBe(2);

      // The other instance saves its activity and holds its transaction open.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let taken = () => {};
      const lockTaken = new Promise<void>((resolve) => {
        taken = resolve;
      });
      const theirContent = {
        ...one.content,
        entries: one.content.entries.map((e) => (e.id === theirs?.id ? { ...e, carriedOut: '<p>dos</p>' } : e)),
      };
      const other = second.db.transaction(async (tx) => {
        await tx.execute(sql`update report_entries set carried_out = '<p>dos</p>' where id = ${theirs?.id}`);
        await tx.execute(sql`update reports set version = 3 where id = ${id}`);
        await tx.execute(sql`insert into report_revisions (report_id, version, content)
                           values (${id}, 3, ${JSON.stringify(theirContent)}::jsonb)`);
        taken();
        await held;
      });
      await lockTaken;

      // This save reads version 2 (the other is not committed) and its write waits for the other's lock.
      const saving = saveReport(first.db, id, 2, { entries: [{ id: mine?.id ?? '', planned: '<p>tres</p>' }] }, focal);
      // Asked again until it shows (each asking is a round trip to the database), for at most a minute.
      const giveUpAt = Date.now() + 60_000;
      while ((await waitingForALock()) === 0) {
        if (Date.now() > giveUpAt) throw new Error('the save never waited for the lock');
      }
      release();
      await other;

      // Its write found version 3, not 2: it read again, merged, and wrote version 4 with both changes.
      const saved = await saving;
      expect(saved.version).toBe(4);
      const byId = new Map(saved.content.entries.map((e) => [e.id, e]));
      expect(byId.get(mine?.id ?? '')).toMatchObject({ carriedOut: '<p>uno</p>', planned: '<p>tres</p>' });
      expect(byId.get(theirs?.id ?? '')?.carriedOut).toBe('<p>dos</p>');
      expect(await readContent(first.db, id)).toEqual(saved.content);
      const versions = (await first.db.execute(
        sql`select version from report_revisions where report_id = ${id} order by version`,
      )) as unknown as { rows: { version: number }[] };
      expect(versions.rows.map((r) => r.version)).toEqual([1, 2, 3, 4]);
    });
  }),
);
