/**
 * Taking access away, on PGlite and PostgreSQL: deactivating an account,
 * removing a grant, revoking anyone's token, tokens that expire or only read,
 * the sign-in lock-out that cannot lock the owner out, and `next` addresses
 * that never leave the site.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runUserCommand } from '../../src/cli/user-commands.ts';
import type { Database } from '../../src/db/connect.ts';
import { apiTokens, rateLimits } from '../../src/db/schema/index.ts';
import { appOn, postForm, type Sending, sender, signIn as signInAs } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildUser, PASSWORD } from '../support/factories.ts';

type Problem = { code: string; errors?: { field: string }[] };
type Token = { id: string; name: string; scope: string; expiresAt: string | null; user?: { email: string } };

describe.each(dialects())('taking access away on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.delete(rateLimits);
  });

  const send = (method: string, path: string, options?: Sending) =>
    sender(web.app, '192.0.2.10')(method, path, options);
  const signIn = (email: string, password: string, options: { cookie?: string; address?: string } = {}) =>
    signInAs(web.app, email, password, { address: '192.0.2.10', ...options });
  const me = (headers: Record<string, string>) => send('GET', '/api/v1/me', { headers });

  it('deactivates an account at once — sessions, tokens and feed — and restores it without the old tokens', async () => {
    const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    const user = await buildUser(database.db, [{ role: 'focal_point', actor: 'mx' }]);
    const { cookie } = await signIn(user.email, PASSWORD);
    const { feedUrl } = (await (await me(user.auth)).json()) as { feedUrl: string };
    const feed = new URL(feedUrl);
    expect((await me({ cookie })).status).toBe(200);

    const off = await send('PATCH', `/api/v1/users/${user.id}`, { json: { active: false }, headers: secretariat.auth });
    expect(off.status).toBe(200);
    expect(((await off.json()) as { active: boolean }).active).toBe(false);
    expect((await me({ cookie })).status).toBe(401);
    expect((await me(user.auth)).status).toBe(401);
    expect((await send('GET', feed.pathname + feed.search)).status).toBe(401);
    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
    const listed = (await (await send('GET', '/api/v1/users', { headers: secretariat.auth })).json()) as {
      id: string;
      active: boolean;
    }[];
    expect(listed.find((u) => u.id === user.id)?.active).toBe(false);

    const on = await send('PATCH', `/api/v1/users/${user.id}`, { json: { active: true }, headers: secretariat.auth });
    expect(on.status).toBe(200);
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
    expect((await me(user.auth)).status).toBe(401);
  });

  it('refuses a change that says nothing, and the secretariat deactivating itself', async () => {
    const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    const empty = await send('PATCH', `/api/v1/users/${secretariat.id}`, { json: {}, headers: secretariat.auth });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as Problem).errors?.[0]?.field).toBe('body');
    const self = await send('PATCH', `/api/v1/users/${secretariat.id}`, {
      json: { active: false },
      headers: secretariat.auth,
    });
    expect(self.status).toBe(409);
    expect((await me(secretariat.auth)).status).toBe(200);
  });

  it('takes a grant away from the next request on, and gives one', async () => {
    const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const users = (await (await send('GET', '/api/v1/users', { headers: secretariat.auth })).json()) as {
      id: string;
      grants: { id: string; role: string }[];
    }[];
    const grant = users.find((u) => u.id === user.id)?.grants[0];
    expect(grant?.role).toBe('member');
    expect((await send('GET', '/admin', { headers: user.auth })).status).toBe(403);

    const given = await send('POST', `/api/v1/users/${user.id}/grants`, {
      json: { role: 'secretariat' },
      headers: secretariat.auth,
    });
    expect(given.status).toBe(201);
    const { id: secretariatGrant } = (await given.json()) as { id: string };
    expect((await send('GET', '/admin', { headers: user.auth })).status).toBe(200);

    expect(
      (await send('DELETE', `/api/v1/users/${user.id}/grants/${secretariatGrant}`, { headers: secretariat.auth }))
        .status,
    ).toBe(204);
    expect((await send('GET', '/admin', { headers: user.auth })).status).toBe(403);
    expect(
      (await send('DELETE', `/api/v1/users/${user.id}/grants/${grant?.id}`, { headers: secretariat.auth })).status,
    ).toBe(204);
    expect(((await (await me(user.auth)).json()) as { grants: unknown[] }).grants).toEqual([]);
    // The secretariat cannot remove its own secretariat grant, and a grant of another user is not found.
    const own = (await (await me(secretariat.auth)).json()) as { id: string };
    const ownGrant = (
      (await (await send('GET', '/api/v1/users', { headers: secretariat.auth })).json()) as {
        id: string;
        grants: { id: string }[];
      }[]
    ).find((u) => u.id === own.id)?.grants[0]?.id;
    expect(
      (await send('DELETE', `/api/v1/users/${secretariat.id}/grants/${ownGrant}`, { headers: secretariat.auth }))
        .status,
    ).toBe(409);
    expect(
      (await send('DELETE', `/api/v1/users/${user.id}/grants/${ownGrant}`, { headers: secretariat.auth })).status,
    ).toBe(404);
  });

  it('lets the secretariat list every token with its owner and revoke any; others see and revoke only their own', async () => {
    const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const other = await buildUser(database.db, [{ role: 'member' }]);
    const all = (await (await send('GET', '/api/v1/tokens?all=true', { headers: secretariat.auth })).json()) as Token[];
    const userToken = all.find((t) => t.user?.email === user.email);
    expect(userToken?.name).toBe('tests');
    expect(JSON.stringify(all)).not.toContain(user.token);
    expect((await send('GET', '/api/v1/tokens?all=true', { headers: user.auth })).status).toBe(403);
    const mine = (await (await send('GET', '/api/v1/tokens', { headers: user.auth })).json()) as Token[];
    expect(mine.map((t) => t.id)).toEqual([userToken?.id]);
    // Another user cannot revoke it; the secretariat can, and it stops at once.
    expect((await send('DELETE', `/api/v1/tokens/${userToken?.id}`, { headers: other.auth })).status).toBe(404);
    expect((await me(user.auth)).status).toBe(200);
    expect((await send('DELETE', `/api/v1/tokens/${userToken?.id}`, { headers: secretariat.auth })).status).toBe(204);
    expect((await me(user.auth)).status).toBe(401);
  });

  it('makes tokens that expire after a year unless asked otherwise, stop when expired, and can only read when read-only', async () => {
    const user = await buildUser(database.db, [{ role: 'secretariat' }]);
    const made = await send('POST', '/api/v1/tokens', { json: { name: 'lector', scope: 'read' }, headers: user.auth });
    expect(made.status).toBe(201);
    const reader = (await made.json()) as { id: string; token: string; scope: string; expiresAt: string };
    expect(reader.scope).toBe('read');
    const days = (Date.parse(reader.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(365);
    const bearer = { authorization: `Bearer ${reader.token}` };
    expect((await send('GET', '/api/v1/users', { headers: bearer })).status).toBe(200);
    const write = await send('POST', '/api/v1/tokens', { json: { name: 'más' }, headers: bearer });
    expect(write.status).toBe(403);
    expect(((await write.json()) as Problem).code).toBe('token_read_only');

    const short = (await (
      await send('POST', '/api/v1/tokens', { json: { name: 'corto', expiresInDays: 30 }, headers: user.auth })
    ).json()) as { id: string; token: string; expiresAt: string };
    expect(Math.round((Date.parse(short.expiresAt) - Date.now()) / 86_400_000)).toBe(30);
    await database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, short.id));
    expect((await me({ authorization: `Bearer ${short.token}` })).status).toBe(401);
    const tooLong = await send('POST', '/api/v1/tokens', { json: { expiresInDays: 3650 }, headers: user.auth });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as Problem).errors?.[0]?.field).toBe('expiresInDays');
  });

  it('locks an account after five wrong passwords for strangers, never for the browser its owner signed in with', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const owner = await signIn(user.email, PASSWORD, { address: '198.51.100.20' });
    expect(owner.status).toBe(200);
    const device = owner.cookie.split('; ').find((c) => c.startsWith('enlace_device=')) as string;
    expect(device).toMatch(/^enlace_device=[A-Za-z0-9_-]{20,}$/);
    for (let i = 0; i < 5; i++) {
      expect((await signIn(user.email, `wrong guess ${i}`, { address: `203.0.113.${i}` })).status).toBe(401);
    }
    // A stranger, even with the right password, is held off…
    expect((await signIn(user.email, PASSWORD, { address: '203.0.113.50' })).status).toBe(429);
    // …but the owner's own browser signs in.
    expect((await signIn(user.email, PASSWORD, { cookie: device, address: '198.51.100.20' })).status).toBe(200);
    // A device cookie of another account does not help.
    const other = await buildUser(database.db, [{ role: 'member' }]);
    const otherDevice = (await signIn(other.email, PASSWORD)).cookie
      .split('; ')
      .find((c) => c.startsWith('enlace_device=')) as string;
    expect((await signIn(user.email, PASSWORD, { cookie: otherDevice, address: '203.0.113.51' })).status).toBe(429);
  });

  it('lifts the lock-out once the owner sets a new password from a reset e-mail', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    for (let i = 0; i < 5; i++) await signIn(user.email, `wrong guess ${i}`, { address: `203.0.113.${i}` });
    expect((await signIn(user.email, PASSWORD, { address: '198.51.100.30' })).status).toBe(429);
    await send('POST', '/api/v1/auth/password-reset', { json: { email: user.email } });
    const { listOutbox } = await import('../../src/modules/mail/mail.service.ts');
    const mail = (await listOutbox(database.db, { limit: 200 })).find((m) => m.to === user.email);
    const token = mail?.text.match(/\/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
    const reset = await send('POST', `/api/v1/password-resets/${token}`, {
      json: { password: 'marea alta en Valparaíso' },
    });
    expect(reset.status).toBe(204);
    expect((await signIn(user.email, 'marea alta en Valparaíso', { address: '198.51.100.30' })).status).toBe(200);
  });

  describe('in the pages', () => {
    it('lets the secretariat deactivate, restore, remove a grant and revoke a token from a user’s page', async () => {
      const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
      const user = await buildUser(database.db, [{ role: 'focal_point', actor: 'mx' }], 'Ana Página');
      const session = await signIn(secretariat.email, PASSWORD);
      const headers = { cookie: session.cookie };
      const page = await send('GET', `/admin/users/${user.id}`, { headers });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Ana Página');
      expect(html).toContain('Desactivar la cuenta');
      expect(html).toContain('tests');
      const list = await (await send('GET', '/admin/users', { headers })).text();
      expect(list).toContain(`href="/admin/users/${user.id}"`);

      const post = (path: string, form: Record<string, string> = {}) => postForm(web.app, path, form, session);
      const token = ((await (await send('GET', '/api/v1/tokens', { headers: user.auth })).json()) as Token[])[0];
      const revoked = await post(`/admin/users/${user.id}/tokens/${token?.id}/revoke`);
      expect(revoked.status).toBe(303);
      expect((await me(user.auth)).status).toBe(401);

      const grants = (
        (await (await send('GET', '/api/v1/users', { headers: secretariat.auth })).json()) as {
          id: string;
          grants: { id: string }[];
        }[]
      ).find((u) => u.id === user.id)?.grants;
      expect((await post(`/admin/users/${user.id}/grants/${grants?.[0]?.id}/remove`)).status).toBe(303);
      expect(await (await send('GET', `/admin/users/${user.id}`, { headers })).text()).toContain('Sin permisos');
      const badGrant = await post(`/admin/users/${user.id}/grants`, { role: 'focal_point', actorId: '' });
      expect(badGrant.status).toBe(400);
      expect(await badGrant.text()).toContain('aria-invalid="true"');
      expect((await post(`/admin/users/${user.id}/grants`, { role: 'member', actorId: '' })).status).toBe(303);

      expect((await post(`/admin/users/${user.id}/active`, { active: 'false' })).status).toBe(303);
      const deactivated = await (await send('GET', `/admin/users/${user.id}`, { headers })).text();
      expect(deactivated).toContain('Desactivada');
      expect(deactivated).toContain('Reactivar la cuenta');
      expect((await signIn(user.email, PASSWORD)).status).toBe(401);
      expect((await post(`/admin/users/${user.id}/active`, { active: 'true' })).status).toBe(303);
      expect((await signIn(user.email, PASSWORD)).status).toBe(200);
      // Its own page offers the secretariat no way to deactivate itself.
      const own = await (await send('GET', `/admin/users/${secretariat.id}`, { headers })).text();
      expect(own).not.toContain('Desactivar la cuenta');
    });

    it('shows the personal calendar address on the account page and makes a new one', async () => {
      const user = await buildUser(database.db, [{ role: 'member' }]);
      const session = await signIn(user.email, PASSWORD);
      const headers = { cookie: session.cookie };
      const before = await (await send('GET', '/account', { headers })).text();
      const url = before.match(/https?:\/\/[^<"\s]+\/calendar\.ics\?feed=feed_[A-Za-z0-9_-]+/)?.[0];
      expect(url).toBeDefined();
      const renewed = await postForm(web.app, '/account/feed-secret', {}, session);
      expect(renewed.status).toBe(303);
      const after = await (await send('GET', '/account?done=feed', { headers })).text();
      expect(after).not.toContain(url as string);
      expect(after).toMatch(/calendar\.ics\?feed=feed_/);
    });

    // As an attacker writes them in a link: tab, newline, backslash (raw or %5C), two slashes, another site.
    it.each([
      '/%09/other.host',
      '/%0a/other.host',
      '/%0d%0a/other.host',
      '/%5C/other.host',
      '/%5C%5Cother.host',
      '%2F%2Fother.host',
      'https://other.host/',
    ])('never sends anyone off the site from next=%s', async (next) => {
      const lang = await send('GET', `/lang/en?next=${next}`);
      expect(lang.status).toBe(303);
      expect(lang.headers.get('location')).toBe('/');
      const login = await send('GET', `/login?next=${next}`);
      expect(login.status).toBe(200);
      // Signing in then leads to the person's own work, on this site.
      expect(await login.text()).toContain('name="next" value="/my-work"');
      const user = await buildUser(database.db, [{ role: 'member' }]);
      const form = await send('POST', '/login', {
        form: { email: user.email, password: PASSWORD, next: decodeURIComponent(next) },
      });
      expect(form.status).toBe(303);
      expect(form.headers.get('location')).toBe('/my-work');
    });

    it('keeps a plain local next, query included', async () => {
      const lang = await send('GET', `/lang/en?next=${encodeURIComponent('/cycles?state=open')}`);
      expect(lang.headers.get('location')).toBe('/cycles?state=open');
    });

    it('answers a newline in next with a redirect home, not a 500', async () => {
      const res = await send('GET', '/lang/en?next=/%0a/x');
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/');
    });
  });

  it('does the same from the command line: deactivate, activate, revoke a grant, list and revoke tokens', async () => {
    const lines: string[] = [];
    const cli = (...args: string[]) => runUserCommand(database.db, args, (line) => lines.push(line));
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const { cookie } = await signIn(user.email, PASSWORD);

    expect(await cli('deactivate', '--email', user.email)).toBe(0);
    expect((await me({ cookie })).status).toBe(401);
    expect((await me(user.auth)).status).toBe(401);
    expect(await cli('activate', '--email', user.email)).toBe(0);
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);

    const fresh = (await (
      await send('POST', '/api/v1/tokens', {
        json: { name: 'nuevo' },
        headers: { cookie: (await signIn(user.email, PASSWORD)).cookie },
      })
    ).json()) as { id: string; token: string };
    lines.length = 0;
    expect(await cli('tokens', '--email', user.email)).toBe(0);
    expect(lines.some((l) => l.startsWith(fresh.id) && l.includes('active') && l.includes('nuevo'))).toBe(true);
    expect(await cli('revoke-token', '--email', user.email, '--token', fresh.id)).toBe(0);
    expect((await me({ authorization: `Bearer ${fresh.token}` })).status).toBe(401);

    expect(await cli('revoke', '--email', user.email, '--role', 'member')).toBe(0);
    const { cookie: again } = await signIn(user.email, PASSWORD);
    expect(((await (await me({ cookie: again })).json()) as { grants: unknown[] }).grants).toEqual([]);
    await expect(cli('revoke', '--email', user.email, '--role', 'member')).rejects.toThrow(/has no grant member/);
  });
});
