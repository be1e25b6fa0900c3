/**
 * What the bundled data says of its own sources, as a user meets it: a draft text named as such, codes the
 * document does not print marked as Enlace's, actors a note names kept apart from those the plan assigns, the
 * dates a note announces apart from its own, and the CRM's observers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';

type Item = {
  id: string;
  code: string;
  text: string;
  codeMade: boolean;
  actors: { key: string; role: string }[];
  mentions?: { key: string }[];
  notes?: { date: string; due: string | null; text: string }[];
};

describe.each(dialects())('the bundled data’s sources, shown, on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  const json = async <T>(path: string) => (await (await web.get(path)).json()) as T;
  const page = async (path: string) => (await web.get(path)).text();
  const itemsOf = (slug: string) => json<Item[]>(`/api/v1/programmes/${slug}/items`);

  it('says that the 2016 Program is the draft subject to style review, and not of the edition as adopted', async () => {
    const draft = await json<{ editionNote: string | null }>('/api/v1/programmes/programa-interamericano-2016');
    expect(draft.editionNote).toContain('sujeto a revisión por parte de la Comisión de Estilo');
    const adopted = await json<{ editionNote: string | null }>(
      '/api/v1/programmes/programa-interamericano-2016-adoptado',
    );
    expect(adopted.editionNote).toBeNull();
    expect(await page('/programmes/programa-interamericano-2016')).toMatch(
      /<p class="alert alert-warning" role="note">Texto del proyecto, no el adoptado/,
    );
    expect(await page('/programmes/programa-interamericano-2016-adoptado')).not.toContain('Texto del proyecto');
  });

  it('marks the CAM work plan’s codes 3 to 6 as made by Enlace: the plan numbers only its first two entries', async () => {
    const entries = await itemsOf('cam-plan-de-trabajo-2018-2019');
    expect(entries.map((e) => [e.code, e.codeMade])).toEqual([
      ['1', false],
      ['2', false],
      ['3', true],
      ['4', true],
      ['5', true],
      ['6', true],
    ]);
    const third = entries.find((e) => e.code === '3') as Item;
    expect(await page(`/items/${third.id}`)).toContain('Código asignado por Enlace: el documento no lo imprime');
    const first = entries.find((e) => e.code === '1') as Item;
    expect(await page(`/items/${first.id}`)).not.toContain('Código asignado por Enlace');
  });

  it('keeps the actors a CRM note names as mentions, apart from those the plan gives the activity', async () => {
    const items = await itemsOf('crm-plan-de-accion-2006');
    const code = (c: string) => items.find((i) => i.code === c) as Item;
    // A note about a workshop names ten actors; the activity itself names none.
    const workshop = await json<Item>(`/api/v1/items/${code('PGM-4.1.1').id}`);
    expect(workshop.actors).toEqual([]);
    expect(workshop.mentions?.map((m) => m.key)).toEqual(expect.arrayContaining(['iom', 'unicef', 'unhcr']));
    expect(workshop.mentions?.length).toBeGreaterThanOrEqual(8);
    // Mexico and Honduras act in PGM-7.1.1; the countries its note names do not.
    const consular = await json<Item>(`/api/v1/items/${code('PGM-7.1.1').id}`);
    expect(consular.actors.map((a) => a.key).sort()).toEqual(['hn', 'mx']);
    expect(consular.mentions?.map((m) => m.key)).toEqual(expect.arrayContaining(['gt', 'sv', 'pa']));
    // Nobody is both given an activity and only mentioned in it, nor twice in one role.
    let assignments = 0;
    for (const item of items) {
      const mentioned = new Set(item.mentions?.map((m) => m.key));
      expect(
        item.actors.filter((a) => mentioned.has(a.key)),
        item.code,
      ).toEqual([]);
      const roles = item.actors.map((a) => `${a.key}/${a.role}`);
      expect(new Set(roles).size, item.code).toBe(roles.length);
      assignments += item.actors.length;
    }
    expect(assignments).toBe(76);

    const itemPage = await page(`/items/${code('PGM-4.1.1').id}`);
    expect(itemPage).toContain('Mencionados en las notas');
    const iomPage = await page('/actors/iom');
    expect(iomPage).toContain('Mencionado en las notas');
    expect(iomPage).toContain('PGM-4.1.1');
    const iom = await json<{ assignments: { item: { code: string } }[]; mentions: { item: { code: string } }[] }>(
      '/api/v1/actors/iom',
    );
    expect(iom.mentions.map((m) => m.item.code)).toContain('PGM-4.1.1');
    expect(iom.assignments.map((a) => a.item.code)).not.toContain('PGM-4.1.1');
  });

  it('dates a CRM note by when it was written and gives the deadline it announces as its due date', async () => {
    const items = await itemsOf('crm-plan-de-accion-2006');
    const item = async (c: string) =>
      json<Item & { status: string }>(`/api/v1/items/${(items.find((i) => i.code === c) as Item).id}`);
    const matrix = await item('MD-3.1.2');
    expect(matrix.notes?.map((n) => [n.date, n.due])).toEqual([['2006-11-29', '2007-01-31']]);
    expect(await page(`/items/${matrix.id}`)).toContain('Vence:');
    // PGM-8.1.1 says the consular network met in May 2004: PGM-7.2.1’s note is of that meeting.
    expect((await item('PGM-7.2.1')).notes?.[0]?.date).toBe('2004-05-01');
    // “VER PUNTO PRECEDENTE”: the preceding activity’s status.
    expect((await item('MD-1.1.2')).status).toBe((await item('MD-1.1.1')).status);
    expect((await item('DH-2.1.3')).status).toBe('cancelled');
    expect((await item('DH-4.1.2')).status).toBe('pending_input');
    // The seed’s order: PROGRAMAR LAS REUNIONES, then NOMBRAR PUNTOS FOCALES.
    expect((await item('DH-2.2.1')).text).toMatch(/^PROGRAMAR LAS REUNIONES/);
    expect((await item('DH-2.2.2')).text).toMatch(/^NOMBRAR “PUNTOS FOCALES”/);
  });

  it('has the CRM’s observer organizations as observers, which an assignment to the CRM does not reach', async () => {
    const iom = await json<{ memberOf: { role: string; group: { key: string } }[] }>('/api/v1/actors/iom');
    expect(iom.memberOf.filter((m) => m.group.key === 'crm').map((m) => m.role)).toEqual(['observer']);
    for (const key of ['unhcr', 'eclac', 'iachr', 'unfpa', 'un-sr-migrants', 'sica', 'segib']) {
      const actor = await json<{ memberOf: { role: string; group: { key: string } }[] }>(`/api/v1/actors/${key}`);
      expect(actor.memberOf.find((m) => m.group.key === 'crm')?.role, key).toBe('observer');
    }
    // PGM-1.1's actors include the CRM: its members get it, its observers do not.
    const crmItem = (await itemsOf('crm-plan-de-accion-2006')).find((i) => i.actors.some((a) => a.key === 'crm'));
    expect(crmItem).toBeDefined();
    const viaCrm = await json<{ assignments: { via: { key: string } | null }[] }>('/api/v1/actors/iom');
    expect(viaCrm.assignments.filter((a) => a.via?.key === 'crm')).toEqual([]);
  });

  it('gives the programme’s section headings in English where they are translated, their text as printed', async () => {
    const en = await (await web.get('/programmes/programa-interamericano-2005', { 'accept-language': 'en' })).text();
    expect(en).toContain('<summary>A. Objectives of the Program</summary>');
    expect(en).toContain('<div class="prose" lang="es"><p>El objetivo principal del Programa');
    const es = await page('/programmes/programa-interamericano-2005');
    expect(es).toMatch(/<summary>(<span>)?A. Objetivos del Programa</);
  });

  it('has the actors the 2008 report names that were missing', async () => {
    for (const [key, name] of [
      ['ceam', 'Comisión Especial de Asuntos Migratorios'],
      ['gric', 'Grupo de Revisión de la Implementación de Cumbres'],
      ['summits-jwg', 'Grupo de Trabajo Conjunto de Cumbres'],
      ['idb', 'Banco Interamericano de Desarrollo'],
      ['caricom', 'Comunidad del Caribe'],
      ['ciss', 'Conferencia Interamericana de Seguridad Social'],
    ] as const) {
      expect((await json<{ name: string }>(`/api/v1/actors/${key}`)).name, key).toBe(name);
    }
    expect((await json<{ parent: { key: string } | null }>('/api/v1/actors/ceam')).parent?.key).toBe('oas-pc');
  });
});
