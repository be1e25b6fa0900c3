/** Server-rendered pages in-process: content, language choice, and errors in the user's language. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn } from '../support/app.ts';
import { openedCycle } from '../support/cycles.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast } from '../support/factories.ts';
import { buildRouteTable, ROLES, type Role } from '../support/route-table.ts';

/** GET routes that answer with something else than a page: the API, feeds, files and the language switch. */
const NOT_PAGES =
  /^GET \/(?:api\/|lang\/|attachments\/|meeting-documents\/|favicon\.ico)|\.ics|\/file$|\.(?:xlsx|csv)$/;

describe.each(dialects())('pages on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  const html = async (path: string, headers: Record<string, string> = {}) => {
    const res = await web.get(path, headers);
    return { status: res.status, lang: res.headers.get('content-language'), text: await res.text(), res };
  };

  it('home lists the programmes, in Spanish by default and English when the browser asks', async () => {
    const es = await html('/');
    expect(es.status).toBe(200);
    expect(es.text).toContain('<html lang="es">');
    expect(es.text).toContain('href="/programmes/programa-interamericano-2016"');
    expect(es.text).toContain('Programas y planes');
    const en = await html('/', { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Programmes and plans');
  });

  it('remembers the language chosen with the switch and returns to the page', async () => {
    const res = await web.get('/lang/en?next=%2Factors%3Ftype%3Dmember_state');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/actors?type=member_state');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/lang=en/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const page = await html('/actors?type=member_state', { cookie: 'lang=en', 'accept-language': 'es' });
    expect(page.text).toContain('<html lang="en">');
    expect(page.text).toContain('Member states (35)');
    const away = await web.get('/lang/es?next=%2F%2Fevil.example%2F');
    expect(away.headers.get('location')).toBe('/');
  });

  it('shows a programme as a tree with codes, levels and status badges', async () => {
    const page = await html('/programmes/crm-plan-de-accion-2006');
    expect(page.status).toBe(200);
    expect(page.text).toContain('class="tree"');
    expect(page.text).toContain('>PGM-12<');
    expect(page.text).toContain('badge status-continuous');
    expect(page.text).toContain('Acción para la implementación');
  });

  it('shows a programme as a table filtered by level, actor, status and text', async () => {
    const page = await html(
      '/programmes/programa-interamericano-2016?view=table&level=activity&actor=iachr&status=&q=',
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('5 de 61 elementos');
    expect(page.text).toContain('>V.A.7<');
    expect(page.text).not.toContain('>V.A.12<');
    const text = await html('/programmes/programa-interamericano-2016?view=table&q=niñez');
    expect(text.text).toMatch(/\d+ de 61 elementos/);
  });

  it('shows an item with its actors, notes and status history', async () => {
    const list = (
      await web.json<{ id: string; code: string }[]>(
        '/api/v1/programmes/crm-plan-de-accion-2006/items?level=activity&q=legislacion',
      )
    ).body;
    const item = list[0];
    const page = await html(`/items/${item?.id}`, { 'accept-language': 'en' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Status history');
    expect(page.text).toContain(`<h1>${item?.code}</h1>`);
    expect(page.text).toContain('lang="es"');
  });

  it('shows actors by type and an actor with everything assigned to it', async () => {
    const list = await html('/actors');
    expect(list.text).toContain('href="/actors/iachr"');
    const nicaragua = await html('/actors/ni', { 'accept-language': 'en' });
    expect(nicaragua.text).toContain('withdrawal effective');
    expect(nicaragua.text).toContain('November 19, 2023');
    expect(nicaragua.text).toContain('Nicaragua notified its denunciation');
    expect((await html('/actors/ni')).text).toContain('Nicaragua notificó la denuncia');
    const mexico = await html('/actors/mx');
    expect(mexico.text).toContain('>V.B.21<');
    expect(mexico.text).toContain('a través de');
  });

  it('leads an actor page with what is assigned to it, then its reports and calendar, and folds long lists', async () => {
    const crm = (await html('/actors/crm')).text;
    const at = (id: string) => crm.indexOf(`id="${id}"`);
    expect(at('assigned-heading')).toBeGreaterThan(0);
    expect(at('assigned-heading')).toBeLessThan(at('actor-calendar-heading'));
    expect(at('actor-calendar-heading')).toBeLessThan(at('agreements-heading'));
    expect(at('agreements-heading')).toBeLessThan(at('members-heading'));
    expect(crm).toContain('href="/actors/crm/calendar.ics"');
    // More than five agreements: the rest are one click away.
    const agreements = crm.slice(at('agreements-heading'), at('members-heading'));
    expect(agreements).toMatch(/<summary>Ver los \d+ acuerdos restantes<\/summary>/);
    // The 2008 reports of the IACHR, published, are listed for everyone.
    const iachr = (await html('/actors/iachr')).text;
    const reports = iachr.slice(iachr.indexOf('id="actor-reports-heading"'));
    expect(reports).toContain('2008');
    expect(reports).toContain('Aceptado por la secretaría');
  });

  it('starts every page in standards mode: each GET page of the route table, as one who may open it, and the error pages', async () => {
    const cast = await buildCast(database.db);
    const table = await buildRouteTable(database.db, cast);
    const pages = Object.entries(table).filter(([key]) => key.startsWith('GET /') && !NOT_PAGES.test(key));
    expect(pages.length).toBeGreaterThanOrEqual(25); // as this is written
    const wrong: string[] = [];
    for (const [key, row] of pages) {
      // Opened by the most privileged role the table lets open it (anonymous for a public page only).
      const expected = (role: Role) => row.expect[role] ?? row.expect.rest;
      const role = [...ROLES].reverse().find((r) => expected(r) === 'ok' || expected(r) === 'public');
      if (!role) throw new Error(`nobody may open ${key}`);
      const res = await web.get(row.url, role === 'anonymous' ? {} : cast[role].auth);
      const text = await res.text();
      const type = res.headers.get('content-type') ?? '';
      if ((expected(role) === 'ok' && res.status !== 200) || res.status >= 500 || !type.startsWith('text/html'))
        wrong.push(`${key} as ${role}: ${res.status} ${type}`);
      else if (!/^<!doctype html>/i.test(text)) wrong.push(`${key} as ${role} starts with ${text.slice(0, 40)}`);
    }
    const errors: [string, Record<string, string>, number][] = [
      ['/programmes/no-such-plan', {}, 404],
      ['/items/123', {}, 400],
      ['/admin/outbox', cast.focalPoint.auth, 403],
    ];
    for (const [url, headers, status] of errors) {
      const res = await web.get(url, headers);
      const text = await res.text();
      if (res.status !== status || !/^<!doctype html>/i.test(text))
        wrong.push(`${url}: ${res.status} starting ${text.slice(0, 40)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('draws the progress map from shapes served once, cached for a year', async () => {
    // An open cycle addressing the member states, as the secretariat sees it (drafts included).
    const { secretariat } = await buildCast(database.db);
    const cycle = await openedCycle(database.db, secretariat.principal, '2045');
    const page = await html(`/cycles/${cycle.id}/progress`, secretariat.auth);
    expect(page.status).toBe(200);
    expect(page.text.startsWith('<!DOCTYPE html>')).toBe(true);
    const refs = [...page.text.matchAll(/<use href="([^"#]+)#([\w-]+)"/g)];
    expect(refs.length).toBeGreaterThan(30);
    const asset = refs[0]?.[1] as string;
    expect(new Set(refs.map((r) => r[1]))).toEqual(new Set([asset]));
    // The page carries references, not the 150 KB of shapes.
    expect(page.text.length).toBeLessThan(60_000);
    const shapes = await web.get(asset);
    expect(shapes.status).toBe(200);
    expect(shapes.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(shapes.headers.get('cache-control')).toContain('immutable');
    const body = await shapes.text();
    for (const [, , id] of refs) expect(body).toContain(`id="${id}"`);
    expect((await web.get(asset.replace(/\.[0-9a-f]{12}\./, '.000000000000.'))).status).toBe(404);
  });

  it('answers unknown pages with 404 and malformed ids with 400, as pages in the user language', async () => {
    const missing = await html('/programmes/no-such-plan', { 'accept-language': 'en' });
    expect(missing.status).toBe(404);
    expect(missing.res.headers.get('content-type')).toContain('text/html');
    expect(missing.text).toContain('We could not find what you are looking for');
    const malformed = await html('/items/123');
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('«id»');
    expect((await html('/nowhere/at/all')).status).toBe(404);
    expect((await html('/actors?type=planet')).status).toBe(400);
  });
});
