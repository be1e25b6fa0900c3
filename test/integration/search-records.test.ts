/**
 * Search over the records besides documents, on PGlite and PostgreSQL: best
 * practices, laws, meetings, their agreements and published reports'
 * entries are found with links to where they are read, and each is seen
 * only by whom it is for — in the results, the total, the facets and the
 * snippets alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { getReport } from '../../src/modules/reporting/report.service.ts';
import { appOn, jsonSender } from '../support/app.ts';
import { bringReportTo, openedCycle, publishCycle, writeReport } from '../support/cycles.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

type Answer = {
  total: number;
  results: { type: string; id: string; title: string; snippet: string; url: string }[];
  facets: Record<'type' | 'country' | 'language' | 'year', { value: string; count: number }[]>;
};
type Role = 'anonymous' | 'member' | 'focalPoint' | 'otherFocalPoint' | 'secretariat';
const ROLES: Role[] = ['anonymous', 'member', 'focalPoint', 'otherFocalPoint', 'secretariat'];

describe.each(dialects())('search over best practices, laws, meetings and reports on $name', (dialect) => {
  let database: Database;
  let send: ReturnType<typeof jsonSender>;
  let cast: Cast;
  let web: ReturnType<typeof appOn>;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const authOf = (role: Role) => (role === 'anonymous' ? {} : cast[role].auth);
  const find = async (q: string, role: Role, filters = '') => {
    const res = await send<Answer>('GET', `/api/v1/search?q=${encodeURIComponent(q)}${filters}`, authOf(role));
    expect(res.status, q).toBe(200);
    return res.body;
  };
  /** Who finds a word, by role: the whole answer is searched for it, so a count or a snippet would show too. */
  const whoFinds = async (word: string) => {
    const seen: Role[] = [];
    for (const role of ROLES) {
      const answer = await find(word, role);
      if (answer.total > 0) seen.push(role);
      else {
        expect(answer.facets, `${role}: ${word}`).toEqual({ type: [], country: [], language: [], year: [] });
        expect(JSON.stringify(answer).toLowerCase()).not.toContain(word);
      }
    }
    return seen;
  };
  const created = async (path: string, role: Role, body: object) => {
    const res = await send<{ id: string }>('POST', path, authOf(role), body);
    expect(res.status, path).toBe(201);
    return res.body.id;
  };

  it('finds a best practice where it is read, and a proposal only by its state’s focal point and the secretariat', async () => {
    const practice = {
      actor: 'mx',
      summary: 'Módulos de atención en los puntos de repatriación.',
      done: 'Se abrieron ventanillas con intérpretes de lenguas indígenas.',
      results: 'Miles de personas atendidas.',
    };
    const published = await created('/api/v1/best-practices', 'secretariat', {
      ...practice,
      title: 'Ventanilla del tamarindo para personas retornadas',
    });
    await created('/api/v1/best-practices', 'focalPoint', { ...practice, title: 'Propuesta del guayabo' });
    await created('/api/v1/best-practices', 'secretariat', {
      ...practice,
      title: 'Práctica del membrillo',
      visibility: 'members',
    });

    const answer = await find('tamarindos', 'anonymous');
    expect(answer.results).toEqual([
      expect.objectContaining({
        type: 'best_practice',
        id: published,
        title: 'Ventanilla del tamarindo para personas retornadas',
        url: `/library/best-practices/${published}`,
      }),
    ]);
    expect(answer.facets.type).toEqual([{ value: 'best_practice', count: 1 }]);
    expect(answer.facets.country).toEqual([{ value: 'mx', count: 1 }]);
    // A word of what was done is found and marked.
    const indigenous = await find('indigena', 'anonymous', '&type=best_practice&country=mx');
    expect(indigenous.results[0]?.snippet).toContain('<mark>indígenas</mark>');

    expect(await whoFinds('guayabo')).toEqual(['focalPoint', 'secretariat']);
    expect(await whoFinds('membrillo')).toEqual(['member', 'focalPoint', 'otherFocalPoint', 'secretariat']);
  });

  it('finds a law by its title and number, narrowed by country, and keeps a proposed act from visitors', async () => {
    const law = {
      country: 'GT',
      title: 'Ley de protección del jacarandá migrante',
      kind: 'law',
      number: 'Decreto 44-2016',
      adoptedOn: '2016-10-12',
      topics: ['residence'],
    };
    const id = await created('/api/v1/legislation', 'secretariat', law);
    await created('/api/v1/legislation', 'focalPoint', {
      ...law,
      country: 'MX',
      title: 'Reglamento del ahuehuete',
      number: 'DOF 2017',
    });
    const byTitle = await find('jacaranda', 'anonymous');
    expect(byTitle.results.map((r) => [r.type, r.id, r.url])).toEqual([
      ['legislation', id, `/library/legislation/${id}`],
    ]);
    expect(byTitle.facets.year).toEqual([{ value: '2016', count: 1 }]);
    expect((await find('"44-2016"', 'anonymous')).results.map((r) => r.id)).toEqual([id]);
    expect((await find('jacaranda', 'anonymous', '&country=gt&type=legislation')).total).toBe(1);
    expect((await find('jacaranda', 'anonymous', '&country=mx')).total).toBe(0);
    expect((await find('jacaranda', 'anonymous', '&type=meeting')).total).toBe(0);
    expect(await whoFinds('ahuehuete')).toEqual(['focalPoint', 'secretariat']);
  });

  it('finds a meeting and its agreement; a members-only meeting’s only by members', async () => {
    const meeting = (title: string, visibility: string) => ({
      body: 'cam',
      kind: 'expert_meeting',
      title,
      description: 'Intercambio de experiencias consulares.',
      startsAt: '2027-05-04',
      endsAt: '2027-05-05',
      visibility,
    });
    const open = await created('/api/v1/meetings', 'secretariat', meeting('Taller del cacao migrante', 'public'));
    const agreement = await created(`/api/v1/meetings/${open}/agreements`, 'secretariat', {
      text: 'Compartir los protocolos de la vainilla entre consulados',
      ownerActorIds: ['mx'],
    });
    const closed = await created('/api/v1/meetings', 'secretariat', meeting('Reunión del cardamomo', 'members'));
    await created(`/api/v1/meetings/${closed}/agreements`, 'secretariat', {
      text: 'Estudiar la nuez moscada',
      ownerActorIds: ['gt'],
    });

    const taller = await find('cacao', 'anonymous');
    expect(taller.results.map((r) => [r.type, r.url])).toEqual([['meeting', `/meetings/${open}`]]);
    const vainilla = await find('vainillas', 'anonymous');
    expect(vainilla.results).toEqual([
      expect.objectContaining({
        type: 'agreement',
        id: agreement,
        title: 'Taller del cacao migrante',
        url: `/meetings/${open}#agreement-${agreement}`,
      }),
    ]);
    expect(vainilla.results[0]?.snippet).toContain('<mark>vainilla</mark>');
    expect(await whoFinds('cardamomo')).toEqual(['member', 'focalPoint', 'otherFocalPoint', 'secretariat']);
    expect(await whoFinds('moscada')).toEqual(['member', 'focalPoint', 'otherFocalPoint', 'secretariat']);
  });

  it('finds a report’s entries once its cycle is published, in the report, without its markup', async () => {
    const people = {
      focalPoint: cast.focalPoint.principal,
      validator: cast.validator.principal,
      secretariat: cast.secretariat.principal,
    };
    const cycle = await openedCycle(database.db, cast.secretariat.principal, '2033');
    const report = cycle.reportOf('mx');
    const first = (await getReport(database.db, report, cast.focalPoint.principal)).entries[0]?.item?.code as string;
    await writeReport(database.db, report, cast.focalPoint.principal, {
      entries: {
        [first]: {
          status: 'in_progress',
          carriedOut: '<p>Se capacitó a <strong>300</strong> cónsules en el protocolo del mamey &amp; la guayaba.</p>',
        },
      },
    });
    await bringReportTo(database.db, report, 'accepted', people);
    // Accepted but not yet published: the consolidated report is still the secretariat’s draft.
    expect(await whoFinds('mamey')).toEqual([]);

    await publishCycle(database.db, cycle.id, cast.secretariat.principal);
    const answer = await find('mameyes', 'anonymous');
    expect(answer.results).toHaveLength(1);
    const [entry] = answer.results;
    expect(entry?.type).toBe('report_entry');
    expect(entry?.url).toMatch(new RegExp(`^/reports/${report}#entry-[0-9a-f-]{36}$`));
    expect(entry?.title).toContain('(2033)');
    expect(entry?.snippet).toContain('<mark>mamey</mark> &amp; la guayaba');
    expect(entry?.snippet).not.toMatch(/&lt;|<p>|<strong>/);
    expect(answer.facets).toMatchObject({
      type: [{ value: 'report_entry', count: 1 }],
      country: [{ value: 'mx', count: 1 }],
      year: [{ value: '2033', count: 1 }],
    });
    expect(await whoFinds('mamey')).toEqual(ROLES);
    const page = await (await web.get(`/search?q=mamey&type=report_entry`)).text();
    expect(page).toContain(`href="/reports/${report}#entry-`);
    expect(page).toContain('Informe publicado');
  });
});
