/**
 * Changing and removing library documents, on PGlite and PostgreSQL: a focal
 * point changes its own state's document but cannot move it to another
 * state's; the secretariat removes one with its file; a meeting's document
 * stays in the library until it leaves its meeting.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn, jsonSender, postForm, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

describe.each(dialects())('changing library documents on $name', (dialect) => {
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

  const link = { type: 'legislation', languages: ['es'], url: 'https://example.org/ley' };

  it('lets a focal point change its own state’s document, not move it to another state', async () => {
    const added = await send('POST', '/api/v1/documents', cast.focalPoint.auth, {
      ...link,
      title: 'Ley de Migración',
      countries: ['MX'],
    });
    expect(added.status).toBe(201);
    const id = added.body.id as string;
    const changed = await send('PUT', `/api/v1/documents/${id}`, cast.focalPoint.auth, {
      ...link,
      title: 'Ley de Migración (reformada)',
      type: 'study',
      countries: ['MX'],
      url: 'https://example.org/ley-reformada',
      issuedOn: '2011-05-25',
    });
    expect(changed.status).toBe(204);
    expect((await send('GET', `/api/v1/documents/${id}`)).body).toMatchObject({
      title: 'Ley de Migración (reformada)',
      type: 'study',
      url: 'https://example.org/ley-reformada',
      issuedOn: '2011-05-25',
    });
    const moved = await send('PUT', `/api/v1/documents/${id}`, cast.focalPoint.auth, {
      ...link,
      title: 'Otra',
      countries: ['GT'],
    });
    expect(moved.status).toBe(403);
    expect(moved.body.errors.map((e: { field: string }) => e.field)).toEqual(['countries']);
    expect((await send('GET', `/api/v1/documents/${id}`)).body.title).toBe('Ley de Migración (reformada)');
    expect(
      (await send('PUT', `/api/v1/documents/${id}`, cast.otherFocalPoint.auth, { ...link, title: 'x' })).status,
    ).toBe(403);
    // The page's form: the title changed, the rest as it was.
    const form = await (await web.get(`/library/documents/${id}/edit`, cast.focalPoint.auth)).text();
    expect(form).toContain('value="Ley de Migración (reformada)"');
    const session = await signIn(web.app, cast.focalPoint.email);
    const saved = await postForm(
      web.app,
      `/library/documents/${id}`,
      {
        title: 'Ley de Migración de 2011',
        type: 'legislation',
        languages: 'es',
        countries: 'mx',
        url: 'https://example.org/ley-reformada',
      },
      session,
    );
    expect(saved.status).toBe(303);
    const page = await (await web.get(`/library/documents/${id}`)).text();
    expect(page).toContain('Ley de Migración de 2011');
    const refused = await postForm(
      web.app,
      `/library/documents/${id}`,
      { title: '', type: 'legislation', languages: 'es', countries: 'mx' },
      session,
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Título');
  });

  it('removes a document and its file; a meeting’s document is removed from its meeting', async () => {
    const form = new FormData();
    form.append('type', 'study');
    form.append('languages', 'es');
    form.append('file', new Blob(['Estudio sobre retornos.'], { type: 'text/plain' }), 'estudio.txt');
    const res = await web.app.request('/api/v1/documents', {
      method: 'POST',
      headers: cast.secretariat.auth,
      body: form,
    });
    const id = ((await res.json()) as { id: string }).id;
    expect((await send('DELETE', `/api/v1/documents/${id}`, cast.focalPoint.auth)).status).toBe(403);
    expect((await send('DELETE', `/api/v1/documents/${id}`, cast.secretariat.auth)).status).toBe(204);
    expect((await send('GET', `/api/v1/documents/${id}`, cast.secretariat.auth)).status).toBe(404);
    expect((await send('GET', `/api/v1/documents/${id}/file`, cast.secretariat.auth)).status).toBe(404);

    const meeting = await send('POST', '/api/v1/meetings', cast.secretariat.auth, {
      body: 'cam',
      kind: 'workshop',
      title: 'Taller de retorno',
      startsAt: '2027-03-01',
      endsAt: '2027-03-01',
      visibility: 'public',
    });
    const added = await send('POST', `/api/v1/meetings/${meeting.body.id}/documents`, cast.secretariat.auth, {
      kind: 'minutes',
      title: 'Acta del taller',
      url: 'https://example.org/acta',
    });
    expect(added.status).toBe(201);
    const refused = await send('DELETE', `/api/v1/documents/${added.body.id}`, cast.secretariat.auth);
    expect(refused.status).toBe(409);
    expect((await send('GET', `/api/v1/documents/${added.body.id}`)).status).toBe(200);
    const page = await (await web.get(`/library/documents/${added.body.id}`, cast.secretariat.auth)).text();
    expect(page).toContain(`/library/documents/${added.body.id}/edit`);
    expect(page).not.toContain(`/library/documents/${added.body.id}/delete`);
  });

  it('is found under its countries as they change, however its links are written', async () => {
    const inCountry = async (country: string) => {
      const found = await send(
        'GET',
        `/api/v1/search?q=${encodeURIComponent('Acuerdo fronterizo')}&country=${country}`,
      );
      return {
        ids: (found.body.results as { id: string }[]).map((r) => r.id),
        facet: found.body.facets.country as { value: string; count: number }[],
      };
    };
    const added = await send('POST', '/api/v1/documents', cast.secretariat.auth, {
      ...link,
      title: 'Acuerdo fronterizo',
      countries: ['MX', 'GT'],
    });
    const id = added.body.id as string;
    expect((await inCountry('mx')).ids).toEqual([id]);
    expect((await inCountry('gt')).facet).toEqual([
      { value: 'gt', count: 1 },
      { value: 'mx', count: 1 },
    ]);
    await send('PUT', `/api/v1/documents/${id}`, cast.secretariat.auth, {
      ...link,
      title: 'Acuerdo fronterizo',
      countries: ['SV'],
    });
    expect((await inCountry('mx')).ids).toEqual([]);
    expect((await inCountry('sv')).facet).toEqual([{ value: 'sv', count: 1 }]);
    // A link written without the library's write path (a restore, a later feature) counts once its transaction ends.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into document_actors (document_id, actor_id, role)
        select ${id}, a.id, 'country' from actors a where a.key = 'hn'`);
      await tx.execute(sql`delete from document_actors where document_id = ${id} and role = 'country'
        and actor_id = (select a.id from actors a where a.key = 'sv')`);
    });
    expect((await inCountry('hn')).ids).toEqual([id]);
    expect((await inCountry('sv')).ids).toEqual([]);
  });
});
