/** Signing in and out, sessions, CSRF, rate limits, one-time links and API tokens, on PGlite and PostgreSQL. */
import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { oneTimeTokens } from '../../src/db/schema/index.ts';
import { listOutbox } from '../../src/modules/mail/mail.service.ts';
import { appOn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
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

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    web.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  it('signs in with an HttpOnly, SameSite session cookie, and signs out', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const res = await post('/api/v1/auth/login', { email: user.email.toUpperCase(), password: PASSWORD });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^enlace_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http here; behind TLS it is Secure
    const cookie = cookieOf(res);
    expect((await web.get('/api/v1/me', { cookie })).status).toBe(200);
    expect((await post('/api/v1/auth/logout', {}, { cookie })).status).toBe(204);
    expect((await web.get('/api/v1/me', { cookie })).status).toBe(401);
    expect((await post('/api/v1/auth/login', { email: user.email, password: 'wrong password' })).status).toBe(401);
  });

  it('marks the cookie Secure behind TLS', async () => {
    const user = await buildUser(database.db);
    const res = await post(
      '/api/v1/auth/login',
      { email: user.email, password: PASSWORD },
      { 'x-forwarded-proto': 'https' },
    );
    expect(res.headers.get('set-cookie')).toMatch(/Secure/i);
  });

  it('refuses a form posted with the session cookie but without the CSRF token, and cross-site requests', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const login = await post('/api/v1/auth/login', { email: user.email, password: PASSWORD });
    const cookie = cookieOf(login);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
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

  it('limits failed sign-ins per account, even with the right password afterwards', async () => {
    const user = await buildUser(database.db);
    for (let i = 0; i < 5; i++)
      expect((await post('/api/v1/auth/login', { email: user.email, password: `wrong ${i}` })).status).toBe(401);
    const blocked = await post('/api/v1/auth/login', { email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { code: string }).code).toBe('too_many_attempts');
  });

  it('limits failed sign-ins per address across accounts', async () => {
    const target = await buildUser(database.db);
    const failures = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post('/api/v1/auth/login', { email: `nobody${i}@example.org`, password: 'x' }, {}),
      ),
    );
    expect(failures.every((r) => r.status === 401)).toBe(true);
    // In-process requests share one address: the next attempt from it is refused, whatever the account.
    expect((await post('/api/v1/auth/login', { email: target.email, password: PASSWORD })).status).toBe(429);
  });

  it('accepts an invitation link once, and not after it expires', async () => {
    const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    // A fresh app: the address limit of the previous test does not apply to these sign-ins.
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
