/**
 * A forgotten password, end to end as its owner lives it: the form, the
 * e-mail delivered by a real SMTP server, the link opened, a new password
 * chosen in the page; then everything signed in before is gone. The link
 * works once and not after it expires (the clock is moved, nothing sleeps);
 * a deactivated account asking for one is answered like anyone and sent
 * nothing. (The API's side of the links is in account-links.test.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.tsx';
import type { Database } from '../../src/db/connect.ts';
import { RESET_HOURS } from '../../src/modules/accounts/account.service.ts';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { createTransport, type MailTransport, mailHandlers } from '../../src/modules/mail/mailer.ts';
import { sender, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase, silentLog } from '../support/databases.ts';
import { buildUser, PASSWORD, type TestUser } from '../support/factories.ts';
import { startSmtpServer } from '../support/smtp.ts';

const PUBLIC_URL = 'https://enlace.example.org';
const FROM = 'Enlace <no-reply@enlace.example.org>';
const FIRST_NEW = 'faro de Punta Arenas al alba';
const SECOND_NEW = 'colibrí sobre el lago Atitlán';

/** The text of a delivered message, its quoted-printable encoding (body and headers) undone. */
const decoded = (raw: string) =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

describe.each(dialects())('a password reset, end to end, on $name', (dialect) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let transport: MailTransport;
  let send: ReturnType<typeof sender>;

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    app = createApp({ db: database.db, log: silentLog, publicUrl: PUBLIC_URL });
    send = sender(app);
    smtp = await startSmtpServer();
    transport = createTransport({ smtpUrl: smtp.url, from: FROM }, silentLog) as MailTransport;
  }, 120_000);
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    transport?.close();
    await smtp?.close();
    await database?.close();
  });

  const page = async (
    method: 'GET' | 'POST',
    path: string,
    options: { form?: Record<string, string>; cookie?: string } = {},
  ) => {
    const res = await send(method, path, {
      ...(options.form ? { form: options.form } : {}),
      headers: { 'accept-language': 'en', ...(options.cookie ? { cookie: options.cookie } : {}) },
    });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  };
  const mailsTo = (email: string) => smtp.received.filter((raw) => raw.includes(`To: ${email}`)).map(decoded);
  /** Runs the mail jobs, as the runner does, and waits for the message to `email` to reach the SMTP server. */
  const deliveredLink = async (email: string, count: number) => {
    await runDueJobs(database.db, mailHandlers(transport, FROM), { workerId: 'test' });
    await expect.poll(() => mailsTo(email).length, { timeout: 10_000 }).toBe(count);
    const mail = mailsTo(email).at(-1) as string;
    expect(mail).toMatch(/^Subject: .*Nueva.contraseña.para.Enlace/m);
    const link = mail.match(/https:\/\/enlace\.example\.org(\/reset-password\/[A-Za-z0-9_-]{20,})/)?.[1];
    expect(link, mail).toBeDefined();
    return link as string;
  };
  const forgot = (email: string) => page('POST', '/forgot-password', { form: { email } });
  const me = (headers: Record<string, string>) => send('GET', '/api/v1/me', { headers });

  it('mails a link that sets a new password once, ending every session and token signed in before', async () => {
    const user = await buildUser(database.db, [{ role: 'focal_point', actor: 'mx' }], 'Olvidadiza');
    const laptop = await signIn(app, user.email);
    const phone = await signIn(app, user.email);
    for (const session of [laptop, phone])
      expect((await page('GET', '/account', { cookie: session.cookie })).status).toBe(200);
    expect((await me(user.auth)).status).toBe(200);

    const form = await page('GET', '/forgot-password');
    expect(form.text).toContain('action="/forgot-password"');
    const asked = await forgot(user.email);
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('If an account with that address exists, we sent it a link.');

    const link = await deliveredLink(user.email, 1);
    const opened = await page('GET', link);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain(`action="${link}"`);
    expect(opened.text).toContain('Choose a new password for your account.');

    const saved = await page('POST', link, { form: { password: FIRST_NEW } });
    expect(saved).toMatchObject({ status: 303, location: '/login?done=password' });
    expect((await page('GET', '/login?done=password')).text).toContain('Password saved. You can sign in now.');

    // Everything signed in before the reset is gone: both browsers and the API token.
    for (const session of [laptop, phone]) {
      const account = await page('GET', '/account', { cookie: session.cookie });
      expect(account.status).toBe(303);
      expect(account.location).toMatch(/^\/login\?next=/);
      expect((await me({ cookie: session.cookie })).status).toBe(401);
    }
    expect((await me(user.auth)).status).toBe(401);

    // The old password no longer signs in; the new one does, and that session works.
    expect((await signIn(app, user.email, PASSWORD)).status).toBe(401);
    const fresh = await signIn(app, user.email, FIRST_NEW);
    expect(fresh.status).toBe(200);
    expect((await page('GET', '/account', { cookie: fresh.cookie })).text).toContain(user.email);

    // The same link a second time is refused, and the password stays the one it set.
    const again = await page('POST', link, { form: { password: SECOND_NEW } });
    expect(again.status).toBe(410);
    expect(again.text).toContain('The link is invalid, already used or expired; ask for a new one');
    expect((await signIn(app, user.email, SECOND_NEW)).status).toBe(401);
    expect((await signIn(app, user.email, FIRST_NEW)).status).toBe(200);
  });

  it(`refuses a link once its ${RESET_HOURS} hours are over, and takes it while they last`, async () => {
    const user = await buildUser(database.db, [{ role: 'member' }], 'Tardía');
    expect((await forgot(user.email)).status).toBe(200);
    const link = await deliveredLink(user.email, 1);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + RESET_HOURS * 3_600_000 + 60_000);
    const expired = await page('POST', link, { form: { password: SECOND_NEW } });
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('The link is invalid, already used or expired; ask for a new one');
    vi.useRealTimers();
    expect((await signIn(app, user.email, SECOND_NEW)).status).toBe(401);

    // The same link, back within its hours: the refusal was the clock's.
    expect((await page('POST', link, { form: { password: SECOND_NEW } })).status).toBe(303);
    expect((await signIn(app, user.email, SECOND_NEW)).status).toBe(200);
  });

  it('answers a deactivated account as it answers anyone, mails it nothing, and keeps it signed out', async () => {
    const secretariat = await buildUser(database.db, [{ role: 'secretariat' }], 'Secretaría');
    const leaver: TestUser = await buildUser(database.db, [{ role: 'member' }], 'Dada de baja');
    const deactivated = await send('PATCH', `/api/v1/users/${leaver.id}`, {
      json: { active: false },
      headers: secretariat.auth,
    });
    expect(deactivated.status).toBe(200);

    const active = await buildUser(database.db, [{ role: 'member' }], 'Activa');
    const answers = await Promise.all(
      [leaver.email, active.email, 'nadie.conocido@example.org'].map(async (email) => {
        const res = await forgot(email);
        // The same page whoever asks; only the per-response nonce differs.
        return { status: res.status, text: res.text.replace(/nonce="[^"]*"/g, '') };
      }),
    );
    expect(answers[0]?.status).toBe(200);
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toEqual(answers[2]);

    // The active account's mail goes out; the deactivated one's never does.
    await deliveredLink(active.email, 1);
    expect(mailsTo(leaver.email)).toEqual([]);
    // Signing in is refused exactly as a wrong password is.
    const refused = await signIn(app, leaver.email, PASSWORD);
    const wrong = await signIn(app, active.email, 'not the password at all');
    expect(refused.status).toBe(401);
    expect(refused.status).toBe(wrong.status);
  });
});
