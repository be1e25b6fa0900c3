/**
 * Search, on PGlite and PostgreSQL: stemmed and accent-blind in Spanish,
 * English, Portuguese and French, exact words across languages, phrases,
 * exclusions and typos in titles; facets and filters; and what a caller may
 * not see is never in the results, the counts, the facets or the snippets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { libraryHandlers } from '../../src/modules/library/document.service.ts';
import { appOn, jsonSender } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

type Result = { type: string; id: string; title: string; documentType: string | null; snippet: string; url: string };
type Answer = {
  total: number;
  results: Result[];
  facets: Record<'type' | 'country' | 'language' | 'year', { value: string; count: number }[]>;
};

describe.each(dialects())('search on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: ReturnType<typeof jsonSender>;
  let cast: Cast;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db);
    const add = async (
      name: string,
      text: string,
      fields: Record<string, string>,
      auth: Record<string, string> = cast.secretariat.auth,
    ) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', new Blob([text], { type: 'text/plain' }), `${name}.txt`);
      const res = await web.app.request('/api/v1/documents', { method: 'POST', headers: auth, body: form });
      expect(res.status, name).toBe(201);
      ids[name] = ((await res.json()) as { id: string }).id;
    };
    await add('es', 'Informe sobre la migración laboral en Centroamérica y los derechos de los trabajadores.', {
      title: 'Migración laboral en Centroamérica',
      type: 'study',
      languages: 'es',
      countries: 'gt,sv',
      issuedOn: '2008-03-01',
    });
    await add('en', 'Migrants in transit face detention; consular assistance reaches few of them.', {
      title: 'Migrants in transit',
      type: 'report',
      languages: 'en',
      countries: 'mx',
      issuedOn: '2009-06-01',
    });
    await add('pt', 'Os trabalhadores migrantes no Brasil têm direito à previdência social.', {
      title: 'Trabalhadores migrantes no Brasil',
      type: 'legislation',
      languages: 'pt',
      countries: 'br',
    });
    await add('fr', 'Le statut des étrangers en Haïti et la protection consulaire.', {
      title: 'Le statut des étrangers',
      type: 'legislation',
      languages: 'fr',
      countries: 'ht',
    });
    await add('members', 'Nota reservada sobre la zanahoria migratoria en Guatemala.', {
      title: 'Nota reservada de zanahoria',
      type: 'other',
      languages: 'es',
      countries: 'gt',
      issuedOn: '2011-01-01',
      visibility: 'members',
    });
    await add('secret', 'Borrador interno: la berenjena de la Secretaría.', {
      title: 'Borrador de berenjena',
      type: 'other',
      languages: 'es',
      visibility: 'secretariat',
    });
    await runDueJobs(database.db, libraryHandlers(), { workerId: 'test' });
  });
  afterAll(async () => {
    await database?.close();
  });

  const find = async (query: string, auth: Record<string, string> = {}) => {
    const res = await send<Answer>('GET', `/api/v1/search?${query}`, auth);
    expect(res.status, query).toBe(200);
    return res.body;
  };
  const found = async (query: string, auth?: Record<string, string>) =>
    (await find(query, auth)).results.map((r) => r.id);

  it('finds words whatever their accents, endings and case, in each of the four languages', async () => {
    // Each narrowed to its document's type: the bundled reports' entries speak of workers and migration too.
    const typeOf = { es: 'study', en: 'report', pt: 'legislation', fr: 'legislation' };
    for (const [q, name] of [
      ['migracion', 'es'],
      ['MIGRACIÓN', 'es'],
      ['trabajador', 'es'],
      ['migrant', 'en'],
      ['Migrants', 'en'],
      ['trabalhador', 'pt'],
      ['trabalhadores', 'pt'],
      ['previdencia', 'pt'],
      ['etrangers', 'fr'],
      ['étrangers', 'fr'],
      ['étranger', 'fr'],
      ['haiti', 'fr'],
    ] as const) {
      expect(
        await found(`q=${encodeURIComponent(q)}&type=${typeOf[name]}`),
        `${q} finds the ${name} document`,
      ).toContain(ids[name]);
    }
  });

  it('finds the exact word in a record of another language, and a title spelt wrong', async () => {
    // "consular" is an English word and a French one too: written the same, found in both.
    const consular = await found('q=consular&type=report');
    expect(consular).toContain(ids.en);
    // A word the document's own language passes over (the French article "la") is still found word for word.
    expect(await found('q=la&lang=fr')).toContain(ids.fr);
    expect(await found(`q=${encodeURIComponent('Centroamerica')}&lang=es`)).toContain(ids.es);
    expect(await found(`q=${encodeURIComponent('migración laborl')}`)).toContain(ids.es);
  });

  it('takes quoted phrases and exclusions', async () => {
    expect(await found(`q=${encodeURIComponent('"migración laboral"')}`)).toContain(ids.es);
    expect(await found(`q=${encodeURIComponent('"laboral migración"')}`)).not.toContain(ids.es);
    const transit = await found(`q=${encodeURIComponent('migrants')}`);
    expect(transit).toContain(ids.en);
    expect(await found(`q=${encodeURIComponent('migrants -detention')}`)).not.toContain(ids.en);
  });

  it('ranks, marks the words found, links to each record, and counts facets that add up', async () => {
    const answer = await find(`q=${encodeURIComponent('migración')}`);
    const study = answer.results.find((r) => r.id === ids.es) as Result;
    expect(study).toMatchObject({
      type: 'document',
      title: 'Migración laboral en Centroamérica',
      documentType: 'study',
      url: `/library/documents/${ids.es}?q=migraci%C3%B3n#found`,
    });
    expect(study.snippet).toMatch(/<mark>migración<\/mark>/i);
    // The link leads to the words in the document's text, marked.
    const document = await (await web.get(study.url.replace('#found', ''))).text();
    expect(document).toContain('id="found"');
    expect(document).toContain('<a href="#page-1">');
    expect(document).toContain('Informe sobre la <mark>migración</mark> laboral');
    // Found by its title only: the reader is told the words are not in the text.
    const byTitle = await (await web.get(`/library/documents/${ids.es}?q=Centroamerica+laborl`)).text();
    expect(byTitle).toContain('Estas palabras no están en el texto del documento');
    // Programme items are found too, with their own pages.
    const item = answer.results.find((r) => r.type === 'item');
    expect(item?.url).toMatch(/^\/items\/[0-9a-f-]{36}$/);
    const typeTotal = answer.facets.type.reduce((n, f) => n + f.count, 0);
    expect(typeTotal).toBe(answer.total);
    expect(answer.facets.country).toEqual(expect.arrayContaining([{ value: 'gt', count: 1 }]));
    // A filter narrows to what its facet counted.
    const inGuatemala = await find(`q=${encodeURIComponent('migración')}&country=GT`);
    expect(inGuatemala.results.filter((r) => r.type === 'document').map((r) => r.id)).toEqual([ids.es]);
    expect(inGuatemala.total).toBe(answer.facets.country.find((f) => f.value === 'gt')?.count);
    const items = await find(`q=${encodeURIComponent('migración')}&type=item`);
    expect(items.total).toBe(answer.facets.type.find((f) => f.value === 'item')?.count);
    expect(items.results.every((r) => r.type === 'item')).toBe(true);
    const in2008 = await find(`q=${encodeURIComponent('migración')}&year=2008`);
    expect(in2008.results.filter((r) => r.type === 'document').map((r) => r.id)).toEqual([ids.es]);
    expect(in2008.total).toBe(answer.facets.year.find((f) => f.value === '2008')?.count);
  });

  it('never shows a caller what it may not see: not in results, counts, facets or snippets', async () => {
    const asAnonymous = await find('q=zanahoria');
    expect(asAnonymous).toMatchObject({ total: 0, results: [] });
    expect(asAnonymous.facets).toEqual({ type: [], country: [], language: [], year: [] });
    const guatemala = await find(`q=${encodeURIComponent('migratoria')}&country=gt`);
    expect(guatemala.results.map((r) => r.id)).not.toContain(ids.members);
    expect(JSON.stringify(await find('q=migratoria'))).not.toContain('zanahoria');
    expect((await find('q=zanahoria', cast.member.auth)).results.map((r) => r.id)).toEqual([ids.members]);
    expect((await find('q=berenjena', cast.member.auth)).total).toBe(0);
    expect((await find('q=berenjena', cast.focalPoint.auth)).total).toBe(0);
    expect((await find('q=berenjena', cast.secretariat.auth)).results.map((r) => r.id)).toEqual([ids.secret]);
    const page = await (await web.get('/search?q=zanahoria')).text();
    expect(page).not.toContain('zanahoria migratoria');
    expect(page).toContain('Ningún resultado');
  });

  it('refuses an empty or unknown query by name, and offers the box on every page', async () => {
    const empty = await send<{ errors: { field: string }[] }>('GET', '/api/v1/search?q=%20');
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e) => e.field)).toEqual(['q']);
    expect((await send('GET', '/api/v1/search?q=x&type=poem')).status).toBe(400);
    // Words of nothing but punctuation or wildcards find nothing, and say so.
    for (const odd of ['"%"', '%', '_', '\\', '-', '"', '!!', '%migra_', '(', '<->', ':*', "'", '&|!']) {
      const answer = await find(`q=${encodeURIComponent(odd)}`);
      expect(
        answer.results.filter((r) => r.title.includes('zanahoria')),
        odd,
      ).toEqual([]);
      expect((await web.get(`/search?q=${encodeURIComponent(odd)}`)).status, odd).toBe(200);
    }
    for (const path of ['/', '/library', '/actors/mx']) {
      expect(await (await web.get(path)).text(), path).toContain(
        '<form class="site-search" method="get" action="/search" role="search"',
      );
    }
    const html = await (await web.get(`/search?q=${encodeURIComponent('trabalhador')}`)).text();
    expect(html).toContain(`href="/library/documents/${ids.pt}?q=trabalhador#found"`);
    expect(html).toContain('<mark>');
    expect(await (await web.get('/search')).text()).toContain('id="search-q"');
    // Here ?lang= picks the records' language, not the page's: a Spanish reader filtering English records reads Spanish.
    const english = await (await web.get('/search?q=migrants&lang=en', { 'accept-language': 'es' })).text();
    expect(english).toContain('<html lang="es"');
    expect(english).toContain(`href="/library/documents/${ids.en}?q=migrants#found"`);
    expect(english).not.toContain(`href="/library/documents/${ids.es}?`);
  });
});
