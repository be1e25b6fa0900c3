/** The bundled programmes and actors, as loaded on first start, on PGlite and PostgreSQL. */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import {
  actors,
  bestPracticeDocuments,
  bestPracticeItems,
  bestPractices,
  documents,
  items,
  programmes,
  storedFiles,
} from '../../src/db/schema/index.ts';
import { getActor } from '../../src/modules/actors/actor.service.ts';
import { loadBundledData } from '../../src/modules/bundled-data/bundled-data.service.ts';
import { getBestPractice, listBestPractices } from '../../src/modules/library/best-practice.service.ts';
import { findProgrammeItems, getProgramme } from '../../src/modules/programmes/programme.service.ts';
import { BUNDLED_DATA_DIR } from '../../src/server.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';

describe.each(dialects())('bundled data on $name', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
  });
  afterAll(async () => {
    await database?.close();
  });

  const count = async (slug: string, level: string) =>
    (await findProgrammeItems(database.db, slug, { level })).matching.length;

  it('has the 2016 Inter-American Program: 3 general and 12 specific objectives, 42 activities', async () => {
    const p = await getProgramme(database.db, 'programa-interamericano-2016');
    expect(p.adoptionReference).toBe('AG/RES. 2883 (XLVI-O/16)');
    expect(p.levels.map((l) => l.key)).toEqual([
      'general_objective',
      'specific_objective',
      'actor_section',
      'activity',
    ]);
    expect(await count(p.slug, 'general_objective')).toBe(3);
    expect(await count(p.slug, 'specific_objective')).toBe(12);
    const { matching } = await findProgrammeItems(database.db, p.slug, { level: 'activity' });
    expect(matching.map((i) => Number(i.code.split('.').at(-1)))).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect(p.sections.map((s) => s.key)).toEqual(expect.arrayContaining(['actors', 'follow_up', 'fund']));
  });

  it('assigns each activity of the 2016 Program to its actor as printed', async () => {
    const { matching } = await findProgrammeItems(database.db, 'programa-interamericano-2016', { level: 'activity' });
    const ownerOf = (n: number) => matching.find((i) => i.code.endsWith(`.${n}`))?.actors.map((a) => a.key);
    const expected: [number[], string][] = [
      [[1, 2, 3], 'oas-gs'],
      [[4, 5, 6], 'cam'],
      [[7, 8, 9, 10, 11], 'iachr'],
      [[12, 13, 14], 'cim'],
      [[15, 16], 'iin'],
      [[17, 18, 19, 20], 'paho'],
      [Array.from({ length: 22 }, (_, i) => 21 + i), 'oas-member-states'],
    ];
    for (const [numbers, key] of expected) for (const n of numbers) expect(ownerOf(n)).toEqual([key]);
  });

  it('has the CRM plan of action: 3 themes with 12, 4 and 4 objectives, statuses from its calendar', async () => {
    const { tree, all } = await findProgrammeItems(database.db, 'crm-plan-de-accion-2006', {});
    expect(tree.map((t) => t.code)).toEqual(['PGM', 'DH', 'MD']);
    expect(tree.map((t) => t.children.filter((c) => c.levelKey === 'objective').length)).toEqual([12, 4, 4]);
    const activities = all.filter((i) => i.levelKey === 'activity');
    expect(activities.length).toBeGreaterThan(40);
    expect(activities.filter((a) => a.status === 'continuous').length).toBeGreaterThan(5);
    expect(activities.filter((a) => a.status === 'completed').length).toBeGreaterThan(5);
  });

  it('has the CAM work plan 2018–2019 with four mandates and six dated calendar entries', async () => {
    const p = await getProgramme(database.db, 'cam-plan-de-trabajo-2018-2019');
    expect(p.mandates.map((m) => m.reference)).toEqual([
      'AG/RES. 2738 (XLII-O/12)',
      'AG/RES. 2883 (XLVI-O/16)',
      'AG/RES. 2910 (XLVII-O/17)',
      'AG/RES. 2916 (XLVIII-O/18)',
    ]);
    const { all } = await findProgrammeItems(database.db, p.slug, {});
    expect(all).toHaveLength(6);
    expect(all.map((i) => i.startsOn?.slice(0, 7))).toEqual([
      '2019-02',
      '2019-02',
      '2019-02',
      '2019-03',
      '2019-03',
      '2019-04',
    ]);
    expect(p.actors.filter((a) => a.role === 'invited').map((a) => a.actor.key)).toEqual(
      expect.arrayContaining(['ssm', 'iachr', 'cim', 'iin']),
    );
  });

  it('has the 35 OAS member states with ISO codes, and Nicaragua left on 19 November 2023', async () => {
    const states = await database.db.select().from(actors).where(eq(actors.type, 'member_state'));
    expect(states).toHaveLength(35);
    expect(states.every((s) => /^[A-Z]{2}$/.test(s.iso ?? ''))).toBe(true);
    const nicaragua = await getActor(database.db, 'ni', '2026-01-01');
    const oas = nicaragua.memberOf.find((m) => m.group?.key === 'oas-member-states');
    expect(oas?.endsOn).toBe('2023-11-19');
    // No longer addressed by the activities for member states…
    expect(nicaragua.assignments.filter((a) => a.programme.slug === 'programa-interamericano-2016')).toHaveLength(0);
    // …while Mexico is, through the group.
    const mexico = await getActor(database.db, 'mx', '2026-01-01');
    const forMexico = mexico.assignments.filter((a) => a.programme.slug === 'programa-interamericano-2016');
    expect(forMexico.filter((a) => a.item.levelKey === 'activity')).toHaveLength(22);
    expect(forMexico.every((a) => a.via?.key === 'oas-member-states')).toBe(true);
  });

  it('has the CRM with 11 members, 5 observer countries and 8 observer organisations', async () => {
    const crm = await getActor(database.db, 'crm');
    expect(crm.members.filter((m) => m.role === 'member')).toHaveLength(11);
    const observers = crm.members.filter((m) => m.role === 'observer');
    expect(observers.filter((m) => m.member?.type === 'member_state')).toHaveLength(5);
    expect(observers.filter((m) => m.member?.type !== 'member_state')).toHaveLength(8);
  });

  it('has the four best practices of the 2008 annual report, public, each linked to its actor’s report', async () => {
    const { rows, total } = await listBestPractices(database.db, null, { page: 1 });
    expect(total).toBe(4);
    expect(rows.map((r) => [r.actor.key, r.practice.title.es])).toEqual(
      expect.arrayContaining([
        [
          'ddse',
          'Taller RIAL sobre “Trabajadores migrantes: Protección de sus derechos laborales y programas de mercado de trabajo” (Ottawa, Canadá, noviembre de 2006)',
        ],
        ['ilo', 'Base de datos de la OIT con mejores prácticas en materia de migraciones laborales internacionales'],
        ['crm', 'Matriz comparativa de legislación sobre trata y tráfico de personas'],
        [
          'iom',
          'Manual de legislación modelo y directrices explicativas de la Iniciativa Anti-Trata de la OIM en el Caribe (CCTI)',
        ],
      ]),
    );
    expect(rows.every((r) => r.practice.state === 'published' && r.practice.source === 'report')).toBe(true);

    const ottawa = rows.find((r) => r.actor.key === 'ddse');
    const detail = await getBestPractice(database.db, ottawa?.practice.id ?? '', null);
    expect(detail.practice.done.es).toContain('participaron representantes de 28 Ministerios de Trabajo de la región');
    expect(detail.practice.periodStart).toBe('2006-11-01');
    expect(detail.report?.period).toBe('2008');
    expect(detail.items.map((i) => i.code)).toEqual(['DDSE-2']);
    expect(detail.documents.map((d) => d.title.es)).toEqual([
      'Informe anual 2008 sobre la implementación del Programa Interamericano para la Promoción y Protección de los Derechos Humanos de los Migrantes',
    ]);
    // The ILO's, from its "Mejores prácticas" section, is found under its actor.
    const ilo = await listBestPractices(database.db, null, { actor: 'ilo', page: 1 });
    expect(ilo.rows.map((r) => r.practice.title.es)).toEqual([
      'Base de datos de la OIT con mejores prácticas en materia de migraciones laborales internacionales',
    ]);
  });

  it('refuses a wrong best-practices file, naming the file and the record, and writes nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'enlace-data-'));
    try {
      await cp(BUNDLED_DATA_DIR, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}pglite`) });
      const file = path.join(dir, 'best-practices', 'informe-anual-2008.yaml');
      const text = await readFile(file, 'utf8');
      const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(bestPractices);

      await writeFile(file, text.replace('actor: ilo\n    language: es', 'actor: ilo\n    language: pt'));
      await expect(loadBundledData(database.db, dir)).rejects.toThrow(
        'best-practices/informe-anual-2008.yaml: oit-base-de-datos-mejores-practicas: bestPractices.2.title: no text in its language (pt)',
      );
      // A new first record, and the last one linking a document that is not there: neither is written.
      const last = text.lastIndexOf('documents: [informe-anual-2008]');
      await writeFile(
        file,
        `${text.slice(0, last)}documents: [informe-anual-2009]${text.slice(last + 31)}`.replace(
          'key: ddse-taller-rial-ottawa-2006',
          'key: ddse-taller-rial-ottawa-2006-bis',
        ),
      );
      await expect(loadBundledData(database.db, dir)).rejects.toThrow(
        'best-practices/informe-anual-2008.yaml: crm-matriz-legislacion-trata-trafico: unknown document informe-anual-2009',
      );
      expect(await database.db.select({ n: sql<number>`count(*)::int` }).from(bestPractices)).toEqual(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loads nothing twice: a second load changes no row', async () => {
    const counts = async () =>
      Promise.all(
        [items, documents, storedFiles, bestPractices, bestPracticeItems, bestPracticeDocuments].map((t) =>
          database.db.select({ n: sql<number>`count(*)::int` }).from(t),
        ),
      );
    const before = await counts();
    const report = await loadBundledData(database.db, BUNDLED_DATA_DIR);
    expect(report.loaded).toEqual([]);
    expect(report.skipped).toHaveLength(11);
    expect(await counts()).toEqual(before);
    expect((await database.db.select().from(programmes)).length).toBe(5);
  });
});
