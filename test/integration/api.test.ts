/** Every API route in-process, on PGlite and on PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { DOCUMENT_PATH } from '../../src/http/openapi-document.ts';
import { appOn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { routeKeys } from '../support/route-table.ts';

const API = '/api/v1';

type Item = {
  id: string;
  code: string;
  level: string;
  parentId: string | null;
  text: string;
  status: string | null;
  actors: { id: string; acronym: string | null; name: string }[];
};
type Problem = { status: number; code: string; title: string; errors?: { field: string; message: string }[] };

describe.each(dialects())('API on $name', (dialect) => {
  let database: Database;
  let api: ReturnType<typeof appOn>;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    api = appOn(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('GET /api/v1/programmes lists every programme with its slug and levels', async () => {
    const { status, body } =
      await api.json<{ slug: string; levels: { key: string; itemCount: number }[] }[]>('/api/v1/programmes');
    expect(status).toBe(200);
    expect(body.map((p) => p.slug).sort()).toEqual([
      'cam-plan-de-trabajo-2018-2019',
      'crm-plan-de-accion-2006',
      'programa-interamericano-2005',
      'programa-interamericano-2016',
      'programa-interamericano-2016-adoptado',
    ]);
    const program = body.find((p) => p.slug === 'programa-interamericano-2016');
    expect(program?.levels.find((l) => l.key === 'activity')?.itemCount).toBe(42);
  });

  it('GET /api/v1/programmes/{slug} gives the programme with its levels, in the caller language', async () => {
    const es = await api.json<{ title: string; levels: { key: string; name: string }[] }>(
      '/api/v1/programmes/crm-plan-de-accion-2006',
    );
    expect(es.status).toBe(200);
    expect(es.body.levels.map((l) => l.key)).toEqual(['theme', 'objective', 'action', 'activity']);
    expect(es.body.levels[0]?.name).toBe('Tema');
    const en = await api.json<{ levels: { name: string }[] }>('/api/v1/programmes/crm-plan-de-accion-2006', {
      'accept-language': 'en',
    });
    expect(en.body.levels[0]?.name).toBe('Theme');
  });

  it('GET /api/v1/programmes/{slug}/items is flat, in document order, with actors', async () => {
    const { status, body } = await api.json<Item[]>('/api/v1/programmes/programa-interamericano-2016/items');
    expect(status).toBe(200);
    expect(body[0]).toMatchObject({ code: 'IV.A.1', level: 'general_objective', parentId: null, status: null });
    const seven = body.find((i) => i.code === 'V.A.7');
    expect(seven?.level).toBe('activity');
    expect(seven?.actors).toEqual([
      expect.objectContaining({ acronym: 'CIDH', name: 'Comisión Interamericana de Derechos Humanos' }),
    ]);
    const section = body.find((i) => i.id === seven?.parentId);
    expect(section?.code).toBe('V.A');
    const en = await api.json<Item[]>('/api/v1/programmes/programa-interamericano-2016/items?lang=en');
    expect(en.body.find((i) => i.code === 'V.A.7')?.actors[0]?.acronym).toBe('IACHR');
  });

  it('filters items by level, actor (through groups), status and accent-insensitive text', async () => {
    const base = '/api/v1/programmes/programa-interamericano-2016/items';
    expect((await api.json<Item[]>(`${base}?level=specific_objective`)).body).toHaveLength(12);
    const forMexico = (await api.json<Item[]>(`${base}?actor=mx&level=activity`)).body;
    expect(forMexico.map((i) => i.code)).toContain('V.B.28');
    expect(forMexico).toHaveLength(22);
    const consular = (await api.json<Item[]>(`${base}?q=CONSULARES`)).body.map((i) => i.code);
    expect(consular).toEqual(expect.arrayContaining(['IV.B.3', 'V.A.10', 'V.B.28']));
    const continuous = (await api.json<Item[]>('/api/v1/programmes/crm-plan-de-accion-2006/items?status=continuous'))
      .body;
    expect(continuous.length).toBeGreaterThan(0);
    expect(continuous.every((i) => i.status === 'continuous')).toBe(true);
  });

  it('gives a parent the status its leaves share, and how many have each status where they differ', async () => {
    const { body } = await api.json<(Item & { distribution: { status: string; count: number }[] | null })[]>(
      '/api/v1/programmes/crm-plan-de-accion-2006/items',
    );
    const children = new Map<string, string[]>();
    for (const i of body) if (i.parentId) children.set(i.parentId, [...(children.get(i.parentId) ?? []), i.id]);
    const byId = new Map(body.map((i) => [i.id, i]));
    const leaves = (id: string): string[] => {
      const kids = children.get(id) ?? [];
      return kids.length === 0 ? [id] : kids.flatMap(leaves);
    };
    const tally = (id: string) => {
      const counts = new Map<string, number>();
      for (const leaf of leaves(id)) {
        const status = byId.get(leaf)?.status ?? 'none';
        counts.set(status, (counts.get(status) ?? 0) + 1);
      }
      return counts;
    };
    const parents = body.filter((i) => children.has(i.id));
    const mixed = parents.filter((p) => tally(p.id).size > 1);
    const agreed = parents.filter((p) => tally(p.id).size === 1 && !tally(p.id).has('none'));
    // The plan's objectives hold completed and continuous activities alike: none of them is simply "completed".
    expect(mixed.map((p) => p.code)).toEqual(expect.arrayContaining(['PGM', 'DH', 'MD']));
    expect(agreed.length).toBeGreaterThan(0);
    for (const parent of mixed) {
      expect(parent.status).toBeNull();
      expect(new Map(parent.distribution?.map((t) => [t.status, t.count]))).toEqual(tally(parent.id));
    }
    for (const parent of agreed) {
      expect(parent.status).toBe([...tally(parent.id).keys()][0]);
      expect(parent.distribution).toBeNull();
    }
    const page = await (await api.get('/programmes/crm-plan-de-accion-2006?lang=es')).text();
    const mx = mixed.find((p) => p.code === 'MD');
    const continuous = mx?.distribution?.find((t) => t.status === 'continuous');
    expect(continuous).toBeDefined();
    expect(page).toContain(`<li class="badge status-continuous">Continuo: ${continuous?.count}</li>`);
  });

  it('GET /api/v1/items/{id} gives the item with parent, children, history, notes and links', async () => {
    const items = (await api.json<Item[]>('/api/v1/programmes/crm-plan-de-accion-2006/items?level=activity')).body;
    const withNotes = items.find((i) => i.text.includes('SEMINARIO SOBRE LEGISLACIÓN MIGRATORIA'));
    expect(withNotes).toBeDefined();
    const { status, body } = await api.json<{
      programme: { slug: string };
      parent: { code: string } | null;
      notes: { date: string; text: string }[];
      statusHistory: { status: string; changedOn: string }[];
    }>(`/api/v1/items/${withNotes?.id}`);
    expect(status).toBe(200);
    expect(body.programme.slug).toBe('crm-plan-de-accion-2006');
    expect(body.parent?.code).toMatch(/^PGM-1\.\d+$/);
    expect(body.notes.some((n) => n.date === '2007-02-15')).toBe(true);
    expect(body.statusHistory.some((h) => h.status === 'completed')).toBe(true);

    const objective = (
      await api.json<Item[]>('/api/v1/programmes/programa-interamericano-2016/items?level=specific_objective')
    ).body[2];
    const detail = await api.json<{ servedBy: { code: string }[]; children: unknown[] }>(
      `/api/v1/items/${objective?.id}`,
    );
    expect(detail.body.servedBy.map((s) => s.code)).toEqual(expect.arrayContaining(['V.A.10', 'V.B.28']));
  });

  it('GET /api/v1/actors lists actors with type, name, acronym and ISO code, filtered by type', async () => {
    const { body } = await api.json<{ type: string; iso: string | null; name: string; acronym: string | null }[]>(
      '/api/v1/actors?type=member_state',
    );
    expect(body).toHaveLength(35);
    expect(body.find((a) => a.iso === 'MX')).toMatchObject({ type: 'member_state', name: 'México' });
    const organs = (await api.json<{ acronym: string | null }[]>('/api/v1/actors?type=oas_organ&lang=en')).body;
    expect(organs.map((a) => a.acronym)).toContain('IACHR');
    // The Inter-American Institute of Human Rights is an autonomous institute, not an organ of the OAS.
    expect(organs.map((a) => a.acronym)).not.toContain('IIHR');
    const multilateral = (await api.json<{ acronym: string | null }[]>('/api/v1/actors?type=multilateral&lang=en'))
      .body;
    expect(multilateral.map((a) => a.acronym)).toContain('IIHR');
    const all = (await api.json<unknown[]>('/api/v1/actors')).body;
    expect(all.length).toBeGreaterThan(35);
  });

  it('GET /api/v1/actors/{id} gives its assignments, also by key and through its groups', async () => {
    const byKey = await api.json<{
      id: string;
      assignments: { item: { code: string }; via: { key: string } | null }[];
    }>('/api/v1/actors/iachr');
    expect(byKey.status).toBe(200);
    expect(byKey.body.assignments.map((a) => a.item.code)).toEqual(expect.arrayContaining(['V.A.7', 'V.A.11']));
    const byId = await api.json<{ key: string }>(`/api/v1/actors/${byKey.body.id}`);
    expect(byId.body.key).toBe('iachr');
    const canada = await api.json<{
      assignments: { item: { code: string }; via: { key: string } | null; programme: { slug: string } }[];
    }>('/api/v1/actors/ca');
    const viaStates = canada.body.assignments.filter((a) => a.via?.key === 'oas-member-states');
    expect(viaStates.length).toBeGreaterThanOrEqual(22);
    expect(canada.body.assignments.some((a) => a.programme.slug === 'crm-plan-de-accion-2006')).toBe(true);
  });

  it('answers malformed requests with 400 problem+json naming the field, in the caller language', async () => {
    const cases: [string, string][] = [
      ['/api/v1/items/not-a-uuid', 'id'],
      ['/api/v1/actors?type=planet', 'type'],
      ['/api/v1/programmes/NOT%20A%20SLUG', 'slug'],
      ['/api/v1/programmes/programa-interamericano-2016/items?status=done', 'status'],
      ['/api/v1/actors/%3Cscript%3E', 'id'],
    ];
    for (const [path, field] of cases) {
      const { status, type, body } = await api.json<Problem>(path, { 'accept-language': 'en' });
      expect(status, path).toBe(400);
      expect(type).toContain('application/problem+json');
      expect(body.code).toBe('invalid_input');
      expect(body.errors?.map((e) => e.field)).toContain(field);
      expect(body.errors?.[0]?.message).toContain(field);
      expect(body.title).toBe('The request has invalid data');
    }
  });

  it('answers a body that is not JSON with 400 naming the body', async () => {
    const res = await api.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.errors?.[0]?.field).toBe('body');
  });

  it('answers unknown things with 404 problem+json, never 500', async () => {
    for (const path of [
      '/api/v1/items/00000000-0000-4000-8000-000000000000',
      '/api/v1/actors/no-such-actor',
      '/api/v1/programmes/no-such-programme',
      '/api/v1/programmes/no-such-programme/items',
      '/api/v1/nothing-here',
    ]) {
      const { status, type, body } = await api.json<Problem>(path);
      expect(status, path).toBe(404);
      expect(type).toContain('application/problem+json');
      expect(body.code).toBe('not_found');
      expect(body.title).toBe('No encontramos lo que busca');
    }
  });

  it('serves an OpenAPI 3.1 document describing every route of the API with its method, and nothing else', async () => {
    const { status, body } = await api.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      '/api/v1/openapi.json',
    );
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    // The routes the application answers under /api/v1, written as the document writes them.
    const served = [...routeKeys(api.app.routes)]
      .map((key) => key.split(' ') as [string, string])
      .filter(([, path]) => path.startsWith(API) && path !== `${API}${DOCUMENT_PATH}`)
      .map(([method, path]) => `${method.toLowerCase()} ${path.slice(API.length).replace(/:(\w+)/g, '{$1}')}`)
      .sort();
    const documented = Object.entries(body.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(served.length).toBeGreaterThan(40);
    expect(documented).toEqual(served);
    for (const [path, operations] of Object.entries(body.paths)) {
      for (const [method, operation] of Object.entries(operations as Record<string, { summary?: string }>)) {
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
      }
    }
  });
});
