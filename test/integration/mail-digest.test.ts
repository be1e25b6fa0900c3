/**
 * A daily digest instead of one e-mail per notice: a person who chooses it
 * (on the account page or through the API) has the day's news held and then
 * sent as one message at noon UTC, in their language, listing each notice;
 * everyone else keeps getting each message at once, and invitations always
 * go at once.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { jobs, outbox } from '../../src/db/schema/index.ts';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { digestHandlers, scheduleDigest, sendDigests } from '../../src/modules/mail/digest.ts';
import { queueMail } from '../../src/modules/mail/mail.service.ts';
import { mailHandlers } from '../../src/modules/mail/mailer.ts';
import { notificationHandlers } from '../../src/modules/reporting/report-notifications.ts';
import { appOn, type JsonSend, jsonSender, postForm, sender, signIn } from '../support/app.ts';
import { openedCycle } from '../support/cycles.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildUser, type TestUser } from '../support/factories.ts';

const BASE = 'https://enlace.example.org';

describe.each(dialects())('the daily digest on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: JsonSend;
  let secretariat: TestUser;
  let daily: TestUser;
  let atOnce: TestUser;

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    secretariat = await buildUser(database.db, [{ role: 'secretariat' }], 'Secretaría');
    daily = await buildUser(database.db, [{ role: 'focal_point', actor: 'pe' }], 'Rosa');
    atOnce = await buildUser(database.db, [{ role: 'focal_point', actor: 'pe' }], 'Jorge');
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const run = () =>
    runDueJobs(
      database.db,
      { ...notificationHandlers(BASE), ...digestHandlers(), ...mailHandlers(null, 'Enlace <no-reply@example.org>') },
      { workerId: 'test' },
    );
  const messagesTo = (user: TestUser) =>
    database.db
      .select({ kind: outbox.kind, status: outbox.status, subject: outbox.subject, text: outbox.text })
      .from(outbox)
      .where(eq(outbox.to, user.email));

  it('lets each person choose, on the account page or through the API', async () => {
    expect((await send('GET', '/api/v1/me', daily.auth)).body.mailDigest).toBe(false);
    const session = await signIn(web.app, daily.email);
    const page = await sender(web.app)('GET', '/account', { headers: { cookie: session.cookie } });
    const html = await page.text();
    expect(html).toMatch(/<input type="radio" id="mail-immediate" name="mail" value="immediate" checked=""/);
    const chosen = await postForm(web.app, '/account/mail', { mail: 'digest' }, session);
    expect(chosen.status).toBe(303);
    expect((await send('GET', '/api/v1/me', daily.auth)).body.mailDigest).toBe(true);
    const back = await send('PATCH', '/api/v1/me', daily.auth, { mailDigest: false });
    expect(back.status).toBe(200);
    expect(back.body.mailDigest).toBe(false);
    expect((await send('PATCH', '/api/v1/me', daily.auth, { mailDigest: 'yes' })).status).toBe(400);
    expect((await send('PATCH', '/api/v1/me', daily.auth, { mailDigest: true })).body.mailDigest).toBe(true);
    const wrong = await postForm(web.app, '/account/mail', { mail: 'weekly' }, session);
    expect(wrong.status).toBe(400);
  });

  it('holds the news for the digest and sends it once, at noon, listing each notice', async () => {
    const cycle = await openedCycle(database.db, secretariat.principal, '2043');
    await run();
    const first = await messagesTo(daily);
    expect(first.map((m) => [m.kind, m.status])).toEqual([['cycle_opened', 'held']]);
    // The other focal point, who did not choose the digest, has it at once (no mail server here: kept, not held).
    expect((await messagesTo(atOnce)).map((m) => [m.kind, m.status])).toEqual([['cycle_opened', 'not_configured']]);
    // An invitation to the person is never held.
    await queueMail(database.db, {
      dedupeKey: `test-invitation:${daily.id}`,
      kind: 'invitation',
      to: daily.email,
      subject: 'Invitación',
      text: 'Elija su contraseña',
    });
    const report = cycle.reportOf('pe');
    expect((await messagesTo(daily)).find((m) => m.kind === 'invitation')?.status).toBe('queued');

    // The day's digest is due at noon UTC: enqueued for a past day, it runs at once.
    await scheduleDigest(database.db, '2026-12-01');
    const [due] = await database.db
      .select({ runAt: jobs.runAt })
      .from(jobs)
      .where(eq(jobs.uniqueKey, 'mail.digest:2026-12-01'));
    expect(due?.runAt.toISOString()).toBe('2026-12-01T12:00:00.000Z');
    await run();
    await run();
    const after = await messagesTo(daily);
    expect(after.find((m) => m.kind === 'cycle_opened')?.status).toBe('digested');
    const digests = after.filter((m) => m.kind === 'digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]?.subject).toBe('Enlace: resumen del 1 de diciembre de 2026 (1 aviso)');
    expect(digests[0]?.text).toContain('Hola, Rosa');
    expect(digests[0]?.text).toContain(first[0]?.subject);
    expect(digests[0]?.text).toContain(`${BASE}/reports/${report}`);
    // Once: nothing is held any more, and the same day's digest is not written again.
    expect(await sendDigests(database.db, '2026-12-01')).toBe(0);
    expect((await messagesTo(daily)).filter((m) => m.kind === 'digest')).toHaveLength(1);
  });
});
