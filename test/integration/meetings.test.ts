/** Meetings, agreements and the iCalendar feeds, on PGlite and PostgreSQL; feeds read back with ical.js. */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { listOutbox } from '../../src/modules/mail/mail.service.ts';
import { appOn, type JsonSend, jsonSender, postForm, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

type Meeting = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  sequence: number;
  state: string;
  agreements?: { id: string; text: string; status: string; owners: { key: string }[]; notes: { text: string }[] }[];
};

function events(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  return component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

describe.each(dialects())('meetings on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let cast: Cast;
  let send: JsonSend;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('has the bundled CAM sessions and CRM meetings with their agreements', async () => {
    const cam = (await send('GET', '/api/v1/meetings?from=2019-01-01&to=2019-12-31&body=cam', {})).body as Meeting[];
    expect(cam).toHaveLength(5);
    expect(cam.every((m) => m.startsAt >= '2019-02-01' && m.endsAt <= '2019-04-30')).toBe(true);
    const crm = (await send('GET', '/api/v1/meetings?from=2003-01-01&to=2007-12-31', {})).body as Meeting[];
    const seminar = crm.find((m) => m.startsAt === '2007-02-15');
    expect(seminar?.endsAt).toBe('2007-02-16');
    const tegucigalpa = crm.find((m) => m.startsAt === '2006-09-18');
    expect(tegucigalpa).toMatchObject({
      title: 'CAPACITACIÓN REGIONAL',
      endsAt: '2006-09-19',
      location: 'TEGUCIGALPA',
      state: 'held',
    });
    const withAgreements = await Promise.all(
      crm.map(async (m) => (await send('GET', `/api/v1/meetings/${m.id}`, {})).body as Meeting),
    );
    const fund = withAgreements.flatMap((m) => m.agreements ?? []).find((a) => a.text.includes('US$60,000'));
    expect(fund?.owners.map((o) => o.key)).toContain('crm');
  });

  it('creates a timed meeting from the form, inviting the ticked actors, and changes it from its own form', async () => {
    const session = await signIn(web.app, cast.secretariat.email);
    const form = await web.get('/meetings/new', { cookie: session.cookie });
    const html = await form.text();
    // The bodies that hold meetings come first.
    expect(html.indexOf('<optgroup label="Órganos que celebran reuniones">')).toBeLessThan(
      html.indexOf('<optgroup label="Estados Miembros"'),
    );
    const fields = {
      body: 'cam',
      kind: 'informal_session',
      title: 'Sesión sobre trabajadores migrantes',
      description: 'Con la participación de la OIT.',
      startsAt: '2027-03-10',
      endsAt: '2027-03-10',
      startTime: '10:00',
      timeZone: 'America/New_York',
      visibility: 'public',
    };
    // One time without the other: the form comes back naming it as it is labelled.
    const half = await postForm(web.app, '/meetings', fields, session);
    expect(half.status).toBe(400);
    const halfPage = await half.text();
    expect(halfPage).toContain('Indique también esta hora, o ninguna de las dos');
    expect(halfPage).toContain('value="Sesión sobre trabajadores migrantes"');
    const body = new URLSearchParams({ ...fields, endTime: '12:30', _csrf: session.csrfToken });
    body.append('invited', 'mx');
    body.append('invited', 'gt');
    const created = await web.app.request('/meetings', {
      method: 'POST',
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    expect(created.status).toBe(303);
    const id = (created.headers.get('location') ?? '').match(/\/meetings\/([0-9a-f-]{36})/)?.[1] as string;
    const meeting = (await send('GET', `/api/v1/meetings/${id}`, {})).body as Meeting & {
      description: string;
      timeZone: string;
      startsAt: string;
      invited?: { key: string }[];
      participants?: { actor: { key: string } }[];
    };
    expect(meeting.description).toBe('Con la participación de la OIT.');
    expect(meeting.timeZone).toBe('America/New_York');
    // Washington is still on standard time (UTC−5) on 10 March 2027: daylight saving starts on the 14th.
    expect(new Date(meeting.startsAt).toISOString()).toBe('2027-03-10T15:00:00.000Z');
    // Its page shows the description, and the times in their zone.
    const shown = await (await web.get(`/meetings/${id}`, {})).text();
    expect(shown).toContain('<p>Con la participación de la OIT.</p>');
    expect(shown).toMatch(/10:00\s*–\s*12:30 \(America\/New York\)/);
    const invitations = (await listOutbox(database.db, { limit: 200 })).filter(
      (m) => m.kind === 'meeting_invitation' && m.subject.includes('Sesión sobre trabajadores migrantes'),
    );
    expect(invitations.length).toBeGreaterThan(0);

    // Its own form shows it as entered, and a change is told to those invited.
    const edit = await (await web.get(`/meetings/${id}/edit`, { cookie: session.cookie })).text();
    expect(edit).toContain('value="10:00"');
    expect(edit).toContain('value="12:30"');
    const changed = await postForm(
      web.app,
      `/meetings/${id}/edit`,
      // As a browser sends the form: the actors still ticked.
      { ...fields, body: '', startTime: '11:00', endTime: '13:00', location: 'Washington, D.C.', invited: 'mx' },
      session,
    );
    expect(changed.status).toBe(303);
    const after = (await send('GET', `/api/v1/meetings/${id}`, {})).body as { startsAt: string; location: string };
    expect(new Date(after.startsAt).toISOString()).toBe('2027-03-10T16:00:00.000Z');
    expect(after.location).toBe('Washington, D.C.');
    const told = (await listOutbox(database.db, { limit: 200 })).filter(
      (m) => m.kind === 'meeting_invitation' && m.subject.includes('Sesión sobre trabajadores migrantes'),
    );
    expect(told.length).toBeGreaterThan(invitations.length);
    // Only the secretariat changes a meeting.
    const focal = await signIn(web.app, cast.focalPoint.email);
    expect((await web.get(`/meetings/${id}/edit`, { cookie: focal.cookie })).status).toBe(403);
  });

  it('invites people by address, tells only the newly invited when invitees change, and edits the agenda', async () => {
    const title = `Taller de expertos ${dialect.name}`;
    const created = await send('POST', '/api/v1/meetings', cast.secretariat.auth, {
      body: 'cam',
      kind: 'expert_meeting',
      title,
      startsAt: '2027-05-04',
      endsAt: '2027-05-05',
      invited: ['mx'],
      guests: ['Experta@Example.org', cast.member.email],
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const mailAbout = async () =>
      (await listOutbox(database.db, { limit: 500 })).filter((m) => m.subject.endsWith(title));
    const first = await mailAbout();
    // The guest without an account by address; the one with an account as that person; the actor's people.
    expect(first.filter((m) => m.to === 'experta@example.org').map((m) => m.subject)).toEqual([`Invitación: ${title}`]);
    expect(first.find((m) => m.to === cast.member.email)?.text).toMatch(/^Hola, Member \d+:/);
    expect(first.some((m) => m.to === cast.focalPoint.email)).toBe(true);
    expect(first.some((m) => m.to === cast.otherFocalPoint.email)).toBe(false);

    // Addresses are seen by the secretariat only.
    const asSecretariat = (await send('GET', `/api/v1/meetings/${id}`, cast.secretariat.auth)).body as {
      guests?: string[];
    };
    expect(asSecretariat.guests).toEqual([cast.member.email, 'experta@example.org'].sort());
    expect((await send('GET', `/api/v1/meetings/${id}`, {})).body).not.toHaveProperty('guests');
    expect(await (await web.get(`/meetings/${id}`, {})).text()).not.toContain('experta@example.org');

    // Inviting more people changes no date: the calendar entry keeps its version, the new ones are invited.
    const more = await send('PATCH', `/api/v1/meetings/${id}`, cast.secretariat.auth, {
      invited: ['mx', 'ca'],
      guests: ['experta@example.org', 'nuevo@example.org'],
    });
    expect(more.status).toBe(200);
    expect((more.body as Meeting).sequence).toBe(0);
    const second = (await mailAbout()).filter((m) => !first.some((f) => f.id === m.id));
    expect(second.map((m) => m.to).sort()).toEqual(
      [cast.otherFocalPoint.email, cast.otherValidator.email, 'nuevo@example.org'].sort(),
    );
    expect(second.every((m) => m.subject === `Invitación: ${title}`)).toBe(true);
    // A real change goes to everyone still invited, as a change; the guest taken off hears nothing.
    await send('PATCH', `/api/v1/meetings/${id}`, cast.secretariat.auth, { location: 'Ciudad de Panamá' });
    const third = (await mailAbout()).filter((m) => ![...first, ...second].some((f) => f.id === m.id));
    expect(third.find((m) => m.to === 'nuevo@example.org')?.subject).toBe(`Cambio: ${title}`);
    expect(third.some((m) => m.to === cast.member.email)).toBe(false);

    // The form shows the invitees and names a guest line that is not an address.
    const session = await signIn(web.app, cast.secretariat.email);
    const edit = await (await web.get(`/meetings/${id}/edit`, { cookie: session.cookie })).text();
    expect(edit).toMatch(/<textarea[^>]*name="guests"[^>]*>experta@example.org\nnuevo@example.org<\/textarea>/);
    expect(edit).toMatch(/id="invited-ca"[^>]*checked/);
    const bad = await postForm(
      web.app,
      `/meetings/${id}/edit`,
      {
        kind: 'expert_meeting',
        title,
        startsAt: '2027-05-04',
        endsAt: '2027-05-05',
        guests: 'experta@example.org\nPedro sin correo',
      },
      session,
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(
      'Línea 2 de «Otras personas invitadas»: «Pedro sin correo» no es una dirección de correo',
    );
    // Unticking every actor and clearing the box takes them all off.
    const none = await postForm(
      web.app,
      `/meetings/${id}/edit`,
      { kind: 'expert_meeting', title, startsAt: '2027-05-04', endsAt: '2027-05-05', guests: '' },
      session,
    );
    expect(none.status).toBe(303);
    const cleared = (await send('GET', `/api/v1/meetings/${id}`, cast.secretariat.auth)).body as {
      guests: string[];
      participants: unknown[];
    };
    expect(cleared).toMatchObject({ guests: [], participants: [] });

    // Agenda items are taken off from the page or the API, the others moving up.
    for (const point of ['Apertura', 'Informe', 'Cierre'])
      await send('POST', `/api/v1/meetings/${id}/agenda`, cast.secretariat.auth, { title: point });
    const agenda = async () =>
      ((await send('GET', `/api/v1/meetings/${id}`, {})).body as { agenda: { id: string; title: string }[] }).agenda;
    const [, informe, cierre] = await agenda();
    const page = await (await web.get(`/meetings/${id}`, { cookie: session.cookie })).text();
    expect(page).toContain('aria-label="Quitar «Informe» de la agenda"');
    const removed = await postForm(web.app, `/meetings/${id}/agenda/${informe?.id}/remove`, {}, session);
    expect(removed.status).toBe(303);
    expect((await agenda()).map((a) => a.title)).toEqual(['Apertura', 'Cierre']);
    expect((await send('DELETE', `/api/v1/meetings/${id}/agenda/${cierre?.id}`, cast.secretariat.auth)).status).toBe(
      204,
    );
    expect((await send('DELETE', `/api/v1/meetings/${id}/agenda/${cierre?.id}`, cast.secretariat.auth)).status).toBe(
      404,
    );
    expect((await agenda()).map((a) => a.title)).toEqual(['Apertura']);
    await send('POST', `/api/v1/meetings/${id}/agenda`, cast.secretariat.auth, { title: 'Clausura' });
    expect((await agenda()).map((a) => a.title)).toEqual(['Apertura', 'Clausura']);
    expect((await send('DELETE', `/api/v1/meetings/${id}/agenda/${informe?.id}`, cast.focalPoint.auth)).status).toBe(
      403,
    );
  });

  it('shows a month as a grid of weeks, and the latest meetings when none is upcoming', async () => {
    const feb = (await send('GET', '/calendar?view=month&month=2006-09', {})).body as string;
    // September 2006 starts on a Friday: the grid starts on Monday 28 August.
    expect(feb).toContain('<caption>septiembre de 2006</caption>');
    expect(feb).toMatch(/<td class="day outside[^"]*"[^>]*><time datetime="2006-08-28">/);
    // The regional training held 18–19 September is on both days, and only there.
    const cell = (date: string) =>
      feb.slice(feb.indexOf(`datetime="${date}"`), feb.indexOf('</td>', feb.indexOf(`datetime="${date}"`)));
    expect(cell('2006-09-18')).toContain('CAPACITACIÓN REGIONAL');
    expect(cell('2006-09-19')).toContain('CAPACITACIÓN REGIONAL');
    expect(cell('2006-09-20')).not.toContain('CAPACITACIÓN REGIONAL');
    // The CAM's sessions known only by their month are listed once, above the grid.
    const cam = (await send('GET', '/calendar?view=month&month=2019-02', {})).body as string;
    expect(cam).toContain('En este mes, sin día fijado');
    expect(
      cam.match(/Sesión Informal de la CAM con personal de la Secretaría de Seguridad Multidimensional/g),
    ).toHaveLength(1);
    // Nothing ahead for this body: the latest it held, instead of an empty page.
    const upcoming = (await send('GET', '/calendar?body=grcm', {})).body as string;
    expect(upcoming).toContain('No hay reuniones próximas con estos filtros');
    expect(upcoming).toContain('GRCM REUNIDO');
  });

  it("puts in an actor's calendar the meetings where it took on an agreement, not only those it holds or is invited to", async () => {
    // The IOM neither held nor was invited to the GRCM of May 2004, where it took on the return-fund agreement.
    const iom = (await send('GET', '/api/v1/meetings?from=2004-01-01&to=2004-12-31&actor=iom', {})).body as Meeting[];
    expect(iom.map((m) => m.title)).toContain('GRCM REUNIDO EN MAYO 2004');
    const feed = (await send('GET', '/actors/iom/calendar.ics', {})).body as string;
    expect(feed).toContain('GRCM REUNIDO EN MAYO 2004');
    const other = (await send('GET', '/api/v1/meetings?from=2004-01-01&to=2004-12-31&actor=cim', {})).body as Meeting[];
    expect(other.map((m) => m.title)).not.toContain('GRCM REUNIDO EN MAYO 2004');
  });

  it('lets the secretariat create a meeting, invite an actor (e-mail with .ics), record and follow up an agreement', async () => {
    const created = await send('POST', '/api/v1/meetings', cast.secretariat.auth, {
      body: 'cam',
      kind: 'informal_session',
      title: 'Sesión informal de la CAM con la CIDH',
      startsAt: '2027-02-10T10:00:00-05:00',
      endsAt: '2027-02-10T12:00:00-05:00',
      timeZone: 'America/New_York',
      location: 'Washington, D.C.',
      visibility: 'public',
      invited: ['mx'],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const mail = (await listOutbox(database.db)).find(
      (m) => m.to === cast.focalPoint.email && m.subject.includes('Sesión informal de la CAM'),
    );
    expect(mail?.subject).toMatch(/^Invitación/);
    const item = (
      (await send('GET', '/api/v1/programmes/programa-interamericano-2016/items?q=V.B.28', {})).body as { id: string }[]
    )[0]?.id;
    expect(
      (
        await send('POST', `/api/v1/meetings/${id}/agenda`, cast.secretariat.auth, {
          title: 'Asistencia consular',
          itemId: item,
        })
      ).status,
    ).toBe(201);
    const agreement = await send('POST', `/api/v1/meetings/${id}/agreements`, cast.secretariat.auth, {
      text: 'Compartir protocolos consulares',
      ownerActorIds: ['mx'],
      dueDate: '2027-06-30',
      itemIds: [item],
    });
    expect(agreement.status).toBe(201);
    const patched = await send('PATCH', `/api/v1/agreements/${agreement.body.id}`, cast.secretariat.auth, {
      status: 'in_progress',
      note: 'Borrador circulado',
    });
    expect(patched.body).toMatchObject({ status: 'in_progress', notes: [{ text: 'Borrador circulado' }] });
    const detail = (await send('GET', `/api/v1/meetings/${id}`, {})).body as Meeting;
    expect(detail.agreements?.[0]?.text).toBe('Compartir protocolos consulares');
    // The owner sees it on its actor page and in its report form.
    const actorPage = await (await web.get('/actors/mx')).text();
    expect(actorPage).toContain('Compartir protocolos consulares');
    // It counts in the programme's progress views, and the calendar finds the meeting by the item's code.
    const cycle = await send('POST', '/api/v1/cycles', cast.secretariat.auth, {
      programme: 'programa-interamericano-2016',
      period: '2031',
      opensAt: '2031-01-01',
      deadline: '2031-03-31',
    });
    const progressPage = await (await web.get(`/cycles/${cycle.body.id}/progress`, cast.secretariat.auth)).text();
    expect(progressPage).toContain('Compartir protocolos consulares');
    const filtered = await (await web.get('/calendar?when=all&item=V.B.28')).text();
    expect(filtered).toContain('Sesión informal de la CAM con la CIDH');
    expect(filtered).not.toContain('SEMINARIO SOBRE LEGISLACIÓN');
    // A change of time bumps the sequence and e-mails the change.
    const moved = await send('PATCH', `/api/v1/meetings/${id}`, cast.secretariat.auth, {
      startsAt: '2027-02-11T10:00:00-05:00',
      endsAt: '2027-02-11T12:00:00-05:00',
    });
    expect(moved.body.sequence).toBe(1);
    expect(
      (await listOutbox(database.db)).some((m) => m.to === cast.focalPoint.email && m.subject.startsWith('Cambio')),
    ).toBe(true);
    const cancelled = await send('PATCH', `/api/v1/meetings/${id}`, cast.secretariat.auth, { state: 'cancelled' });
    expect(cancelled.body.sequence).toBe(2);
  });

  it('answers malformed meetings with 400 naming the field, and others than the secretariat with 403', async () => {
    const bad = await send('POST', '/api/v1/meetings', cast.secretariat.auth, {
      body: 'cam',
      kind: 'party',
      title: 'x',
      startsAt: '2027-02-10',
      endsAt: '2027-02-09',
      visibility: 'public',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('kind');
    const order = await send('POST', '/api/v1/meetings', cast.secretariat.auth, {
      body: 'cam',
      kind: 'seminar',
      title: 'x',
      startsAt: '2027-02-10',
      endsAt: '2027-02-09',
      visibility: 'public',
    });
    expect(order.body.errors.map((e: { field: string }) => e.field)).toContain('endsAt');
    const unknownBody = await send('POST', '/api/v1/meetings', cast.secretariat.auth, {
      body: 'nobody',
      kind: 'seminar',
      title: 'x',
      startsAt: '2027-02-10',
      endsAt: '2027-02-10',
      visibility: 'public',
    });
    expect(unknownBody.body.errors[0].field).toBe('body');
    expect(
      (
        await send('POST', '/api/v1/meetings', cast.focalPoint.auth, {
          body: 'cam',
          kind: 'seminar',
          title: 'x',
          startsAt: '2027-02-10',
          endsAt: '2027-02-10',
          visibility: 'public',
        })
      ).status,
    ).toBe(403);
  });

  it('serves feeds that ical.js reads: all-day and timed events, stable UIDs, increasing SEQUENCE, cancellation', async () => {
    const created = await send('POST', '/api/v1/meetings', cast.secretariat.auth, {
      body: 'cidi',
      kind: 'formal_session',
      title: 'Sesión formal; CIDI, avances',
      startsAt: '2028-04-20T15:00:00-04:00',
      endsAt: '2028-04-20T17:30:00-04:00',
      timeZone: 'America/New_York',
      location: 'Sede de la OEA, Washington',
      visibility: 'public',
    });
    const id = created.body.id as string;
    const uidOf = (ics: string) => events(ics).find((e) => e.summary === 'Sesión formal; CIDI, avances');
    const first = uidOf((await send('GET', '/calendar.ics', {})).body as string);
    expect(first?.location).toBe('Sede de la OEA, Washington');
    expect(first?.startDate.toJSDate().toISOString()).toBe('2028-04-20T19:00:00.000Z');
    expect(first?.endDate.toJSDate().toISOString()).toBe('2028-04-20T21:30:00.000Z');
    expect(first?.startDate.zone?.tzid).toBe('America/New_York');
    expect(first?.component.getFirstPropertyValue('url')).toContain(`/meetings/${id}`);
    await send('PATCH', `/api/v1/meetings/${id}`, cast.secretariat.auth, {
      location: 'Salón Libertador, OEA',
      state: 'cancelled',
    });
    const second = uidOf((await send('GET', '/calendar/cidi.ics', {})).body as string);
    expect(second?.uid).toBe(first?.uid);
    expect(second?.sequence).toBeGreaterThan(first?.sequence ?? 0);
    expect(second?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    const allDay = events((await send('GET', '/calendar/cam.ics', {})).body as string).find((e) =>
      e.summary.includes('Comisión Interamericana de Derechos Humanos'),
    );
    expect(allDay?.startDate.isDate).toBe(true);
    expect(allDay?.startDate.toString()).toBe('2019-02-01');
    expect(allDay?.endDate.toString()).toBe('2019-03-01');
  });

  it('keeps members-only meetings out of public lists and feeds, and in feeds opened with the personal feed URL', async () => {
    await send('POST', '/api/v1/meetings', cast.secretariat.auth, {
      body: 'crm',
      kind: 'expert_meeting',
      title: 'Alertas sobre documentos fraudulentos',
      startsAt: '2028-05-05',
      endsAt: '2028-05-05',
      visibility: 'members',
    });
    const isThere = (ics: string) => events(ics).some((e) => e.summary === 'Alertas sobre documentos fraudulentos');
    expect(isThere((await send('GET', '/calendar.ics', {})).body as string)).toBe(false);
    const { feedUrl } = (await send('GET', '/api/v1/me', cast.member.auth)).body as { feedUrl: string };
    const feedPath = new URL(feedUrl).pathname + new URL(feedUrl).search;
    expect(feedPath).toMatch(/^\/calendar\.ics\?feed=feed_/);
    expect(isThere((await send('GET', feedPath, {})).body as string)).toBe(true);
    // The read-write API token never opens a feed: URLs get shared and synced to third parties.
    const withApiToken = await send('GET', `/calendar.ics?token=${cast.member.token}`, {});
    expect(withApiToken.status).toBe(401);
    expect(JSON.stringify(withApiToken.body)).not.toContain('Alertas sobre documentos fraudulentos');
    expect(isThere((await send('GET', '/actors/crm/calendar.ics', {})).body as string)).toBe(false);
    expect(
      ((await send('GET', '/api/v1/meetings?from=2028-01-01', {})).body as Meeting[]).some((m) =>
        m.title.startsWith('Alertas'),
      ),
    ).toBe(false);
    expect(
      ((await send('GET', '/api/v1/meetings?from=2028-01-01', cast.member.auth)).body as Meeting[]).some((m) =>
        m.title.startsWith('Alertas'),
      ),
    ).toBe(true);
    expect((await send('GET', '/calendar.ics?feed=feed_not-a-real-secret-1234', {})).status).toBe(401);
    // A new secret: the old URL stops, the new one works.
    const renewed = (await send('POST', '/api/v1/me/feed-secret', cast.member.auth)).body as { feedUrl: string };
    expect(renewed.feedUrl).not.toBe(feedUrl);
    expect((await send('GET', feedPath, {})).status).toBe(401);
    const renewedPath = new URL(renewed.feedUrl).pathname + new URL(renewed.feedUrl).search;
    expect(isThere((await send('GET', renewedPath, {})).body as string)).toBe(true);
  });
});
