/**
 * A NUL (U+0000) in the query string: PostgreSQL text cannot hold it, so any
 * parameter of any page or API route carrying one is refused with a 400 that
 * names the parameter, before a route reads it. Found by the malformed-input
 * properties as `GET /calendar?when=all&item=%00`, which was a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildUser, type TestUser } from '../support/factories.ts';

type Problem = { status: number; errors?: { field: string; message: string }[] };

describe.each(dialects())('a NUL in the query on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let secretariat: TestUser;

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
  });
  afterAll(async () => {
    await database?.close();
  });

  it.each([
    ['/calendar?when=all&item=%00', 'es', 'item', '«item»'],
    ['/calendar?when=all&item=%00', 'en', 'item', '“item”'],
    ['/calendar?when=a%00b&item=V.B.21', 'es', 'when', '«when»'],
    ['/actors?q=%00', 'es', 'q', '«q»'],
    ['/programmes/programa-interamericano-2016?lang=%00', 'en', 'lang', '“lang”'],
    ['/calendar?it%00em=1', 'es', 'it\\u0000em', '«it\\u0000em»'],
  ])('GET %s (%s) is an error page naming the parameter', async (url, language, field, quoted) => {
    const res = await web.get(url, { 'accept-language': language });
    const html = await res.text();
    expect(res.status, html.slice(0, 300)).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain(`<html lang="${language}"`);
    expect(html.replace(/&#39;/g, "'").replace(/&quot;/g, '"')).toContain(quoted);
    expect(field).not.toContain('\u0000');
  });

  it.each([
    ['/api/v1/meetings?body=%00', 'body'],
    ['/api/v1/meetings?from=2027-01-01&to=2027-12-31&body=cam&zz=a%00', 'zz'],
    ['/api/v1/programmes?x=1&q=%00&y=%00', 'q'],
  ])('GET %s is a problem naming the parameter', async (url, field) => {
    const res = await web.get(url, { 'accept-language': 'en' });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.field)).toEqual([field]);
    expect(problem.errors?.[0]?.message).toContain(`“${field}”`);
  });

  it('refuses a write whose query holds a NUL, and writes nothing', async () => {
    const tokens = async () => (await web.json<unknown[]>('/api/v1/tokens', secretariat.auth)).body.length;
    const before = await tokens();
    const res = await web.app.request('/api/v1/tokens?note=%00', {
      method: 'POST',
      headers: { ...secretariat.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'con NUL en la consulta' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).errors?.map((e) => e.field)).toEqual(['note']);
    expect(await tokens()).toBe(before);
  });

  it('reads "%00" written out (percent-encoded as %2500) as the text it is', async () => {
    expect((await web.get('/calendar?when=all&q=%2500')).status).toBe(200);
    expect((await web.get('/actors?q=%2500')).status).toBe(200);
    // Whatever the API makes of an unknown parameter, it is not a NUL.
    expect(await (await web.get('/api/v1/programmes?q=%2500', { 'accept-language': 'en' })).text()).not.toContain(
      'null character',
    );
  });
});
