/** Every page names itself to browsers and search engines: an icon and a description, in the reader's language. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';

describe.each(dialects().slice(0, 1))('page head on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('gives every page a favicon and a meta description', async () => {
    let icon = '';
    for (const path of ['/', '/actors/mx', '/login', '/calendar', '/no-such-page']) {
      const html = await (await web.app.request(path, { headers: { 'accept-language': 'en' } })).text();
      const link = html.match(/<link rel="icon" href="(\/assets\/favicon\.[0-9a-f]{12}\.svg)" type="image\/svg\+xml"/);
      expect(link, path).not.toBeNull();
      icon = link?.[1] ?? '';
      const description = html.match(/<meta name="description" content="([^"]+)"/);
      expect(description?.[1]?.length ?? 0, path).toBeGreaterThan(40);
    }
    const served = await web.app.request(icon);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await served.text()).toMatch(/^<svg/);
    const legacy = await web.app.request('/favicon.ico');
    expect(legacy.status).toBe(301);
    expect(legacy.headers.get('location')).toBe(icon);
  });
});
