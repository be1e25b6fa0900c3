/**
 * People are told, by e-mail, at every step of a report: the focal points
 * when the cycle opens, the validators when it is submitted, the secretariat
 * when it is approved, the focal points when it is returned (with the
 * comment) or accepted. Each message once, in the person's language, with
 * the actor, the cycle, the deadline and a link to the report.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { outbox, users } from '../../src/db/schema/index.ts';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { mailHandlers } from '../../src/modules/mail/mailer.ts';
import { agreementHandlers } from '../../src/modules/meetings/agreement-notifications.ts';
import { notificationHandlers } from '../../src/modules/reporting/report-notifications.ts';
import { appOn, type JsonSend, jsonSender, postForm, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

const BASE = 'https://enlace.example.org';

describe.each(dialects())('report notifications on $name', (dialect) => {
  let database: Database;
  let send: JsonSend;
  let web: ReturnType<typeof appOn>;
  let cast: Cast;

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db, 'mx', 'ca');
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  /** Runs the jobs as the runner does (no mail server: messages stay in the outbox), then the messages of `kind`. */
  async function mailOf(kind: string) {
    const handlers = {
      ...notificationHandlers(BASE),
      ...agreementHandlers(BASE),
      ...mailHandlers(null, 'Enlace <no-reply@enlace.example.org>'),
    };
    await runDueJobs(database.db, handlers, { workerId: 'test' });
    return database.db
      .select({ to: outbox.to, subject: outbox.subject, text: outbox.text })
      .from(outbox)
      .where(eq(outbox.kind, kind as 'reminder'));
  }

  it('tells each person what they must do next, once, with the report’s link', async () => {
    await database.db.update(users).set({ locale: 'en' }).where(eq(users.id, cast.validator.id));
    const s = cast.secretariat.auth;
    const created = await send('POST', '/api/v1/cycles', s, {
      programme: 'programa-interamericano-2016',
      period: '2033',
      opensAt: '2026-01-01',
      deadline: '2099-03-31',
    });
    const cycleId = created.body.id as string;
    expect((await send('POST', `/api/v1/cycles/${cycleId}/open`, s)).status).toBe(200);
    const reports = (await send('GET', `/api/v1/cycles/${cycleId}/reports`, s)).body as {
      id: string;
      actor: { key: string };
    }[];
    const mx = reports.find((r) => r.actor.key === 'mx')?.id as string;
    const ca = reports.find((r) => r.actor.key === 'ca')?.id as string;

    const opened = await mailOf('cycle_opened');
    const toMexico = opened.filter((m) => m.to === cast.focalPoint.email);
    expect(toMexico).toHaveLength(1);
    expect(toMexico[0]?.subject).toBe('Informe 2033 de México: el ciclo está abierto (vence el 31 de marzo de 2099)');
    expect(toMexico[0]?.text).toContain(`${BASE}/reports/${mx}`);
    expect(opened.find((m) => m.to === cast.otherFocalPoint.email)?.text).toContain(`${BASE}/reports/${ca}`);
    // Validators and the secretariat have nothing to do yet.
    expect(opened.map((m) => m.to)).not.toContain(cast.validator.email);

    const step = (action: string, auth: Record<string, string>, body?: unknown) =>
      send('POST', `/api/v1/reports/${mx}/${action}`, auth, body);
    expect((await step('submit', cast.focalPoint.auth)).status).toBe(200);
    const submitted = await mailOf('report_submitted');
    expect(submitted.map((m) => m.to)).toEqual([cast.validator.email]);
    // In the validator's language.
    expect(submitted[0]?.subject).toBe('Mexico’s 2033 report: submitted, waiting for your approval');

    expect((await step('approve', cast.validator.auth)).status).toBe(200);
    const approved = await mailOf('report_approved');
    expect(approved.map((m) => m.to)).toContain(cast.secretariat.email);
    expect(approved.map((m) => m.to)).not.toContain(cast.focalPoint.email);

    expect((await step('return', s, { comment: 'Falta el calendario de 2034' })).status).toBe(200);
    const returned = await mailOf('report_returned');
    expect(returned.map((m) => m.to)).toEqual([cast.focalPoint.email]);
    expect(returned[0]?.text).toContain('Falta el calendario de 2034');

    // Withdrawing tells no one; submitting again tells the validator again, as a new message.
    expect((await step('submit', cast.focalPoint.auth)).status).toBe(200);
    expect((await step('withdraw', cast.focalPoint.auth)).status).toBe(200);
    expect((await step('submit', cast.focalPoint.auth)).status).toBe(200);
    expect(await mailOf('report_submitted')).toHaveLength(3);
    expect((await step('approve', cast.validator.auth)).status).toBe(200);
    expect((await step('accept', s)).status).toBe(200);
    const accepted = await mailOf('report_accepted');
    expect(accepted.map((m) => m.to)).toEqual([cast.focalPoint.email]);
    expect(accepted[0]?.text).toContain(`${BASE}/reports/${mx}`);

    // Running the jobs again writes nothing twice.
    const before = (await database.db.select({ id: outbox.id }).from(outbox)).length;
    await mailOf('report_accepted');
    expect((await database.db.select({ id: outbox.id }).from(outbox)).length).toBe(before);
    // The other actor’s validator hears nothing of Mexico’s report.
    const otherActor = await database.db
      .select({ to: outbox.to })
      .from(outbox)
      .where(and(eq(outbox.kind, 'report_submitted'), eq(outbox.to, cast.otherValidator.email)));
    expect(otherActor).toEqual([]);
  });

  it('tells the owners’ focal points of an agreement assigned to them, and of each change of its status', async () => {
    const s = cast.secretariat.auth;
    const meeting = await send('POST', '/api/v1/meetings', s, {
      body: 'cam',
      kind: 'formal_session',
      title: 'Sesión de la CAM sobre migración',
      startsAt: '2026-11-20T10:00:00-05:00',
      endsAt: '2026-11-20T12:00:00-05:00',
    });
    expect(meeting.status).toBe(201);
    const agreement = await send('POST', `/api/v1/meetings/${meeting.body.id}/agreements`, s, {
      text: 'Los Estados informarán sobre sus ventanillas únicas de atención a migrantes.',
      ownerActorIds: ['mx'],
      dueDate: '2027-03-31',
    });
    expect(agreement.status).toBe(201);
    const assigned = await mailOf('agreement_assigned');
    expect(assigned.map((m) => m.to)).toEqual([cast.focalPoint.email]);
    expect(assigned[0]?.subject).toBe('Nuevo acuerdo a cargo de México: Sesión de la CAM sobre migración');
    expect(assigned[0]?.text).toContain('ventanillas únicas');
    expect(assigned[0]?.text).toContain('31 de marzo de 2027');
    expect(assigned[0]?.text).toContain(`${BASE}/meetings/${meeting.body.id}#agreement-${agreement.body.id}`);

    const changed = await send('PATCH', `/api/v1/agreements/${agreement.body.id}`, s, {
      status: 'in_progress',
      note: 'México presentó su primer informe.',
    });
    expect(changed.status).toBe(200);
    const status = await mailOf('agreement_status');
    expect(status.map((m) => m.to)).toEqual([cast.focalPoint.email]);
    expect(status[0]?.text).toContain('México presentó su primer informe.');
    // A note that leaves the status as it was tells no one.
    await send('PATCH', `/api/v1/agreements/${agreement.body.id}`, s, { status: 'in_progress', note: 'Sin cambios.' });
    expect(await mailOf('agreement_status')).toHaveLength(1);
    // The other actor's focal point hears nothing of it.
    expect((await mailOf('agreement_assigned')).map((m) => m.to)).not.toContain(cast.otherFocalPoint.email);
  });

  it('lets the secretariat remind now, one actor or every one not yet submitted, once a day per person', async () => {
    const s = cast.secretariat.auth;
    const created = await send('POST', '/api/v1/cycles', s, {
      programme: 'programa-interamericano-2016',
      period: '2045',
      opensAt: '2026-01-01',
      deadline: '2099-06-30',
    });
    const cycleId = created.body.id as string;
    const remind = (body: object, auth = s) => send('POST', `/api/v1/cycles/${cycleId}/reminders`, auth, body);
    // A draft cycle has nobody to remind yet.
    expect((await remind({})).status).toBe(409);
    expect((await send('POST', `/api/v1/cycles/${cycleId}/open`, s)).status).toBe(200);
    const before = (await mailOf('reminder')).length;
    const one = await remind({ actor: 'mx' });
    expect(one.status).toBe(200);
    expect(one.body.written).toBe(1);
    const reminders = (await mailOf('reminder')).slice(before);
    expect(reminders.map((m) => m.to)).toEqual([cast.focalPoint.email]);
    expect(reminders[0]?.subject).toContain('Recordatorio: informe 2045 de México');
    // Pressed again the same day: nothing new. Everyone else not yet submitted gets theirs.
    expect((await remind({ actor: 'mx' })).body.written).toBe(0);
    const all = await remind({});
    expect(all.body.written).toBeGreaterThanOrEqual(1);
    expect((await mailOf('reminder')).map((m) => m.to)).toContain(cast.otherFocalPoint.email);
    // Only the secretariat; an unknown actor is named as the field.
    expect((await remind({}, cast.focalPoint.auth)).status).toBe(403);
    const unknown = await remind({ actor: 'atlantis' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('actor');
    // A report already submitted has nothing to remind.
    const reports = (await send('GET', `/api/v1/cycles/${cycleId}/reports`, s)).body as {
      id: string;
      actor: { key: string };
    }[];
    const ca = reports.find((r) => r.actor.key === 'ca')?.id;
    await send('POST', `/api/v1/reports/${ca}/submit`, cast.otherFocalPoint.auth);
    expect((await remind({ actor: 'ca' })).status).toBe(409);
    // From the board: the button says what it wrote.
    const session = await signIn(web.app, cast.secretariat.email);
    const board = await web.app.request(`/cycles/${cycleId}`, { headers: { cookie: session.cookie } });
    expect(await board.text()).toMatch(/Recordar a los \d+ actores que no enviaron su informe/);
    const pressed = await postForm(web.app, `/cycles/${cycleId}/reminders`, { actor: 'mx' }, session);
    expect(pressed.status).toBe(303);
    const after = await web.app.request(pressed.headers.get('location') ?? '', { headers: { cookie: session.cookie } });
    expect(await after.text()).toContain('No se escribió ningún recordatorio: ya se envió uno hoy');
  });
});
