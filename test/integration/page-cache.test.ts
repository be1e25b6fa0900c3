/**
 * The cache of anonymous answers: what a visitor is shown after a change,
 * on the instance that made it and on another instance of the same database.
 * Time is the test's: the instances read the content version by a clock the
 * test moves, so "not yet" and "now" are both certain, however slow the machine.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../src/app.tsx';
import type { Database } from '../../src/db/connect.ts';
import { items } from '../../src/db/schema/index.ts';
import { PageCache } from '../../src/http/page-cache.ts';
import { cachedInstances } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildUser, type TestUser } from '../support/factories.ts';

const CYCLE = {
  programme: 'programa-interamericano-2016',
  period: '2040',
  opensAt: '2040-01-01',
  deadline: '2040-03-01',
};

/** How often an instance reads the content version when not told otherwise: "within a second". */
const CHECK_MS = new PageCache({ maxBytes: 1 }).checkEveryMs;

describe.each(dialects())('page cache on $name', (dialect) => {
  let database: Database;
  let itemId: string;
  let secretariat: TestUser;

  const instances = (startMs?: number) => cachedInstances(database, startMs);
  type App = ReturnType<typeof createApp>;

  const page = async (app: App, headers: Record<string, string> = {}) => {
    const res = await app.request(`/items/${itemId}`, { headers: { 'accept-language': 'es', ...headers } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const setTextBehindTheAppsBack = (text: string) =>
    database.db.update(items).set({ text }).where(eq(items.id, itemId));
  const storedText = async () =>
    (await database.db.select({ text: items.text }).from(items).where(eq(items.id, itemId)))[0]?.text;
  const patchItem = (app: App, body: unknown) =>
    app.request(`/api/v1/items/${itemId}`, {
      method: 'PATCH',
      headers: { ...secretariat.auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    const [row] = await database.db.select({ id: items.id }).from(items).where(eq(items.code, '1'));
    itemId = (row as { id: string }).id;
    secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('shows visitors a change made through Enlace at once here, and within a second on another instance', async () => {
    const { here, there, clock } = instances();
    await setTextBehindTheAppsBack('Texto original de la actividad');
    expect(await page(here)).toContain('Texto original de la actividad');
    expect(await page(there)).toContain('Texto original de la actividad');

    // A change no instance was told of is not seen, even once they read the version again: the answers are cached.
    await setTextBehindTheAppsBack('Cambio sin pasar por Enlace');
    clock.advance(CHECK_MS);
    expect(await page(here)).toContain('Texto original de la actividad');
    expect(await page(there)).toContain('Texto original de la actividad');

    expect((await patchItem(here, { text: 'Texto corregido por la secretaría' })).status).toBe(200);
    expect(await page(here)).toContain('Texto corregido por la secretaría');
    // The other instance has not read the content version since: its clock has not moved a whole interval.
    clock.advance(CHECK_MS - 1);
    expect(await page(there)).toContain('Texto original de la actividad');
    clock.advance(1);
    expect(await page(there)).toContain('Texto corregido por la secretaría');
  });

  it('keeps what it cached across an hour boundary, and turns over when the date the pages show changes', async () => {
    const { here, clock } = instances();
    const hour = 3_600_000;
    // One millisecond before 10:00 UTC.
    clock.advance(hour - 1);
    await setTextBehindTheAppsBack('Guardada antes de las diez');
    expect(await page(here)).toContain('Guardada antes de las diez');
    await setTextBehindTheAppsBack('Solo visible al día siguiente');
    clock.advance(1);
    expect(new Date(clock.ms).toISOString()).toBe('2026-03-10T10:00:00.000Z');
    expect(await page(here)).toContain('Guardada antes de las diez');
    clock.advance(14 * hour - 1);
    expect(await page(here)).toContain('Guardada antes de las diez');
    // Midnight UTC: "today" for the pages ("upcoming", "late") is another day, so they are rendered again.
    clock.advance(1);
    expect(new Date(clock.ms).toISOString()).toBe('2026-03-11T00:00:00.000Z');
    expect(await page(here)).toContain('Solo visible al día siguiente');
  });

  it('never serves a signed-in user from the cache, and keeps languages and encodings apart', async () => {
    const { here } = instances();
    await setTextBehindTheAppsBack('Lo que ve todo el mundo');
    expect(await page(here)).toContain('Lo que ve todo el mundo');
    await setTextBehindTheAppsBack('Solo la secretaría lo ve ya');
    expect(await page(here, secretariat.auth)).toContain('Solo la secretaría lo ve ya');
    expect(await page(here)).toContain('Lo que ve todo el mundo');

    const english = await here.request(`/items/${itemId}`, { headers: { 'accept-language': 'en' } });
    expect(english.headers.get('content-language')).toBe('en');
    expect(await english.text()).toContain('lang="en"');
    const gzip = await here.request(`/items/${itemId}`, { headers: { 'accept-encoding': 'gzip' } });
    const plain = await here.request(`/items/${itemId}`);
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toContain('<!DOCTYPE html>');
    // A cached answer carries the same security headers as a rendered one.
    expect(plain.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('keeps the cache, here and on another instance, after a refused (4xx) write, which changes nothing', async () => {
    const { here, there, clock } = instances();
    await setTextBehindTheAppsBack('Antes del intento');
    const before = await page(here);
    expect(before).toContain('Antes del intento');
    expect(await page(there)).toContain('Antes del intento');
    // Changed behind the apps' back: from now on, only a dropped cache shows it.
    await setTextBehindTheAppsBack('Visible solo si se vacía la caché');
    expect(await page(here)).toBe(before);

    const refusals: [number, () => Response | Promise<Response>][] = [
      [
        401,
        () =>
          here.request('/api/v1/cycles', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(CYCLE),
          }),
      ],
      [400, () => patchItem(here, { text: 42 })],
      [404, () => here.request(`/api/v1/items/${crypto.randomUUID()}`, { method: 'PATCH', headers: secretariat.auth })],
    ];
    for (const [status, send] of refusals) {
      const res = await send();
      expect(res.status, await res.text()).toBe(status);
      expect(await page(here)).toBe(before);
    }
    // Nor did a refusal tell the other instance: when it reads the version again, nothing has moved.
    clock.advance(CHECK_MS);
    expect(await page(there)).toContain('Antes del intento');
    expect(await storedText()).toBe('Visible solo si se vacía la caché');
  });
});
