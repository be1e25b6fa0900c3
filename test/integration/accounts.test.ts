/** Signing in and out, sessions, CSRF, rate limits, one-time links and API tokens, on PGlite and PostgreSQL. */
import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import type { Database } from '../../src/db/connect.ts';
import { oneTimeTokens, rateLimits } from '../../src/db/schema/index.ts';
import { LOGIN_LIMITS } from '../../src/modules/accounts/account.service.ts';
import { listOutbox } from '../../src/modules/mail/mail.service.ts';
import { appOn, sender, signIn as signInAs } from '../support/app.ts';
import { dialects, openLoadedDatabase, silentLog } from '../support/databases.ts';
import { buildUser, PASSWORD } from '../support/factories.ts';

describe.each(dialects())('accounts on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
  });
  afterAll(async () => {
    await database?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}, address?: string) =>
    sender(web.app)('POST', path, { json: body, headers, address });
  const signIn = (email: string, password: string, address: string) =>
    post('/api/v1/auth/login', { email, password }, {}, address);
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  it('signs in with an HttpOnly, SameSite session cookie, and signs out', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const res = await post('/api/v1/auth/login', { email: user.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^enlace_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http here; behind TLS it is Secure
    const cookie = cookieOf(res);
    expect((await web.get('/api/v1/me', { cookie })).status).toBe(200);
    const logout = await post('/api/v1/auth/logout', {}, { cookie });
    expect(logout.status).toBe(204);
    // The browser is told to forget the cookie, and the session is gone on the server too.
    expect(logout.headers.get('set-cookie')).toMatch(/^enlace_session=;.*Max-Age=0/i);
    expect((await web.get('/api/v1/me', { cookie })).status).toBe(401);
    expect((await post('/api/v1/auth/login', { email: user.email, password: 'wrong password' })).status).toBe(401);
  });

  it('marks the cookie Secure behind TLS: a proxy saying so, or an https public address', async () => {
    const user = await buildUser(database.db);
    const res = await post(
      '/api/v1/auth/login',
      { email: user.email, password: PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/i);
    // ENLACE_PUBLIC_URL=https://… decides it even when the proxy does not say.
    const behindTls = createApp({ db: database.db, log: silentLog, publicUrl: 'https://enlace.example.org' });
    const api = await behindTls.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    expect(api.headers.get('set-cookie')).toMatch(/^enlace_session=.*HttpOnly.*; Secure.*SameSite=Lax/i);
    // The sign-in form sets the same cookie.
    const form = await behindTls.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: user.email, password: PASSWORD, next: '/account' }).toString(),
    });
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe('/account');
    expect(form.headers.get('set-cookie')).toMatch(/^enlace_session=.*HttpOnly.*; Secure.*SameSite=Lax/i);
  });

  it('refuses a form posted with the session cookie but without the CSRF token, and cross-site requests', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const { cookie, csrfToken } = await signInAs(web.app, user.email);
    const form = (body: string) =>
      web.app.request('/account/tokens', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    expect((await form('name=x')).status).toBe(403);
    expect((await form(`name=x&_csrf=${encodeURIComponent(csrfToken)}`)).status).toBe(200);
    const crossSite = await post('/api/v1/tokens', { name: 'x' }, { cookie, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect((await post('/api/v1/tokens', { name: 'x' }, { cookie })).status).toBe(201);
  });

  it('limits failed sign-ins per account under a burst, even with the right password, until the window passes', async () => {
    const user = await buildUser(database.db);
    const { limit } = LOGIN_LIMITS.account;
    // 40 wrong passwords at once, each from its own address: only `limit` of them get to a password check.
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(user.email, `wrong ${i}`, `198.51.100.${i + 1}`)),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - limit);
    const blocked = await signIn(user.email, PASSWORD, '198.51.100.200');
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { code: string }).code).toBe('too_many_attempts');
    // A quarter of an hour later (the window moved back), the right password works again.
    await database.db
      .update(rateLimits)
      .set({ windowStart: new Date(Date.now() - LOGIN_LIMITS.account.windowMs - 1000) })
      .where(eq(rateLimits.key, `login:account:${user.email.toLowerCase()}`));
    expect((await signIn(user.email, PASSWORD, '198.51.100.200')).status).toBe(200);
    // And a success starts the count afresh.
    expect((await signIn(user.email, 'wrong again', '198.51.100.201')).status).toBe(401);
    expect((await signIn(user.email, PASSWORD, '198.51.100.201')).status).toBe(200);
  });

  it('limits failed sign-ins per address across accounts under a burst', async () => {
    const target = await buildUser(database.db);
    const { limit } = LOGIN_LIMITS.address;
    const address = '203.0.113.7';
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signIn(`nobody${i}@example.org`, 'x', address)),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40 - limit);
    // The next attempt from that address is refused, whatever the account and password…
    expect((await signIn(target.email, PASSWORD, address)).status).toBe(429);
    // …and the account itself is not locked for everyone else.
    expect((await signIn(target.email, PASSWORD, '203.0.113.8')).status).toBe(200);
  });

  it('does not count successful sign-ins against the address', async () => {
    const user = await buildUser(database.db);
    const address = '203.0.113.9';
    const { limit } = LOGIN_LIMITS.address;
    const failures = await Promise.all(
      Array.from({ length: limit - 1 }, (_, i) => signIn(`someone${i}@example.org`, 'x', address)),
    );
    expect(failures.every((r) => r.status === 401)).toBe(true);
    for (let i = 0; i < 3; i++) expect((await signIn(user.email, PASSWORD, address)).status).toBe(200);
    // One failure left before the limit, as if those sign-ins had not happened.
    expect((await signIn(user.email, 'wrong', address)).status).toBe(401);
    expect((await signIn(user.email, PASSWORD, address)).status).toBe(429);
  });

  it('accepts an invitation link once, and not after it expires', async () => {
    const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    const fresh = appOn(database);
    const invite = async (email: string) => {
      const res = await fresh.app.request('/api/v1/users', {
        method: 'POST',
        headers: { ...secretariat.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ email, name: 'Invitada', grants: [{ role: 'member' }] }),
      });
      expect(res.status).toBe(201);
      const mail = (await listOutbox(database.db)).find((m) => m.to === email);
      return mail?.text.match(/\/invitations\/([A-Za-z0-9_-]+)/)?.[1] as string;
    };
    const token = await invite('invitada@example.org');
    const accept = (t: string) =>
      fresh.app.request(`/api/v1/invitations/${t}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: 'una contraseña larga' }),
      });
    expect((await accept(token)).status).toBe(204);
    expect((await accept(token)).status).toBe(410);
    const expired = await invite('vencida@example.org');
    await database.db
      .update(oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(isNull(oneTimeTokens.usedAt));
    expect((await accept(expired)).status).toBe(410);
    const short = await fresh.app.request(`/api/v1/invitations/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'corta' }),
    });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('password');
  });

  it('creates API tokens shown once, lists them without the secret, and revokes them', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const created = await post('/api/v1/tokens', { name: 'script' }, user.auth);
    const { id, token } = (await created.json()) as { id: string; token: string };
    expect(token).toMatch(/^enl_/);
    const list = (await (await web.get('/api/v1/tokens', { authorization: `Bearer ${token}` })).json()) as {
      id: string;
      prefix: string;
    }[];
    expect(JSON.stringify(list)).not.toContain(token);
    expect(list.find((t) => t.id === id)?.prefix).toBe(token.slice(0, 10));
    expect((await web.app.request(`/api/v1/tokens/${id}`, { method: 'DELETE', headers: user.auth })).status).toBe(204);
    const revoked = await web.get('/api/v1/me', { authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { code: string }).code).toBe('invalid_token');
  });
});
