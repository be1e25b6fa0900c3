/**
 * One-time links (invitations, password resets) on PGlite and PostgreSQL: where
 * their address comes from, what using one ends, how often they can be asked
 * for, which new passwords they accept, and what the outbox and the audit
 * trail keep of them.
 */
import http from 'node:http';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import type { Database } from '../../src/db/connect.ts';
import { auditEvents, jobs, oneTimeTokens, outbox, rateLimits } from '../../src/db/schema/index.ts';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { createTransport, type MailTransport, mailHandlers } from '../../src/modules/mail/mailer.ts';
import { type Sending, sender } from '../support/app.ts';
import { startE2eServer } from '../support/browser.ts';
import { dialects, openLoadedDatabase, silentLog } from '../support/databases.ts';
import { buildUser, PASSWORD } from '../support/factories.ts';
import { startSmtpServer } from '../support/smtp.ts';

const LISTENING = 'http://127.0.0.1:4567';
const NEW_PASSWORD = 'marea alta en Valparaíso';

type Problem = { code: string; errors?: { field: string; message: string }[] };

describe.each(dialects())('one-time links on $name', (dialect) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    // As `startServer` makes it: no public address configured, the listening one known.
    app = createApp({ db: database.db, log: silentLog, listenUrl: LISTENING });
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.delete(rateLimits);
  });

  const send = (method: string, path: string, options?: Sending) => sender(app, '192.0.2.1')(method, path, options);
  const mailsTo = (to: string) =>
    database.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(outbox.createdAt, outbox.id);
  const resetLink = async (email: string) => {
    const texts = (await mailsTo(email)).map((m) => m.text);
    const token = texts.at(-1)?.match(/\/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error(`no reset link mailed to ${email}`);
    return token;
  };
  const setPassword = (token: string, password: string) =>
    send('POST', `/api/v1/password-resets/${token}`, { json: { password } });

  it('builds reset and invitation links from the server’s own address, never from a forged Host or X-Forwarded-Host', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    expect(
      (await send('POST', '/api/v1/auth/password-reset', { json: { email: user.email }, headers: forged })).status,
    ).toBe(202);
    expect((await send('POST', '/forgot-password', { form: { email: user.email }, headers: forged })).status).toBe(200);
    const invited = await send('POST', '/api/v1/users', {
      json: { email: 'invitada.host@example.org', name: 'Invitada', grants: [] },
      headers: { ...forged, ...secretariat.auth },
    });
    expect(invited.status).toBe(201);
    const texts = [...(await mailsTo(user.email)), ...(await mailsTo('invitada.host@example.org'))].map((m) => m.text);
    expect(texts).toHaveLength(3);
    for (const text of texts) {
      expect(text).not.toContain('evil.example');
      expect(text).toMatch(new RegExp(`${LISTENING}/(reset-password|invitations)/[A-Za-z0-9_-]{20,}`));
    }
    // ENLACE_PUBLIC_URL, when set, is the address.
    const configured = createApp({ db: database.db, log: silentLog, publicUrl: 'https://enlace.example.org/' });
    await configured.request('/api/v1/auth/password-reset', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...forged },
      body: JSON.stringify({ email: user.email }),
    });
    expect((await mailsTo(user.email)).at(-1)?.text).toContain('https://enlace.example.org/reset-password/');
  });

  it('ends every session, API token and feed secret of the account when a reset link is used, and voids its other links', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const login = await send('POST', '/api/v1/auth/login', { json: { email: user.email, password: PASSWORD } });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const feedUrl = ((await (await send('GET', '/api/v1/me', { headers: user.auth })).json()) as { feedUrl: string })
      .feedUrl;
    const feed = feedUrl.slice(LISTENING.length);
    expect((await send('GET', feed)).status).toBe(200);

    await send('POST', '/api/v1/auth/password-reset', { json: { email: user.email } });
    const first = await resetLink(user.email);
    await send('POST', '/api/v1/auth/password-reset', { json: { email: user.email } });
    const second = await resetLink(user.email);
    expect(second).not.toBe(first);

    expect((await setPassword(second, NEW_PASSWORD)).status).toBe(204);
    expect((await send('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await send('GET', '/api/v1/me', { headers: user.auth })).status).toBe(401);
    expect((await send('GET', feed)).status).toBe(401);
    // The link works once, and the other link sent before it is void.
    expect((await setPassword(second, 'otra contraseña muy larga')).status).toBe(410);
    expect((await setPassword(first, 'otra contraseña muy larga')).status).toBe(410);
    // The new password signs in; the old one does not.
    expect(
      (await send('POST', '/api/v1/auth/login', { json: { email: user.email, password: NEW_PASSWORD } })).status,
    ).toBe(200);
    expect((await send('POST', '/api/v1/auth/login', { json: { email: user.email, password: PASSWORD } })).status).toBe(
      401,
    );
  });

  it('refuses an expired link and the link of a deactivated account', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    await send('POST', '/api/v1/auth/password-reset', { json: { email: user.email } });
    const expired = await resetLink(user.email);
    await database.db
      .update(oneTimeTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oneTimeTokens.userId, user.id));
    expect((await setPassword(expired, NEW_PASSWORD)).status).toBe(410);

    await send('POST', '/api/v1/auth/password-reset', { json: { email: user.email } });
    const live = await resetLink(user.email);
    expect(
      (await send('PATCH', `/api/v1/users/${user.id}`, { json: { active: false }, headers: secretariat.auth })).status,
    ).toBe(200);
    expect((await setPassword(live, NEW_PASSWORD)).status).toBe(410);
    // A deactivated account is sent no more links.
    const before = (await mailsTo(user.email)).length;
    expect((await send('POST', '/api/v1/auth/password-reset', { json: { email: user.email } })).status).toBe(202);
    expect(await mailsTo(user.email)).toHaveLength(before);
  });

  it('sends at most three reset e-mails an hour to an account, and refuses an address asking for more than ten', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    for (let i = 0; i < 5; i++) {
      const res = await send('POST', '/api/v1/auth/password-reset', {
        json: { email: user.email },
        address: `198.51.100.${i}`,
      });
      expect(res.status).toBe(202);
    }
    expect(await mailsTo(user.email)).toHaveLength(3);

    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await send('POST', '/api/v1/auth/password-reset', {
        json: { email: `nobody${i}@example.org` },
        address: '203.0.113.7',
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses[10]).toBe(429);
    const page = await send('POST', '/forgot-password', { form: { email: user.email }, address: '203.0.113.7' });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain('espere una hora');
  });

  it('refuses a common, repetitive or personal new password, naming the field, and keeps the link usable', async () => {
    const user = await buildUser(database.db, [{ role: 'member' }]);
    await send('POST', '/api/v1/auth/password-reset', { json: { email: user.email } });
    const token = await resetLink(user.email);
    for (const [password, message] of [
      ['password12345', 'too common'],
      ['qwerty123456', 'too common'],
      ['aaaaaaaaaaaaaaaa', 'pattern repeated'],
      ['123456789012', 'consecutive'],
      [user.email, 'your e-mail address'],
    ] as const) {
      const res = await send('POST', `/api/v1/password-resets/${token}`, {
        json: { password },
        headers: { 'accept-language': 'en' },
      });
      expect(res.status).toBe(400);
      const problem = (await res.json()) as Problem;
      expect(problem.errors?.[0]?.field).toBe('password');
      expect(problem.errors?.[0]?.message).toContain(message);
    }
    const form = await send('POST', `/reset-password/${token}`, { form: { password: 'password12345' } });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('demasiado común');
    expect((await setPassword(token, NEW_PASSWORD)).status).toBe(204);
  });

  describe('in the outbox', () => {
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let transport: MailTransport;
    beforeAll(async () => {
      smtp = await startSmtpServer();
      transport = createTransport(
        { smtpUrl: smtp.url, from: 'Enlace <no-reply@enlace.localhost>' },
        silentLog,
      ) as MailTransport;
    });
    afterAll(async () => {
      transport?.close();
      await smtp?.close();
    });
    const outboxEntry = async (secretariat: { auth: Record<string, string> }, to: string) => {
      const list = (await (await send('GET', '/api/v1/outbox?limit=200', { headers: secretariat.auth })).json()) as {
        kind: string;
        to: string;
        text: string;
        status: string;
        smtpResponse: string | null;
      }[];
      return list.find((m) => m.to === to);
    };

    it('shows a link while it waits to go out and can be used, masks it once used or sent, and never audits it', async () => {
      const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
      const user = await buildUser(database.db, [{ role: 'member' }]);
      await send('POST', '/api/v1/auth/password-reset', { json: { email: user.email } });
      const token = await resetLink(user.email);
      const waiting = await outboxEntry(secretariat, user.email);
      expect(waiting?.status).toBe('queued');
      expect(waiting?.kind).toBe('password_reset');
      expect(waiting?.text).toContain(token);
      expect((await setPassword(token, NEW_PASSWORD)).status).toBe(204);
      const used = await outboxEntry(secretariat, user.email);
      expect(used?.text).not.toContain(token);
      expect(used?.text).toContain('/reset-password/••••••••');

      // An invitation that goes out through a real SMTP server is masked in the copy kept.
      await send('POST', '/api/v1/users', {
        json: { email: 'invitada.smtp@example.org', name: 'Invitada', grants: [] },
        headers: secretariat.auth,
      });
      const [invitation] = await mailsTo('invitada.smtp@example.org');
      const secret = invitation?.text.match(/\/invitations\/([A-Za-z0-9_-]+)/)?.[1] as string;
      await database.db.delete(jobs).where(sql`${jobs.payload}->>'outboxId' <> ${invitation?.id}`);
      expect(
        await runDueJobs(database.db, mailHandlers(transport, 'Enlace <no-reply@enlace.localhost>'), { workerId: 'w' }),
      ).toBe(1);
      // Quoted-printable folds long lines with a soft break (`=` at the end of a line).
      expect(smtp.received.join('\n').replace(/=\r?\n/g, '')).toContain(secret);
      const sent = await outboxEntry(secretariat, 'invitada.smtp@example.org');
      expect(sent?.status).toBe('sent');
      expect(sent?.kind).toBe('invitation');
      expect(sent?.smtpResponse).toMatch(/^250/);
      expect(sent?.text).not.toContain(secret);
      const [stored] = await mailsTo('invitada.smtp@example.org');
      expect(stored?.text).not.toContain(secret);
      // The audit trail keeps who was invited and who reset a password, never a link.
      const audit = JSON.stringify(await database.db.select().from(auditEvents));
      expect(audit).not.toContain(secret);
      expect(audit).not.toContain(token);
    });
  });
});

describe('the real server, reached with a forged Host', () => {
  let running: Awaited<ReturnType<typeof startE2eServer>>;
  beforeAll(async () => {
    running = await startE2eServer('enlace-host-');
  });
  afterAll(async () => {
    await running?.stop();
  });

  /** A raw request whose Host and X-Forwarded-Host headers an attacker chose. */
  const forgedPost = (path: string, body: string, type: string) =>
    new Promise<number>((resolve, reject) => {
      const url = new URL(path, running.server.url);
      const req = http.request(
        url,
        {
          method: 'POST',
          setHost: false,
          headers: {
            host: 'evil.example',
            'x-forwarded-host': 'evil.example',
            'content-type': type,
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('mails links to the address it listens on', async () => {
    const email = 'admin@enlace.localhost';
    expect(await forgedPost('/api/v1/auth/password-reset', JSON.stringify({ email }), 'application/json')).toBe(202);
    expect(
      await forgedPost('/forgot-password', `email=${encodeURIComponent(email)}`, 'application/x-www-form-urlencoded'),
    ).toBe(200);
    const texts = (await running.server.database.db.select().from(outbox).where(eq(outbox.to, email))).map(
      (m) => m.text,
    );
    expect(texts).toHaveLength(2);
    for (const text of texts) {
      expect(text).not.toContain('evil.example');
      expect(text).toContain(`${running.server.url}/reset-password/`);
    }
  });
});
