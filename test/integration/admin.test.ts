/** Administration on PGlite and PostgreSQL: outbox and audit API, the invitation flow through the pages. */

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { outbox as outboxTable } from '../../src/db/schema/index.ts';
import { queueMail } from '../../src/modules/mail/mail.service.ts';
import { appOn, jsonSender, postForm as postFormAs, type Session, signIn as signInAs } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast, PASSWORD, type TestUser } from '../support/factories.ts';

type OutboxMessage = { id: string; to: string; subject: string; text: string; sentAt: string | null };
type AuditEvent = {
  action: string;
  entityType: string;
  entityId: string;
  user: { id: string; name: string } | null;
  after: unknown;
};
type Problem = { code: string; errors?: { field: string }[] };

describe.each(dialects())('administration on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let cast: Cast;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    cast = await buildCast(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const signIn = (user: { email: string }, password = PASSWORD) => signInAs(web.app, user.email, password);
  const postForm = (path: string, fields: Record<string, string>, session?: Session) =>
    postFormAs(web.app, path, fields, session);

  const send = (method: string, path: string, auth: Record<string, string>, body?: unknown) =>
    jsonSender(web.app)(method, path, auth, body);
  const outbox = async (user: TestUser, query = '') => web.json<OutboxMessage[]>(`/api/v1/outbox${query}`, user.auth);

  it('shows the outbox and the audit trail to the secretariat only', async () => {
    for (const path of ['/api/v1/outbox', '/api/v1/audit']) {
      expect((await web.get(path, cast.secretariat.auth)).status).toBe(200);
      expect((await web.get(path, cast.focalPoint.auth)).status).toBe(403);
      expect((await web.get(path, cast.member.auth)).status).toBe(403);
      const anonymous = await web.get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('pages the API lists and names a malformed limit', async () => {
    const tooMany = await web.json<Problem>('/api/v1/outbox?limit=500', cast.secretariat.auth);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.map((e) => e.field)).toContain('limit');
    const audit = await web.json<AuditEvent[]>('/api/v1/audit?entityType=user&limit=3', cast.secretariat.auth);
    expect(audit.status).toBe(200);
    expect(audit.body).toHaveLength(3);
    expect(audit.body.every((e) => e.entityType === 'user')).toBe(true);
    const second = await web.json<AuditEvent[]>(
      '/api/v1/audit?entityType=user&limit=3&offset=3',
      cast.secretariat.auth,
    );
    expect(second.body[0]).not.toEqual(audit.body[0]);
  });

  it('invites a user through the pages: e-mail with a link, password chosen, sign-in works', async () => {
    const session = await signIn(cast.secretariat);
    expect(session.status).toBe(200);
    const email = `invited-${Date.now()}@example.org`;
    const invited = await postForm(
      '/admin/users',
      { email, name: 'Ana Invitada', locale: 'en', role: 'focal_point', actorId: '' },
      session,
    );
    // A focal point needs an actor: the form comes back naming the field.
    expect(invited.status).toBe(400);
    expect(await invited.text()).toContain('id="invite-actor-error"');

    const mx = (await web.json<{ id: string }>('/api/v1/actors/mx')).body;
    const sent = await postForm(
      '/admin/users',
      { email, name: 'Ana Invitada', locale: 'en', role: 'focal_point', actorId: mx.id },
      session,
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/admin/users?invited=${encodeURIComponent(email)}`);
    const confirmation = await web.get(`/admin/users?invited=${encodeURIComponent(email)}`, {
      cookie: session.cookie,
      'accept-language': 'en',
    });
    const page = await confirmation.text();
    expect(page).toContain(`An invitation was sent to ${email}.`);
    expect(page).toContain('Ana Invitada');
    expect(page).toContain('Invitation pending');

    const message = (await outbox(cast.secretariat)).body.find((m) => m.to === email);
    // Who invites, for which actor and role, and what the person will do.
    expect(message?.subject).toMatch(/^Secretariat \d+ invites you to Enlace$/);
    expect(message?.text).toContain('Focal point of Mexico: you will write Mexico’s annual reports');
    const token = message?.text.match(/\/invitations\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeDefined();

    expect((await web.get(`/invitations/${token}`)).status).toBe(200);
    const newPassword = 'a brand new passphrase 42';
    const chosen = await postForm(`/invitations/${token}`, { password: newPassword });
    // Signed in at once, and shown their own work.
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get('location')).toBe('/my-work?done=welcome');
    const cookie = (chosen.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const home = await web.get('/my-work?done=welcome', { cookie, 'accept-language': 'en' });
    expect(home.status).toBe(200);
    const homePage = await home.text();
    expect(homePage).toContain('your password is saved and you are signed in');
    expect(homePage).toContain('My work, Ana Invitada');
    expect((await signIn({ email }, newPassword)).status).toBe(200);
    // The link, opened again, says at once that it was used.
    const again = await web.get(`/invitations/${token}`, { 'accept-language': 'en' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('This link has already been used');

    const events = (await web.json<AuditEvent[]>('/api/v1/audit?entityType=user', cast.secretariat.auth)).body;
    const invitation = events.find(
      (e) => e.action === 'user.invite' && (e.after as { email?: string }).email === email,
    );
    expect(invitation?.user?.id).toBe(cast.secretariat.id);
  });

  it('sends a lost invitation again, the old link no longer working, and only to someone not yet in', async () => {
    const session = await signIn(cast.secretariat);
    const email = `lost-${Date.now()}@example.org`;
    const created = await send('POST', '/api/v1/users', cast.secretariat.auth, {
      email,
      name: 'Pedro Perdido',
      grants: [{ role: 'member' }],
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const linkOf = async () =>
      (await outbox(cast.secretariat)).body
        .filter((m) => m.to === email)
        .map((m) => m.text.match(/\/invitations\/([A-Za-z0-9_-]+)/)?.[1]);
    const [first] = await linkOf();
    const userPage = await web.get(`/admin/users/${id}`, { cookie: session.cookie });
    expect(await userPage.text()).toContain('Reenviar la invitación');
    const resent = await postForm(`/admin/users/${id}/invitation`, {}, session);
    expect(resent.status).toBe(303);
    expect(resent.headers.get('location')).toBe(`/admin/users/${id}?done=reinvited`);
    const links = await linkOf();
    expect(links).toHaveLength(2);
    const second = links.find((l) => l !== first);
    expect((await web.get(`/invitations/${first}`)).status).toBe(410);
    expect((await web.get(`/invitations/${second}`)).status).toBe(200);
    // Through the API too; once the person has chosen a password, there is nothing to resend.
    expect((await send('POST', `/api/v1/users/${id}/invitation`, cast.secretariat.auth)).status).toBe(200);
    expect((await send('POST', `/api/v1/users/${id}/invitation`, cast.focalPoint.auth)).status).toBe(403);
    const inUse = await send('POST', `/api/v1/users/${cast.member.id}/invitation`, cast.secretariat.auth);
    expect(inUse.status).toBe(409);
    const shown = await postForm(`/admin/users/${cast.member.id}/invitation`, {}, session);
    expect(shown.status).toBe(409);
    expect(await shown.text()).toContain('no se le puede reenviar la invitación');
    expect(await (await web.get(`/admin/users/${cast.member.id}`, { cookie: session.cookie })).text()).not.toContain(
      'Reenviar la invitación',
    );
  });

  it('finds users by name, role, actor and state', async () => {
    const session = await signIn(cast.secretariat);
    const page = async (query: string) => {
      const res = await web.get(`/admin/users${query}`, { cookie: session.cookie });
      return { status: res.status, html: await res.text() };
    };
    const mx = (await web.json<{ id: string }>('/api/v1/actors/mx')).body;
    const byActor = await page(`?role=focal_point&actor=${mx.id}`);
    expect(byActor.status).toBe(200);
    expect(byActor.html).toContain(cast.focalPoint.email);
    expect(byActor.html).not.toContain(cast.otherFocalPoint.email);
    expect(byActor.html).not.toContain(cast.validator.email);
    const byName = await page(`?q=${encodeURIComponent('VALIDATOR')}`);
    expect(byName.html).toContain(cast.validator.email);
    expect(byName.html).toContain(cast.otherValidator.email);
    expect(byName.html).not.toContain(cast.focalPoint.email);
    const none = await page('?q=nadie-con-este-nombre');
    expect(none.html).toMatch(/Ningún usuario de \d+/);
    expect(none.html).not.toContain('<table');
    // The filters keep their values; a wrong one is named.
    expect(byActor.html).toMatch(/<option value="focal_point" selected=""/);
    const wrong = await page('?state=perdido');
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('«state»');
  });

  it('tells the audit trail as sentences with names, and what changed as before → after', async () => {
    const session = await signIn(cast.secretariat);
    const spare = await send('POST', '/api/v1/users', cast.secretariat.auth, {
      email: `audited-${Date.now()}@example.org`,
      name: 'Marta Auditada',
      grants: [{ role: 'member' }],
    });
    const id = (spare.body as { id: string }).id;
    expect((await send('PATCH', `/api/v1/users/${id}`, cast.secretariat.auth, { active: false })).status).toBe(200);
    const res = await web.get('/admin/audit?entityType=user', { cookie: session.cookie });
    const html = await res.text();
    const row = html.match(/<tr>(?:(?!<\/tr>).)*desactivó la cuenta de(?:(?!<\/tr>).)*<\/tr>/s)?.[0] ?? '';
    expect(row).toContain(`desactivó la cuenta de <a href="/admin/users/${id}">Marta Auditada</a>`);
    expect(row).toMatch(/Secretariat \d+ desactivó/);
    expect(row).toContain('<dt>Activa</dt><dd><del>true</del> → <ins>false</ins></dd>');
    expect(row).not.toContain(`${id.slice(0, 8)}</code>`);
    const english = await (
      await web.get('/admin/audit?entityType=user', { cookie: session.cookie, 'accept-language': 'en' })
    ).text();
    expect(english).toContain('invited <a href=');
  });

  it('refuses an invalid e-mail address in the invitation form with a 400 naming the field', async () => {
    const session = await signIn(cast.secretariat);
    const res = await postForm(
      '/admin/users',
      { email: 'not-an-address', name: 'X', locale: 'es', role: 'member' },
      session,
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('id="invite-email-error"');
    expect(page).toMatch(/id="invite-email"[^>]*aria-invalid="true"/);
    expect(page).toContain('«Correo electrónico» debe ser una dirección de correo válida');
  });

  it('lists users, the audit trail and the outbox in pages the secretariat alone can open', async () => {
    const session = await signIn(cast.secretariat);
    const users = await (await web.get('/admin/users', { cookie: session.cookie })).text();
    expect(users).toContain(cast.focalPoint.email);
    expect(users).toContain('Punto focal — México');
    for (const path of ['/admin', '/admin/audit?entityType=user', '/admin/audit?page=2', '/admin/outbox']) {
      expect((await web.get(path, { cookie: session.cookie })).status).toBe(200);
    }
    // The outbox page lists each message: recipient, subject, text and how its delivery went.
    const stamp = Date.now();
    const queued = await queueMail(database.db, {
      dedupeKey: `outbox-page:queued:${stamp}`,
      kind: 'reminder',
      to: `queued-${stamp}@example.org`,
      subject: 'Recordatorio en espera',
      text: 'Su informe vence pronto.',
    });
    const failed = await queueMail(database.db, {
      dedupeKey: `outbox-page:failed:${stamp}`,
      kind: 'reminder',
      to: `refused-${stamp}@example.org`,
      subject: 'Invitación rechazada',
      text: '…',
    });
    await database.db
      .update(outboxTable)
      .set({ status: 'failed', attempts: 2, lastError: '550 No such mailbox' })
      .where(eq(outboxTable.id, failed.id));
    const outboxPage = await (
      await web.get('/admin/outbox', { cookie: session.cookie, 'accept-language': 'en' })
    ).text();
    const rowOf = (to: string) => outboxPage.match(new RegExp(`<tr><td>${to}</td>.*?</tr>`, 's'))?.[0] ?? '';
    const queuedRow = rowOf(`queued-${stamp}@example.org`);
    expect(queuedRow).toContain('<summary>Recordatorio en espera</summary>');
    expect(queuedRow).toContain('Su informe vence pronto.');
    expect(queuedRow).toContain('Queued: not sent yet');
    const failedRow = rowOf(`refused-${stamp}@example.org`);
    expect(failedRow).toContain('<summary>Invitación rechazada</summary>');
    expect(failedRow).toContain('Failed (attempts: 2); it will be tried again');
    expect(failedRow).toContain('Last error: 550 No such mailbox');
    expect(queued.created).toBe(true);
    const audit = await (await web.get('/admin/audit?entityType=user', { cookie: session.cookie })).text();
    expect(audit).toContain('<details>');
    // The filter names the kinds of thing in the reader's language.
    expect(audit).toMatch(/<option value="user" selected="">Usuarios<\/option>/);

    const anonymous = await web.get('/admin/users');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers');
    const focal = await signIn(cast.focalPoint);
    expect((await web.get('/admin/outbox', { cookie: focal.cookie })).status).toBe(403);
    const forged = await postForm(
      '/admin/users',
      { email: 'x@example.org', name: 'X', locale: 'es', role: 'secretariat' },
      focal,
    );
    expect(forged.status).toBe(403);
  });
});
