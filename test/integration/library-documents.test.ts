/**
 * The library's documents, on PGlite and PostgreSQL: a file is added with its
 * description, its text extracted by the background job (a scan has none), a
 * link added as JSON; each is seen only by whom its visibility allows; bad
 * fields are refused by name with nothing written; the pages list, show and
 * add documents.
 */
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { documents } from '../../src/db/schema/index.ts';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { libraryHandlers } from '../../src/modules/library/document.service.ts';
import { appOn, jsonSender, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { scannedPdf, textPdf, wordDocument } from '../support/documents/library-files.ts';
import { buildCast, type Cast } from '../support/factories.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe.each(dialects())('library documents on $name', (dialect) => {
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

  const upload = (
    auth: Record<string, string>,
    file: { name: string; type: string; bytes: Uint8Array },
    fields: Record<string, string>,
  ) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
    return web.app.request('/api/v1/documents', { method: 'POST', headers: auth, body: form });
  };
  const runJobs = () => runDueJobs(database.db, libraryHandlers(), { workerId: 'test' });
  const documentCount = async () => (await database.db.select({ n: count() }).from(documents))[0]?.n ?? 0;

  it('holds the source documents from the start, public, with their text, linked to who wrote them', async () => {
    const list = await send('GET', '/api/v1/documents');
    const titles = (list.body.documents as { title: string }[]).map((d) => d.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Plan de Acción de la Conferencia Regional sobre Migración (CRM)',
        'Plan de trabajo de la Vicepresidencia de la Comisión de Asuntos Migratorios, periodo 2018–2019',
      ]),
    );
    const crm = (list.body.documents as { id: string; title: string }[]).find((d) =>
      d.title.startsWith('Plan de Acción'),
    );
    const detail = await send('GET', `/api/v1/documents/${crm?.id}`, { 'accept-language': 'en' });
    expect(detail.body).toMatchObject({
      title: 'Plan of Action of the Regional Conference on Migration (RCM)',
      type: 'plan',
      issuedOn: '2006-11-29',
      visibility: 'public',
      textStatus: 'extracted',
      file: { name: 'crm-plan-de-accion-2006.txt', contentType: 'text/plain' },
    });
    expect(detail.body.actors.map((a: { key: string }) => a.key).sort()).toEqual(['crm', 'grcm']);
    const file = await (await web.get(`/api/v1/documents/${crm?.id}/file`)).text();
    expect(file).toContain('Actualizado por el Grupo Regional de Consulta sobre Migración');
    expect(await (await web.get(`/library/documents/${crm?.id}`)).text()).toContain(
      'NOMBRAR “PUNTOS FOCALES” DE COORDINACIÓN',
    );
  });

  it('adds a PDF, says its text is pending, and after the job has each page’s text and the same file', async () => {
    const pdf = await textPdf(['Protección consular de los trabajadores migratorios', 'Segunda página del estudio']);
    const res = await upload(
      cast.secretariat.auth,
      { name: 'estudio.pdf', type: 'application/pdf', bytes: pdf },
      {
        title: 'Estudio sobre protección consular',
        summary: 'Un estudio comparado.',
        type: 'study',
        languages: 'es,en',
        countries: 'MX,gt',
        issuedOn: '2008-05-01',
      },
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const before = await send('GET', `/api/v1/documents/${id}`);
    expect(before.body).toMatchObject({
      title: 'Estudio sobre protección consular',
      summary: 'Un estudio comparado.',
      type: 'study',
      languages: ['es', 'en'],
      issuedOn: '2008-05-01',
      visibility: 'public',
      textStatus: 'pending',
      file: { name: 'estudio.pdf', contentType: 'application/pdf', size: pdf.length },
    });
    expect(before.body.countries.map((c: { key: string }) => c.key).sort()).toEqual(['gt', 'mx']);
    expect(await runJobs()).toBeGreaterThanOrEqual(1);
    const after = await send('GET', `/api/v1/documents/${id}`);
    expect(after.body.textStatus).toBe('extracted');
    expect(after.body.pageCount).toBe(2);
    const file = await web.get(`/api/v1/documents/${id}/file`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf);
    const page = await (await web.get(`/library/documents/${id}`)).text();
    expect(page).toContain('Protección consular de los trabajadores migratorios');
    expect(page).toContain('id="page-2"');
    expect(page).toContain('Texto extraído');
    const audit = await (await web.get('/admin/audit', cast.secretariat.auth)).text();
    expect(audit).toContain('agregó a la biblioteca el documento');
    expect(audit).toContain(`href="/library/documents/${id}"`);
  });

  it('marks a scanned PDF as having no text, and reads a Word document', async () => {
    const scan = await upload(
      cast.secretariat.auth,
      { name: 'acta.pdf', type: 'application/pdf', bytes: await scannedPdf() },
      {
        title: 'Acta escaneada',
        type: 'minutes',
        languages: 'es',
      },
    );
    const word = await upload(
      cast.secretariat.auth,
      { name: 'guide.docx', type: DOCX, bytes: await wordDocument(['Guide des droits des travailleurs étrangers']) },
      { type: 'manual', languages: 'fr' },
    );
    expect([scan.status, word.status]).toEqual([201, 201]);
    await runJobs();
    const scanned = await send('GET', `/api/v1/documents/${((await scan.json()) as { id: string }).id}`);
    expect(scanned.body).toMatchObject({ textStatus: 'no_text', pageCount: 0 });
    const wordId = ((await word.json()) as { id: string }).id;
    const guide = await send('GET', `/api/v1/documents/${wordId}`);
    // No title given: the file's name is the title.
    expect(guide.body).toMatchObject({ title: 'guide.docx', textStatus: 'extracted', pageCount: 1 });
    expect(await (await web.get(`/library/documents/${wordId}`)).text()).toContain('travailleurs étrangers');
    const scanPage = await (await web.get(`/library/documents/${scanned.body.id}`)).text();
    expect(scanPage).toContain('no tiene texto que extraer');
  });

  it('adds a link as JSON, without text, and shows it to those its visibility allows only', async () => {
    const link = await send('POST', '/api/v1/documents', cast.secretariat.auth, {
      title: { es: 'Matriz jurídica comparada', en: 'Comparative legal matrix' },
      type: 'legislation',
      languages: ['es'],
      visibility: 'members',
      url: 'https://example.org/matriz',
    });
    expect(link.status).toBe(201);
    const id = link.body.id as string;
    const secret = await send('POST', '/api/v1/documents', cast.secretariat.auth, {
      title: 'Nota interna',
      type: 'other',
      languages: ['es'],
      visibility: 'secretariat',
      url: 'https://example.org/nota',
    });
    expect(await send('GET', `/api/v1/documents/${id}`)).toMatchObject({ status: 404 });
    expect((await send('GET', `/api/v1/documents/${id}`, cast.member.auth)).body).toMatchObject({
      title: 'Matriz jurídica comparada',
      textStatus: 'no_text',
      url: 'https://example.org/matriz',
      file: null,
    });
    expect(
      (await send('GET', `/api/v1/documents/${id}`, { ...cast.member.auth, 'accept-language': 'en' })).body.title,
    ).toBe('Comparative legal matrix');
    expect((await send('GET', `/api/v1/documents/${secret.body.id}`, cast.member.auth)).status).toBe(403);
    expect((await send('GET', `/api/v1/documents/${secret.body.id}`, cast.secretariat.auth)).status).toBe(200);
    const ids = async (auth: Record<string, string>) =>
      ((await send('GET', '/api/v1/documents', auth)).body.documents as { id: string }[]).map((d) => d.id);
    expect(await ids({})).not.toContain(id);
    expect(await ids(cast.member.auth)).toContain(id);
    expect(await ids(cast.member.auth)).not.toContain(secret.body.id);
    expect(await ids(cast.secretariat.auth)).toEqual(expect.arrayContaining([id, secret.body.id]));
    expect(await (await web.get('/library')).text()).not.toContain('Matriz jurídica comparada');
  });

  it('lets a focal point add documents about its own country only', async () => {
    const about = (countries: string[]) => ({
      title: 'Ley de Migración',
      type: 'legislation',
      languages: ['es'],
      countries,
      url: 'https://example.org/ley',
    });
    expect((await send('POST', '/api/v1/documents', cast.focalPoint.auth, about(['MX']))).status).toBe(201);
    const before = await documentCount();
    expect((await send('POST', '/api/v1/documents', cast.focalPoint.auth, about(['GT']))).status).toBe(403);
    expect((await send('POST', '/api/v1/documents', cast.focalPoint.auth, about([]))).status).toBe(403);
    expect((await send('POST', '/api/v1/documents', cast.validator.auth, about(['MX']))).status).toBe(403);
    expect(await documentCount()).toBe(before);
  });

  it('refuses bad fields by name, in the caller’s language, writing nothing', async () => {
    const before = await documentCount();
    const unknownCountry = await send('POST', '/api/v1/documents', cast.secretariat.auth, {
      title: 'Ley',
      type: 'legislation',
      languages: ['es'],
      countries: ['MX', 'ZZ'],
      url: 'https://example.org/ley',
    });
    expect(unknownCountry.status).toBe(400);
    expect(unknownCountry.body.errors).toEqual([
      expect.objectContaining({ field: 'countries.1', message: expect.stringContaining('no es un Estado miembro') }),
    ]);
    const badType = await send(
      'POST',
      '/api/v1/documents',
      { ...cast.secretariat.auth, 'accept-language': 'en' },
      {
        title: 'Ley',
        type: 'poem',
        languages: ['es'],
        url: 'https://example.org/ley',
      },
    );
    expect(badType.status).toBe(400);
    expect(badType.body.errors.map((e: { field: string }) => e.field)).toEqual(['type']);
    const wrongFile = await upload(
      cast.secretariat.auth,
      { name: 'virus.exe', type: 'application/octet-stream', bytes: new Uint8Array([77, 90, 1, 2]) },
      {
        title: 'Programa',
        type: 'other',
        languages: 'es',
      },
    );
    expect(wrongFile.status).toBe(400);
    expect(((await wrongFile.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('file');
    expect(await documentCount()).toBe(before);
  });

  it('adds a document through the library’s page, and gives the form back with its errors named', async () => {
    const session = await signIn(web.app, cast.secretariat.email);
    const post = (fields: [string, string][], file?: File) => {
      const form = new FormData();
      form.append('_csrf', session.csrfToken);
      for (const [k, v] of fields) form.append(k, v);
      if (file) form.append('file', file);
      return web.app.request('/library', {
        method: 'POST',
        headers: { cookie: session.cookie },
        body: form,
        redirect: 'manual',
      });
    };
    const txt = new File([new TextEncoder().encode('Informe de la reunión de la red consular')], 'informe.txt', {
      type: 'text/plain',
    });
    const added = await post(
      [
        ['title', 'Informe de la red consular'],
        ['type', 'report'],
        ['languages', 'es'],
        ['countries', 'mx'],
        ['countries', 'sv'],
        ['visibility', 'public'],
      ],
      txt,
    );
    expect(added.status).toBe(303);
    const location = added.headers.get('location') ?? '';
    expect(location).toMatch(/^\/library\/documents\/[0-9a-f-]{36}$/);
    const id = location.split('/').pop() as string;
    const detail = await send('GET', `/api/v1/documents/${id}`);
    expect(detail.body.countries.map((c: { key: string }) => c.key).sort()).toEqual(['mx', 'sv']);
    expect(await (await web.get('/library')).text()).toContain('Informe de la red consular');

    const refused = await post([
      ['title', 'Sin tipo'],
      ['languages', 'es'],
      ['url', 'https://example.org/x'],
    ]);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('«Tipo»');
    expect(html).toContain('value="Sin tipo"');
    expect(html).toContain('aria-invalid="true"');
  });

  it('offers the form to those who may add documents only', async () => {
    expect((await web.get('/library', cast.member.auth)).status).toBe(200);
    expect(await (await web.get('/library', cast.member.auth)).text()).not.toContain('href="/library/new"');
    expect(await (await web.get('/library', cast.focalPoint.auth)).text()).toContain('href="/library/new"');
    expect((await web.get('/library/new', cast.member.auth)).status).toBe(403);
  });
});
