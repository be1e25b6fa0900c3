/**
 * What signed-in people are shown when their pages are kept: the pages the
 * same for everyone with the same rights are rendered once and filled in
 * with each person's name and form token; who a session signs in is kept
 * until a write. Nothing kept may show one person another's page, name or
 * token, or outlive a change made through Enlace (here at once, on another
 * instance within a second, the test's clock). Changes made behind the
 * apps' back show whether a page was kept.
 */
import zlib from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../src/app.tsx';
import { runUserCommand } from '../../src/cli/user-commands.ts';
import type { Database } from '../../src/db/connect.ts';
import { actors, sessions, users } from '../../src/db/schema/index.ts';
import { SESSION_COOKIE } from '../../src/http/auth.ts';
import { PageCache } from '../../src/http/page-cache.ts';
import { createSession } from '../../src/modules/accounts/account.service.ts';
import { getReport } from '../../src/modules/reporting/report.service.ts';
import { cachedInstances } from '../support/app.ts';
import { openedCycle } from '../support/cycles.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildUser, type TestUser } from '../support/factories.ts';

const CHECK_MS = new PageCache({ maxBytes: 1 }).checkEveryMs;

type Person = { user: TestUser; name: string; cookie: string; csrfToken: string };

describe.each(dialects())('pages kept for signed-in people on $name', (dialect) => {
  let database: Database;
  let secretariat: TestUser;
  let reportId: string;
  let entryId: string;

  const instances = (startMs?: number) => cachedInstances(database, startMs);
  type App = ReturnType<typeof createApp>;

  const person = async (grants: Parameters<typeof buildUser>[1], name: string): Promise<Person> => {
    const user = await buildUser(database.db, grants, name);
    await database.db.update(users).set({ name }).where(eq(users.id, user.id));
    const session = await createSession(database.db, user.id);
    return {
      user,
      name,
      cookie: `${SESSION_COOKIE}=${session.token}`,
      csrfToken: session.csrfToken,
    };
  };
  const open = (app: App, path: string, who: Person, headers: Record<string, string> = {}) =>
    app.request(path, { headers: { 'accept-language': 'es', cookie: who.cookie, ...headers } });
  const page = async (app: App, path: string, who: Person) => {
    const res = await open(app, path, who);
    expect(res.status).toBe(200);
    return res.text();
  };
  const renameMexicoBehindTheAppsBack = (name: string) =>
    database.db
      .update(actors)
      .set({ name: sql`jsonb_set(${actors.name}, '{es}', ${JSON.stringify(name)}::jsonb)` })
      .where(eq(actors.key, 'mx'));

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    const cycle = await openedCycle(database.db, secretariat.principal, 'peers');
    reportId = cycle.reportOf('mx');
    const report = await getReport(database.db, reportId, secretariat.principal);
    entryId = (report.entries[0] as { id: string }).id;
  });
  afterAll(async () => {
    await renameMexicoBehindTheAppsBack('México');
    await database?.close();
  });

  it("shows each focal point of a state the page kept for their peers, with their own name and form token, never the other's", async () => {
    const { here } = instances();
    const ana = await person([{ role: 'focal_point', actor: 'mx' }], 'Ana Peer');
    const beto = await person([{ role: 'focal_point', actor: 'mx' }], 'Beto Peer');
    await renameMexicoBehindTheAppsBack('México (antes)');
    // Ana's first request: who she is is read and kept; her second page is kept for her peers.
    await page(here, '/actors/mx', ana);
    const anas = await page(here, '/actors/mx', ana);
    expect(anas).toContain('México (antes)');
    await renameMexicoBehindTheAppsBack('México (después)');
    const betos = await page(here, '/actors/mx', beto);
    // Kept: the change behind the app's back is not there; Beto's own name and token are, Ana's are not.
    expect(betos).toContain('México (antes)');
    expect(betos).toContain(beto.name);
    expect(betos).toContain(`name="_csrf" value="${beto.csrfToken}"`);
    expect(betos).not.toContain(ana.name);
    expect(betos).not.toContain(ana.csrfToken);
    expect(betos.replaceAll(beto.name, ana.name).replaceAll(beto.csrfToken, ana.csrfToken)).toBe(anas);
    expect(betos).not.toMatch(/[\uE000\uE001]/);

    // The same page compressed as browsers ask for it, written from the kept parts, holds the same text.
    const gzip = await open(here, '/actors/mx', beto, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await gzip.arrayBuffer());
    expect(Number(gzip.headers.get('content-length'))).toBe(bytes.length);
    expect(zlib.gunzipSync(bytes).toString('utf8')).toBe(betos);
    // Asked again, by Beto, then Ana, then Beto: each answer is whole and holds its own reader's name and token.
    const gunzipped = async (who: Person) => {
      const res = await open(here, '/actors/mx', who, { 'accept-encoding': 'gzip' });
      return zlib.gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
    };
    expect(await gunzipped(beto)).toBe(betos);
    expect(await gunzipped(ana)).toBe(anas);
    expect(await page(here, '/actors/mx', ana)).toBe(anas);
    expect(await gunzipped(beto)).toBe(betos);
    // With the headers of a rendered page: private, never kept by shared caches, and the security policy.
    expect(gzip.headers.get('cache-control')).toBe('private, no-store');
    expect(gzip.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('renders the page again for someone with other rights, and for a page that shows the person themselves', async () => {
    const { here } = instances();
    const focal = await person([{ role: 'focal_point', actor: 'mx' }], 'Focal Peer');
    const other = await person([{ role: 'focal_point', actor: 'co' }], 'Colombia Peer');
    const secretariatPerson = await person([{ role: 'secretariat' }], 'Secretariat Peer');
    await renameMexicoBehindTheAppsBack('México (primero)');
    await page(here, '/actors/mx', focal);
    await page(here, '/actors/mx', focal);
    await renameMexicoBehindTheAppsBack('México (segundo)');
    const peer = await person([{ role: 'focal_point', actor: 'mx' }], 'Another Peer');
    expect(await page(here, '/actors/mx', peer)).toContain('México (primero)');
    expect(await page(here, '/actors/mx', other)).toContain('México (segundo)');
    expect(await page(here, '/actors/mx', secretariatPerson)).toContain('México (segundo)');

    // Someone whose name the page prints (a person called as the state is) has it rendered each time.
    const named = await person([{ role: 'member' }], 'México (segundo)');
    await page(here, '/actors/mx', named);
    expect(await page(here, '/actors/mx', named)).toContain('México (segundo)');
    await renameMexicoBehindTheAppsBack('México (tercero)');
    expect(await page(here, '/actors/mx', named)).toContain('México (tercero)');
  });

  it('shows a comment, which no visitor sees, to every peer at once here and within a second on another instance', async () => {
    const { here, there, clock } = instances();
    const ana = await person([{ role: 'focal_point', actor: 'mx' }], 'Ana Comenta');
    const beto = await person([{ role: 'focal_point', actor: 'mx' }], 'Beto Lee');
    const path = `/reports/${reportId}`;
    for (const app of [here, there]) {
      await page(app, path, beto);
      expect(await page(app, path, beto)).not.toContain('Comentario de Ana para el equipo');
    }
    const posted = await here.request(`/reports/${reportId}/comments`, {
      method: 'POST',
      headers: { cookie: ana.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'es' },
      body: new URLSearchParams({ _csrf: ana.csrfToken, entryId, body: 'Comentario de Ana para el equipo' }),
    });
    expect(posted.status).toBe(303);
    expect(await page(here, path, beto)).toContain('Comentario de Ana para el equipo');
    clock.advance(CHECK_MS - 1);
    expect(await page(there, path, beto)).not.toContain('Comentario de Ana para el equipo');
    clock.advance(1);
    expect(await page(there, path, beto)).toContain('Comentario de Ana para el equipo');
  });

  it('ends a session at once when the account is deactivated here, within a second on another instance, and when it expires', async () => {
    const { here, there, clock } = instances();
    const leaving = await person([{ role: 'focal_point', actor: 'mx' }], 'Leaving Peer');
    for (const app of [here, there]) expect(await page(app, '/actors/mx', leaving)).toContain(leaving.name);
    const res = await here.request(`/api/v1/users/${leaving.user.id}`, {
      method: 'PATCH',
      headers: { ...secretariat.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    expect(res.status, await res.text()).toBe(200);
    expect(await page(here, '/actors/mx', leaving)).not.toContain(leaving.name);
    clock.advance(CHECK_MS - 1);
    expect(await page(there, '/actors/mx', leaving)).toContain(leaving.name);
    clock.advance(1);
    expect(await page(there, '/actors/mx', leaving)).not.toContain(leaving.name);

    // A session that ends while kept: its end is read from the clock, with no write to tell. (The database
    // reads its own time: the row is made to end behind the app's back, which only a new reading shows.)
    const brief = await person([{ role: 'focal_point', actor: 'mx' }], 'Brief Peer');
    const now = Date.now();
    const endsIn = (ms: number) =>
      database.db
        .update(sessions)
        .set({ expiresAt: new Date(now + ms) })
        .where(eq(sessions.userId, brief.user.id));
    await endsIn(3_600_000);
    const later = instances(now);
    expect(await page(later.here, '/actors/mx', brief)).toContain(brief.name);
    await endsIn(-1000);
    expect(await page(later.here, '/actors/mx', brief)).toContain(brief.name);
    later.clock.advance(3_600_000);
    expect(await page(later.here, '/actors/mx', brief)).not.toContain(brief.name);
  });

  it('ends a session within a second when the account is deactivated from the command line', async () => {
    const { here, clock } = instances();
    const leaving = await person([{ role: 'member' }], 'Command Line Peer');
    expect(await page(here, '/actors/mx', leaving)).toContain(leaving.name);
    expect(await runUserCommand(database.db, ['deactivate', '--email', leaving.user.email], () => {})).toBe(0);
    clock.advance(CHECK_MS);
    expect(await page(here, '/actors/mx', leaving)).not.toContain(leaving.name);
  });

  it("shows a saved draft to the report's peers at once, and leaves what visitors are shown cached", async () => {
    const { here } = instances();
    const writer = await buildUser(database.db, [{ role: 'focal_point', actor: 'mx' }], 'Draft Writer');
    const reader = await person([{ role: 'focal_point', actor: 'mx' }], 'Draft Reader');
    const path = `/reports/${reportId}`;
    await page(here, path, reader);
    await renameMexicoBehindTheAppsBack('México (visitantes)');
    const visitors = async () => (await here.request('/actors/mx', { headers: { 'accept-language': 'es' } })).text();
    expect(await visitors()).toContain('México (visitantes)');
    await renameMexicoBehindTheAppsBack('México (sin avisar)');

    const { version } = (await (
      await here.request(`/api/v1/reports/${reportId}`, { headers: writer.auth })
    ).json()) as {
      version: number;
    };
    const saved = await here.request(`/api/v1/reports/${reportId}`, {
      method: 'PATCH',
      headers: { ...writer.auth, 'content-type': 'application/json', 'if-match': `"${version}"` },
      body: JSON.stringify({ entries: [{ id: entryId, carriedOut: '<p>Borrador guardado por el equipo</p>' }] }),
    });
    expect(saved.status, await saved.text()).toBe(200);
    expect(await page(here, path, reader)).toContain('Borrador guardado por el equipo');
    expect(await visitors()).toContain('México (visitantes)');
  });

  it('keeps who a session signs in across writes that leave the accounts alone, and drops it when an account changes', async () => {
    const cache = new PageCache({ maxBytes: 1024 * 1024, now: () => Date.UTC(2026, 2, 10, 9) });
    const someone = await buildUser(database.db, [{ role: 'member' }], 'Kept Session');
    await cache.refresh(database.db);
    const principal = {
      ...someone.principal,
      csrfToken: 'token',
      via: 'session' as const,
      scope: 'read_write' as const,
      locale: null,
    };
    cache.keepSession(
      'a-session-token-of-twenty-chars',
      principal,
      new Date(Date.UTC(2027, 0, 1)),
      cache.currentSessionGeneration(),
    );
    await cache.written(database.db, false);
    await cache.written(database.db, true);
    expect(cache.session('a-session-token-of-twenty-chars')?.userId).toBe(someone.id);
    // Any change to users, grants or sessions moves the accounts version, written by whoever made it.
    await database.db.update(users).set({ name: 'Renamed' }).where(eq(users.id, someone.id));
    await cache.written(database.db, false);
    expect(cache.session('a-session-token-of-twenty-chars')).toBeUndefined();
  });
});
