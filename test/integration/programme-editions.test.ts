/**
 * Editions: the 2016 Program as adopted is recorded as a second edition of
 * the draft, and the difference shows the twelve objectives it rewords; the
 * secretariat derives a new edition (a copy with its actors, alignments and
 * status) or starts one empty and imports its plan, which takes the previous
 * edition's actors and status by code and is mapped as the last import was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn, type JsonSend, jsonSender, postForm, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';
import { utf8 } from '../support/plan-files.ts';

const DRAFT = 'programa-interamericano-2016';
const ADOPTED = 'programa-interamericano-2016-adoptado';

describe.each(dialects())('editions of a programme on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: JsonSend;
  let cast: Cast;

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db, 'mx', 'ca');
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const items = async (slug: string) => {
    const res = await send('GET', `/api/v1/programmes/${slug}/items`);
    expect(res.status).toBe(200);
    return res.body as { id: string; code: string; text: string; status: string | null; actors: { key: string }[] }[];
  };

  it('records the 2016 Program as adopted, whose difference from the draft is the twelve reworded objectives', async () => {
    const res = await send('GET', `/api/v1/programmes/${ADOPTED}/diff?against=${DRAFT}`);
    expect(res.status).toBe(200);
    expect(res.body.added).toEqual([]);
    expect(res.body.removed).toEqual([]);
    expect(res.body.moved).toEqual([]);
    expect(res.body.changed.map((c: { code: string }) => c.code)).toEqual([
      'IV.A.1',
      'IV.A.2',
      'IV.A.3',
      'IV.B.1',
      'IV.B.4',
      'IV.B.5',
      'IV.B.6',
      'IV.B.7',
      'IV.B.9',
      'IV.B.10',
      'IV.B.11',
      'IV.B.12',
    ]);
    const b6 = res.body.changed.find((c: { code: string }) => c.code === 'IV.B.6');
    expect(b6.before).toContain('de la inmigración irregular');
    expect(b6.after).toContain('de la migración irregular');
    // The adopted edition keeps the draft's activities with their actors and links it to the draft.
    const adopted = await items(ADOPTED);
    const draft = await items(DRAFT);
    expect(adopted.map((i) => [i.code, i.actors.map((a) => a.key)])).toEqual(
      draft.map((i) => [i.code, i.actors.map((a) => a.key)]),
    );
    const page = await web.app.request(`/programmes/${ADOPTED}`);
    const html = await page.text();
    expect(html).toContain(`href="/programmes/${ADOPTED}/diff?against=${DRAFT}"`);
    const diffPage = await web.app.request(`/programmes/${ADOPTED}/diff?against=${DRAFT}`);
    expect(diffPage.status).toBe(200);
    const diffHtml = await diffPage.text();
    expect(diffHtml).toContain('<del>inmigración</del>');
    expect(diffHtml).toContain('<ins>migración</ins>');
    expect(diffHtml).toContain('12 redactados de nuevo');
  });

  it('derives a new edition as a draft copy with actors, alignments and status, then shows what was edited', async () => {
    const created = await send('POST', `/api/v1/programmes/${DRAFT}/editions`, cast.secretariat.auth, {
      slug: 'programa-2016-revision',
      edition: '2027',
    });
    expect(created).toMatchObject({ status: 201, body: { slug: 'programa-2016-revision' } });
    const copy = await items('programa-2016-revision');
    const source = await items(DRAFT);
    expect(copy.map((i) => [i.code, i.text, i.status, i.actors.map((a) => a.key)])).toEqual(
      source.map((i) => [i.code, i.text, i.status, i.actors.map((a) => a.key)]),
    );
    const detail = await send('GET', `/api/v1/items/${copy.find((i) => i.code === 'V.A.1')?.id}`);
    expect(JSON.stringify(detail.body)).toContain('IV.B.4');
    const programme = await send('GET', '/api/v1/programmes/programa-2016-revision');
    expect(programme.body.status).toBe('draft');

    const edited = copy.find((i) => i.code === 'IV.A.2');
    const patch = await send('PATCH', `/api/v1/items/${edited?.id}`, cast.secretariat.auth, { text: 'Texto nuevo' });
    expect(patch.status).toBe(200);
    const diff = await send('GET', `/api/v1/programmes/programa-2016-revision/diff?against=${DRAFT}`);
    expect(diff.body.changed).toEqual([
      { code: 'IV.A.2', level: 'general_objective', before: edited?.text, after: 'Texto nuevo' },
    ]);

    const taken = await send('POST', `/api/v1/programmes/${DRAFT}/editions`, cast.secretariat.auth, {
      slug: ADOPTED,
      edition: 'otra',
    });
    expect(taken.status).toBe(409);
    const badSlug = await send('POST', `/api/v1/programmes/${DRAFT}/editions`, cast.secretariat.auth, {
      slug: 'Con Espacios',
      edition: '2027',
    });
    expect(badSlug.status).toBe(400);
    expect(badSlug.body.errors[0].field).toBe('slug');
    const stranger = await send('POST', `/api/v1/programmes/${DRAFT}/editions`, cast.focalPoint.auth, {
      slug: 'no-permitido',
      edition: '2027',
    });
    expect(stranger.status).toBe(403);
    const unknown = await send('GET', `/api/v1/programmes/${DRAFT}/diff?against=no-existe`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('against');
  });

  it('starts an edition empty: its imported plan is mapped as the last import and takes actors and status by code', async () => {
    const upload = async (slug: string, csv: string) => {
      const form = new FormData();
      form.append('file', new File([utf8(csv)], 'plan.csv'));
      const res = await web.app.request(`/api/v1/programmes/${slug}/imports`, {
        method: 'POST',
        headers: cast.secretariat.auth,
        body: form,
      });
      return { status: res.status, body: await res.json() };
    };
    const created = await send('POST', '/api/v1/programmes', cast.secretariat.auth, {
      slug: 'plan-nacional-2026',
      title: { es: 'Plan nacional' },
      edition: '2026',
      levels: [{ key: 'objective', name: { es: 'Objetivo' } }],
    });
    expect(created.status).toBe(201);
    // The first edition's file has its own header for the codes, mapped by hand.
    const first = await upload(
      'plan-nacional-2026',
      'Clave;Objetivo;Quién;Estado\nA;Proteger;México;Continuo\nB;Informar;Canadá;En curso\n',
    );
    const mapped = await send('PUT', `/api/v1/imports/${first.body.id}/mapping`, cast.secretariat.auth, {
      columns: [
        { index: 0, role: 'code' },
        { index: 1, role: 'level', level: 'objective' },
        { index: 2, role: 'actors' },
        { index: 3, role: 'status' },
      ],
    });
    expect(mapped.body.preview.problems).toEqual([]);
    expect((await send('POST', `/api/v1/imports/${first.body.id}/commit`, cast.secretariat.auth)).status).toBe(200);

    const next = await send('POST', '/api/v1/programmes/plan-nacional-2026/editions', cast.secretariat.auth, {
      slug: 'plan-nacional-2027',
      edition: '2027',
      copyItems: false,
    });
    expect(next.status).toBe(201);
    expect(await items('plan-nacional-2027')).toEqual([]);
    // Next year's file: the same headers in another order, one objective reworded, one new, no actors or status.
    const second = await upload('plan-nacional-2027', 'Objetivo;Clave\nProteger a todas las personas;A\nCooperar;C\n');
    expect(second.status).toBe(201);
    expect(second.body.mappingReused).toBe(true);
    expect(second.body.mapping).toEqual([
      { index: 0, role: 'level', level: 'objective' },
      { index: 1, role: 'code' },
    ]);
    expect((await send('POST', `/api/v1/imports/${second.body.id}/commit`, cast.secretariat.auth)).status).toBe(200);
    const stored = await items('plan-nacional-2027');
    expect(stored.map((i) => [i.code, i.status, i.actors.map((a) => a.key)])).toEqual([
      ['A', 'continuous', ['mx']],
      ['C', null, []],
    ]);
    const diff = await send('GET', '/api/v1/programmes/plan-nacional-2027/diff?against=plan-nacional-2026');
    expect(diff.body).toMatchObject({
      added: [{ code: 'C', text: 'Cooperar' }],
      removed: [{ code: 'B', text: 'Informar' }],
      changed: [{ code: 'A', before: 'Proteger', after: 'Proteger a todas las personas' }],
      moved: [],
    });
  });

  it('derives an edition from the page, naming a wrong field in place, and offers the form to the secretariat only', async () => {
    const session = await signIn(web.app, cast.secretariat.email);
    const page = await web.app.request('/programmes/crm-plan-de-accion-2006', { headers: { cookie: session.cookie } });
    expect(await page.text()).toContain('href="/programmes/crm-plan-de-accion-2006/editions/new"');
    const visitor = await web.app.request('/programmes/crm-plan-de-accion-2006');
    expect(await visitor.text()).not.toContain('/editions/new');

    const wrong = await postForm(
      web.app,
      '/programmes/crm-plan-de-accion-2006/editions/new',
      { slug: 'Plan CRM', edition: '', copyItems: '1' },
      session,
    );
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('Identificador de la nueva edición');
    expect(html).toMatch(/aria-invalid="true"[^>]*id="slug"|id="slug"[^>]*aria-invalid="true"/);

    const made = await postForm(
      web.app,
      '/programmes/crm-plan-de-accion-2006/editions/new',
      { slug: 'crm-plan-2027', edition: '2027' },
      session,
    );
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toBe('/programmes/crm-plan-2027/import');
    expect(await items('crm-plan-2027')).toEqual([]);
    const programme = await send('GET', '/api/v1/programmes/crm-plan-2027');
    expect(programme.body).toMatchObject({ edition: '2027', status: 'draft' });
  });
});
