/**
 * The library's best practices and legislation, on PGlite and PostgreSQL: the
 * secretariat publishes what it enters, a focal point proposes for its own
 * state only and nobody else sees the proposal until it is published; an
 * accepted report's best practices are offered as a candidate; bad fields
 * are named with nothing written; the comparative legal matrix is filtered
 * and downloaded as .xlsx (LibreOffice opens it) and .csv.
 */
import { count } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { bestPractices, legislation } from '../../src/db/schema/index.ts';
import { appOn, jsonSender, postForm, signIn } from '../support/app.ts';
import { bringReportTo, openedCycle, writeReport } from '../support/cycles.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';
import { documentText, libreOfficeAvailable } from '../support/libreoffice.ts';

const office = libreOfficeAvailable();

describe.each(dialects())('best practices and legislation on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: ReturnType<typeof jsonSender>;
  let cast: Cast;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const actCount = async () => (await database.db.select({ n: count() }).from(legislation))[0]?.n ?? 0;
  const titles = (body: { legislation: { title: string }[] }) => body.legislation.map((a) => a.title);
  const guatemalaLaw = {
    country: 'GT',
    title: 'Ley contra la Violencia Sexual, Explotación y Trata de Personas',
    kind: 'law',
    number: 'Decreto 9-2009',
    adoptedOn: '2009-02-18',
    topics: ['trafficking', 'smuggling'],
    url: 'https://www.congreso.gob.gt/decreto-9-2009',
  };

  it('publishes the secretariat’s act for everyone, and finds it by country and topic', async () => {
    const added = await send('POST', '/api/v1/legislation', cast.secretariat.auth, guatemalaLaw);
    expect(added.status).toBe(201);
    const act = await send('GET', `/api/v1/legislation/${added.body.id}`);
    expect(act.body).toMatchObject({
      title: guatemalaLaw.title,
      state: 'published',
      country: { key: 'gt' },
      kind: 'law',
      number: 'Decreto 9-2009',
      adoptedOn: '2009-02-18',
      status: 'in_force',
      amendedBy: null,
    });
    expect(act.body.topics.map((t: { name: string }) => t.name)).toEqual([
      'Trata de personas',
      'Tráfico ilícito de migrantes',
    ]);
    expect(titles((await send('GET', '/api/v1/legislation?country=gt')).body)).toContain(guatemalaLaw.title);
    expect(titles((await send('GET', '/api/v1/legislation?country=mx')).body)).not.toContain(guatemalaLaw.title);
    expect(titles((await send('GET', '/api/v1/legislation?topic=children')).body)).not.toContain(guatemalaLaw.title);
    const page = await (await web.get(`/library/legislation/${added.body.id}`)).text();
    expect(page).toContain('Decreto 9-2009');
    expect(page).toContain('Vigente');
    // The audit trail names the act and links to it.
    const audit = await (await web.get('/admin/audit', cast.secretariat.auth)).text();
    expect(audit).toContain(
      `registró la norma <a href="/library/legislation/${added.body.id}">«Decreto 9-2009 — Ley contra la Violencia Sexual`,
    );
  });

  it('keeps a focal point’s proposal to its state and the secretariat until it is published', async () => {
    const law = {
      country: 'mx',
      title: 'Ley de Migración',
      kind: 'law',
      adoptedOn: '2011-05-25',
      topics: ['entry_stay'],
    };
    const proposed = await send('POST', '/api/v1/legislation', cast.focalPoint.auth, law);
    expect(proposed.status).toBe(201);
    const id = proposed.body.id as string;
    expect((await send('GET', `/api/v1/legislation/${id}`, cast.focalPoint.auth)).body.state).toBe('proposed');
    expect((await send('GET', `/api/v1/legislation/${id}`)).status).toBe(404);
    expect((await send('GET', `/api/v1/legislation/${id}`, cast.otherFocalPoint.auth)).status).toBe(403);
    expect((await send('GET', `/api/v1/legislation/${id}`, cast.member.auth)).status).toBe(403);
    expect(titles((await send('GET', '/api/v1/legislation?country=mx')).body)).not.toContain('Ley de Migración');
    expect(titles((await send('GET', '/api/v1/legislation?country=mx', cast.focalPoint.auth)).body)).toContain(
      'Ley de Migración',
    );
    const matrix = await send('GET', '/api/v1/legislation/matrix?country=mx', cast.secretariat.auth);
    expect(matrix.body.countries).toEqual([]);

    // Only the secretariat publishes; then everyone sees it.
    expect((await send('POST', `/api/v1/legislation/${id}/publish`, cast.focalPoint.auth)).status).toBe(403);
    expect((await send('POST', `/api/v1/legislation/${id}/publish`, cast.secretariat.auth)).status).toBe(204);
    expect((await send('POST', `/api/v1/legislation/${id}/publish`, cast.secretariat.auth)).status).toBe(409);
    expect((await send('GET', `/api/v1/legislation/${id}`)).body.state).toBe('published');
    // Once published it is the secretariat's to change.
    const change = await send('PUT', `/api/v1/legislation/${id}`, cast.focalPoint.auth, { ...law, number: '1' });
    expect(change.status).toBe(403);
  });

  it('refuses a focal point’s act of another state, naming the country, with nothing written', async () => {
    const before = await actCount();
    const res = await send(
      'POST',
      '/api/v1/legislation',
      { ...cast.focalPoint.auth, 'accept-language': 'es' },
      {
        ...guatemalaLaw,
        title: 'Otra ley',
      },
    );
    expect(res.status).toBe(403);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'country' })]);
    expect(await actCount()).toBe(before);
  });

  it('names a wrong field in the caller’s language: an amended act without its amending act, an unknown topic', async () => {
    const before = await actCount();
    const amended = await send(
      'POST',
      '/api/v1/legislation',
      { ...cast.secretariat.auth, 'accept-language': 'es' },
      {
        ...guatemalaLaw,
        status: 'amended',
      },
    );
    expect(amended.status).toBe(400);
    expect(amended.body.errors).toEqual([
      expect.objectContaining({ field: 'amendedBy', message: expect.stringContaining('la norma que la modificó') }),
    ]);
    const topic = await send(
      'POST',
      '/api/v1/legislation',
      { ...cast.secretariat.auth, 'accept-language': 'en' },
      {
        ...guatemalaLaw,
        topics: ['trafficking', 'piracy'],
      },
    );
    expect(topic.status).toBe(400);
    expect(topic.body.errors).toEqual([
      expect.objectContaining({ field: 'topics.1', message: expect.stringContaining('topic that does not exist') }),
    ]);
    expect(await actCount()).toBe(before);
  });

  it('shows amended and repealed acts in the matrix only when all are asked for', async () => {
    const repealed = await send('POST', '/api/v1/legislation', cast.secretariat.auth, {
      country: 'gt',
      title: 'Ley de Migración y Extranjería',
      kind: 'decree',
      number: 'Decreto 95-98',
      adoptedOn: '1998-11-26',
      status: 'repealed',
      amendedBy: 'Código de Migración, Decreto 44-2016',
      topics: ['entry_stay', 'trafficking'],
    });
    expect(repealed.status).toBe(201);
    const inForce = await send('GET', '/api/v1/legislation/matrix?country=gt&topic=trafficking');
    expect(inForce.body.topics.map((t: { key: string }) => t.key)).toEqual(['trafficking']);
    const cell = inForce.body.countries[0].cells.trafficking.map((a: { title: string }) => a.title);
    expect(cell).toEqual([guatemalaLaw.title]);
    const all = await send('GET', '/api/v1/legislation/matrix?country=gt&topic=trafficking&status=all');
    expect(all.body.countries[0].cells.trafficking.map((a: { title: string }) => a.title)).toEqual([
      'Ley de Migración y Extranjería',
      guatemalaLaw.title,
    ]);
    expect(all.body.updatedAt).not.toBeNull();
  });

  it('downloads the matrix as a dated workbook with each act in its cell, and as CSV', async () => {
    const xlsx = await web.get('/api/v1/legislation/matrix.xlsx?status=all', { 'accept-language': 'es' });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toMatch(/matriz-legislacion-\d{4}-\d{2}-\d{2}\.xlsx/);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Matriz');
    expect(sheet?.getCell('A1').value).toBe('Matriz comparativa de legislación');
    expect(String(sheet?.getCell('A2').value)).toMatch(/^Actualizada al \d/);
    const header = sheet?.getRow(5).values as string[];
    expect(header).toEqual(expect.arrayContaining(['País', 'Trata de personas', 'Ingreso y permanencia']));
    const guatemala = sheet?.getRow(6).values as string[];
    expect(guatemala[1]).toBe('Guatemala');
    const trafficking = guatemala[header.indexOf('Trata de personas')];
    expect(trafficking).toContain(
      'Decreto 9-2009 — Ley contra la Violencia Sexual, Explotación y Trata de Personas (2009)',
    );
    expect(trafficking).toContain('[Derogada: Código de Migración, Decreto 44-2016]');
    expect(book.getWorksheet('Normas')?.rowCount).toBeGreaterThanOrEqual(6);

    const csv = await web.get('/library/legislation/matrix.csv', { 'accept-language': 'en' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('Country,Entry and stay,Residence');
    expect(text).toContain('Guatemala');
    expect(text).not.toContain('Decreto 95-98');
  });

  it.runIf(office)('opens the matrix workbook in LibreOffice with the acts readable', async () => {
    const xlsx = await web.get('/api/v1/legislation/matrix.xlsx', { 'accept-language': 'en' });
    const text = await documentText(new Uint8Array(await xlsx.arrayBuffer()), 'xlsx');
    expect(text).toContain('Comparative legal matrix');
    expect(text).toContain('Guatemala');
    expect(text).toContain('Decreto 9-2009');
  });

  it('lets the secretariat add and rename topics, and no one else', async () => {
    const topic = {
      key: 'climate_displacement',
      name: { es: 'Desplazamiento por el clima', en: 'Climate displacement' },
    };
    expect((await send('POST', '/api/v1/legislation/topics', cast.focalPoint.auth, topic)).status).toBe(403);
    expect((await send('POST', '/api/v1/legislation/topics', cast.secretariat.auth, topic)).status).toBe(204);
    const renamed = { key: 'climate_displacement', name: { en: 'Displacement by climate change' } };
    expect((await send('POST', '/api/v1/legislation/topics', cast.secretariat.auth, renamed)).status).toBe(204);
    const topics = await send('GET', '/api/v1/legislation/topics', { 'accept-language': 'en' });
    const added = topics.body.topics.find((t: { key: string }) => t.key === 'climate_displacement');
    expect(added).toEqual({
      key: 'climate_displacement',
      name: 'Displacement by climate change',
      names: { es: 'Desplazamiento por el clima', en: 'Displacement by climate change' },
    });
    expect(topics.body.topics.at(-1).key).toBe('climate_displacement');
  });

  it('publishes the secretariat’s best practice, and keeps a focal point’s proposal from visitors', async () => {
    const practice = {
      title: 'Ventanilla única para personas migrantes retornadas',
      actor: 'mx',
      summary: 'Atención integral en los puntos de repatriación.',
      done: 'Se abrieron módulos en 11 puntos de repatriación.',
      results: '48 000 personas atendidas en el primer año.',
      periodStart: '2007-01-01',
      periodEnd: '2008-12-31',
    };
    const proposed = await send('POST', '/api/v1/best-practices', cast.focalPoint.auth, practice);
    expect(proposed.status).toBe(201);
    const id = proposed.body.id as string;
    expect((await send('GET', `/api/v1/best-practices/${id}`)).status).toBe(404);
    const list = await send('GET', '/api/v1/best-practices?actor=mx');
    expect(list.body.bestPractices.map((p: { id: string }) => p.id)).not.toContain(id);
    const own = await send('GET', '/api/v1/best-practices?actor=mx', cast.focalPoint.auth);
    expect(own.body.bestPractices.map((p: { id: string }) => p.id)).toContain(id);
    // A focal point changes its own proposal until it is published.
    expect(
      (await send('PUT', `/api/v1/best-practices/${id}`, cast.focalPoint.auth, { ...practice, results: 'Más.' }))
        .status,
    ).toBe(204);
    expect((await send('POST', `/api/v1/best-practices/${id}/publish`, cast.secretariat.auth)).status).toBe(204);
    const audit = await (await web.get('/admin/audit', cast.secretariat.auth)).text();
    expect(audit).toContain(`publicó la buena práctica <a href="/library/best-practices/${id}">«${practice.title}»`);
    const shown = await send('GET', `/api/v1/best-practices/${id}`);
    expect(shown.body).toMatchObject({
      title: practice.title,
      state: 'published',
      actor: { key: 'mx' },
      done: practice.done,
      results: 'Más.',
      periodStart: '2007-01-01',
      source: 'direct',
    });
    const page = await (await web.get(`/library/best-practices/${id}`)).text();
    expect(page).toContain('Se abrieron módulos en 11 puntos de repatriación.');
    expect(page).toContain('Qué se hizo');
  });

  it('refuses a period that ends before it starts, naming the field as the form labels it', async () => {
    const before = (await database.db.select({ n: count() }).from(bestPractices))[0]?.n ?? 0;
    const session = await signIn(web.app, cast.secretariat.email);
    const res = await postForm(
      web.app,
      '/library/best-practices',
      { title: 'Retorno asistido', actor: 'ca', periodStart: '2008-05-01', periodEnd: '2007-01-01' },
      session,
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Fin del periodo');
    expect(page).toContain('value="Retorno asistido"');
    expect((await database.db.select({ n: count() }).from(bestPractices))[0]?.n ?? 0).toBe(before);
  });

  it('offers an accepted report’s best practices to the secretariat as a candidate to confirm', async () => {
    const people = {
      focalPoint: cast.focalPoint.principal,
      validator: cast.validator.principal,
      secretariat: cast.secretariat.principal,
    };
    const cycle = await openedCycle(database.db, cast.secretariat.principal, '2031');
    const report = cycle.reportOf('mx');
    await writeReport(database.db, report, cast.focalPoint.principal, {
      bestPractices: '<p>Programa Paisano de acompañamiento en el retorno</p><p>Brigadas en las fronteras.</p>',
    });
    await bringReportTo(database.db, report, 'accepted', people);
    const candidates = await send('GET', '/api/v1/best-practices?actor=mx', cast.secretariat.auth);
    const candidate = candidates.body.bestPractices.find(
      (p: { state: string; title: string }) => p.state === 'candidate' && p.title.startsWith('Programa Paisano'),
    );
    expect(candidate).toMatchObject({ source: 'report', actor: { key: 'mx' } });
    // Not before the secretariat confirms it: not even the focal point's.
    expect((await send('GET', `/api/v1/best-practices/${candidate.id}`, cast.focalPoint.auth)).status).toBe(403);
    const detail = await send('GET', `/api/v1/best-practices/${candidate.id}`, cast.secretariat.auth);
    expect(detail.body.done).toBe('Programa Paisano de acompañamiento en el retorno\n\nBrigadas en las fronteras.');
    expect(detail.body.report).toMatchObject({ period: '2031' });
    const session = await signIn(web.app, cast.secretariat.email);
    const page = await (await web.get(`/library/best-practices/${candidate.id}`, { cookie: session.cookie })).text();
    expect(page).toContain('Confirmar y publicar');
    const confirmed = await postForm(web.app, `/library/best-practices/${candidate.id}/publish`, {}, session);
    expect(confirmed.status).toBe(303);
    expect((await send('GET', `/api/v1/best-practices/${candidate.id}`)).body.state).toBe('published');
  });
});
