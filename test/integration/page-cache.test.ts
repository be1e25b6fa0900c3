/**
 * The cache of anonymous answers: what a visitor is shown after a change,
 * on the instance that made it and on another instance of the same database.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import type { Database } from '../../src/db/connect.ts';
import { items } from '../../src/db/schema/index.ts';
import { PageCache } from '../../src/http/page-cache.ts';
import { dialects, openLoadedDatabase, silentLog } from '../support/databases.ts';
import { buildUser, type TestUser } from '../support/factories.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(dialects())('page cache on $name', (dialect) => {
  let database: Database;
  let itemId: string;
  let secretariat: TestUser;
  // Two instances of Enlace on one database, each with its cache.
  let here: ReturnType<typeof createApp>;
  let there: ReturnType<typeof createApp>;
  const CHECK_MS = 100;

  const page = async (app: ReturnType<typeof createApp>, headers: Record<string, string> = {}) => {
    const res = await app.request(`/items/${itemId}`, { headers: { 'accept-language': 'es', ...headers } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const setTextBehindTheAppsBack = (text: string) =>
    database.db.update(items).set({ text }).where(eq(items.id, itemId));

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    const [row] = await database.db.select({ id: items.id }).from(items).where(eq(items.code, '1'));
    itemId = (row as { id: string }).id;
    secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    const app = () =>
      createApp({
        db: database.db,
        log: silentLog,
        pageCache: new PageCache({ maxBytes: 8 * 1024 * 1024, checkEveryMs: CHECK_MS }),
      });
    here = app();
    there = app();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('shows visitors a change made through Enlace at once here, and within a second on another instance', async () => {
    await setTextBehindTheAppsBack('Texto original de la actividad');
    await sleep(CHECK_MS + 20);
    expect(await page(here)).toContain('Texto original de la actividad');
    expect(await page(there)).toContain('Texto original de la actividad');

    // A change no instance was told of is not seen: the answers are cached.
    await setTextBehindTheAppsBack('Cambio sin pasar por Enlace');
    expect(await page(here)).toContain('Texto original de la actividad');

    const res = await here.request(`/api/v1/items/${itemId}`, {
      method: 'PATCH',
      headers: { ...secretariat.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Texto corregido por la secretaría' }),
    });
    expect(res.status).toBe(200);
    expect(await page(here)).toContain('Texto corregido por la secretaría');
    expect(await page(there)).toContain('Texto original de la actividad');
    await sleep(CHECK_MS + 20);
    expect(await page(there)).toContain('Texto corregido por la secretaría');
  });

  it('never serves a signed-in user from the cache, and keeps languages and encodings apart', async () => {
    await page(here);
    await setTextBehindTheAppsBack('Solo la secretaría lo ve ya');
    expect(await page(here, secretariat.auth)).toContain('Solo la secretaría lo ve ya');
    expect(await page(here)).not.toContain('Solo la secretaría lo ve ya');

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

  it('does not keep a refused write from dropping nothing, nor a failed write from changing anything', async () => {
    await setTextBehindTheAppsBack('Antes del intento');
    await here.request('/api/v1/cycles', { method: 'POST' }); // refused: not signed in
    await sleep(CHECK_MS + 20);
    const before = await page(here);
    const refused = await here.request(`/api/v1/items/${itemId}`, {
      method: 'PATCH',
      headers: { ...secretariat.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 42 }),
    });
    expect(refused.status).toBe(400);
    expect(await page(here)).toBe(before);
  });
});
