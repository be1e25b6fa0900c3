/**
 * Every route with every role: the authorization matrix is this table, and a
 * route without a row fails the test. `ok` means the request got past
 * authorization (any answer but 401, 403, 404 or a 5xx); `public` means any
 * answer but a 5xx; `login` means a page redirecting to sign in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';
import { buildRouteTable, type Expect, ROLES, type RouteTable, routeKeys } from '../support/route-table.ts';

function check(status: number, expected: Expect, location: string | null): boolean {
  if (expected === 'public') return status < 500;
  if (expected === 'login') return status === 303 && (location ?? '').startsWith('/login');
  if (expected === 'ok') return status < 500 && ![401, 403, 404].includes(status);
  return status === expected;
}

describe.each(dialects())('authorization matrix on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let cast: Cast;
  let table: RouteTable;

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    cast = await buildCast(database.db);
    table = await buildRouteTable(database.db, cast);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('has a row for every route of the application', () => {
    const routes = routeKeys(web.app.routes);
    expect([...routes].filter((r) => !(r in table)).sort()).toEqual([]);
    expect(
      Object.keys(table)
        .filter((r) => !routes.has(r))
        .sort(),
    ).toEqual([]);
  });

  it('answers each route as the matrix says for each role', async () => {
    const failures: string[] = [];
    for (const [route, row] of Object.entries(table)) {
      const method = route.split(' ')[0] as string;
      for (const role of ROLES) {
        const user = role === 'anonymous' ? null : cast[role];
        const headers: Record<string, string> = { ...(user?.auth ?? {}), 'accept-language': 'en' };
        let body: string | undefined;
        if (row.body !== undefined) {
          headers['content-type'] = 'application/json';
          body = JSON.stringify(row.body);
        } else if (row.form !== undefined) {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          body = new URLSearchParams(row.form).toString();
        }
        if (route.startsWith('PATCH /api/v1/reports')) headers['if-match'] = '1';
        const res = await web.app.request(row.url, { method, headers, body });
        const expected = row.expect[role] ?? row.expect.rest;
        if (!check(res.status, expected, res.headers.get('location')))
          failures.push(`${route} as ${role}: expected ${expected}, got ${res.status}`);
        await res.arrayBuffer();
      }
    }
    expect(failures).toEqual([]);
  });
});
