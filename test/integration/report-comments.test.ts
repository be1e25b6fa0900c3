/**
 * Reviewing a report activity by activity: the validator asks about one
 * activity, the focal point answers, both see the thread and its place in
 * the history, each is told by e-mail; nobody outside the actor and the
 * secretariat reads it. Once the report comes back submitted again, the
 * validator sees what changed between the two submissions.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { outbox } from '../../src/db/schema/index.ts';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { mailHandlers } from '../../src/modules/mail/mailer.ts';
import { notificationHandlers } from '../../src/modules/reporting/report-notifications.ts';
import { appOn, type JsonSend, jsonSender, postForm, sender, signIn } from '../support/app.ts';
import { openedCycle } from '../support/cycles.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

const BASE = 'https://enlace.example.org';

describe.each(dialects())('comments and changes of a report on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: JsonSend;
  let cast: Cast;
  let reportId: string;
  let entries: { id: string; code: string | null }[];

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db, 'mx', 'ca');
    const cycle = await openedCycle(database.db, cast.secretariat.principal, '2041');
    reportId = cycle.reportOf('mx');
    entries = (await send('GET', `/api/v1/reports/${reportId}`, cast.focalPoint.auth)).body.entries;
    expect(entries[0]?.code).toMatch(/^[A-Z]/);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  async function mailTo(email: string) {
    const handlers = { ...notificationHandlers(BASE), ...mailHandlers(null, 'Enlace <no-reply@enlace.example.org>') };
    await runDueJobs(database.db, handlers, { workerId: 'test' });
    const rows = await database.db
      .select({ to: outbox.to, subject: outbox.subject, text: outbox.text })
      .from(outbox)
      .where(eq(outbox.kind, 'report_comment'));
    return rows.filter((m) => m.to === email);
  }

  const page = async (path: string, who: { email: string }) => {
    const session = await signIn(web.app, who.email);
    const res = await sender(web.app)('GET', path, { headers: { cookie: session.cookie } });
    return { status: res.status, html: await res.text() };
  };

  it('keeps a thread per activity: the validator asks, the focal point answers, each is told', async () => {
    const [first, second] = entries;
    const asked = await send('POST', `/api/v1/reports/${reportId}/comments`, cast.validator.auth, {
      entryId: first?.id,
      body: '¿Cuántas personas asistieron al taller?',
    });
    expect(asked.status).toBe(201);
    const toFocal = await mailTo(cast.focalPoint.email);
    expect(toFocal).toHaveLength(1);
    expect(toFocal[0]?.subject).toContain(first?.code as string);
    expect(toFocal[0]?.text).toContain('¿Cuántas personas asistieron al taller?');
    expect(toFocal[0]?.text).toContain(`${BASE}/reports/${reportId}#comments-${first?.id}`);

    // The focal point answers on the report page, in the same thread.
    const session = await signIn(web.app, cast.focalPoint.email);
    const answered = await postForm(
      web.app,
      `/reports/${reportId}/comments`,
      { entryId: first?.id as string, body: 'Asistieron 45 personas.' },
      session,
    );
    expect(answered.status).toBe(303);
    expect(answered.headers.get('location')).toBe(`/reports/${reportId}?done=commented#comments-${first?.id}`);
    const toValidator = await mailTo(cast.validator.email);
    expect(toValidator.map((m) => m.text.includes('Asistieron 45 personas.'))).toEqual([true]);
    // The focal point is not told of their own answer.
    expect(await mailTo(cast.focalPoint.email)).toHaveLength(1);

    const listed = (await send('GET', `/api/v1/reports/${reportId}/comments`, cast.secretariat.auth)).body as {
      entryId: string;
      role: string;
      body: string;
      author: { name: string };
    }[];
    expect(listed.map((c) => [c.entryId, c.role, c.body])).toEqual([
      [first?.id, 'validator', '¿Cuántas personas asistieron al taller?'],
      [first?.id, 'focal_point', 'Asistieron 45 personas.'],
    ]);
    expect(listed.every((c) => c.entryId !== second?.id)).toBe(true);

    const view = await page(`/reports/${reportId}`, cast.focalPoint);
    expect(view.status).toBe(200);
    const thread = view.html.slice(view.html.indexOf(`id="comments-${first?.id}"`));
    expect(thread).toContain('2 comentarios');
    expect(thread.indexOf('¿Cuántas personas')).toBeLessThan(thread.indexOf('Asistieron 45 personas.'));
    // In the history too, with the time of day.
    const history = view.html.slice(view.html.indexOf('id="history-heading"'));
    expect(history).toMatch(/comentó/);
    expect(history).toMatch(/\d{2}:\d{2} UTC/);
  });

  it('attaches evidence to one activity, shown under it', async () => {
    const second = entries[1];
    const session = await signIn(web.app, cast.focalPoint.email);
    const added = await postForm(
      web.app,
      `/reports/${reportId}/evidence`,
      { entryId: second?.id as string, title: 'Acta del taller', url: 'https://example.org/acta' },
      session,
    );
    expect(added.status).toBe(303);
    const wholeReport = await postForm(
      web.app,
      `/reports/${reportId}/evidence`,
      { entryId: '', title: 'Informe anual', url: 'https://example.org/anual' },
      session,
    );
    expect(wholeReport.status).toBe(303);
    const read = (await send('GET', `/api/v1/reports/${reportId}`, cast.validator.auth)).body as {
      entries: { id: string; evidence: { title: string }[] }[];
    };
    expect(read.entries.find((e) => e.id === second?.id)?.evidence.map((x) => x.title)).toEqual(['Acta del taller']);
    expect(read.entries.flatMap((e) => e.evidence.map((x) => x.title))).not.toContain('Informe anual');
    // The validator reads it under the activity; the evidence list names the activity.
    const view = await page(`/reports/${reportId}`, cast.validator);
    const section = view.html.slice(view.html.indexOf(`id="entry-${second?.id}"`));
    expect(section.slice(0, section.indexOf('</section>'))).toContain('Acta del taller');
    const list = view.html.slice(view.html.indexOf('id="evidence-heading"'));
    expect(list).toContain(`<span class="badge">${second?.code}</span> <a href="https://example.org/acta"`);
    const stray = await postForm(
      web.app,
      `/reports/${reportId}/evidence`,
      { entryId: crypto.randomUUID(), title: 'Otro', url: 'https://example.org/otro' },
      session,
    );
    expect(stray.status).toBe(400);
  });

  it("offers in a report only the agreements of the cycle's own programme", async () => {
    // Mexico is a member of the CRM, whose agreements concern the CRM's plan, not the Inter-American Program.
    const crm = await openedCycle(database.db, cast.secretariat.principal, '2044', 'crm-plan-de-accion-2006');
    const inCrm = await page(`/reports/${crm.reportOf('mx')}`, cast.focalPoint);
    expect(inCrm.html).toContain('Acuerdos sobre los que informar');
    expect(inCrm.html).toContain('LINEAMIENTOS APROBADOS POR LA IX CRM');
    const inProgram = await page(`/reports/${reportId}`, cast.focalPoint);
    expect(inProgram.html).not.toContain('LINEAMIENTOS APROBADOS POR LA IX CRM');
  });

  it('keeps the comments from the public, other actors and members, and refuses an empty one naming it', async () => {
    const entryId = entries[0]?.id as string;
    for (const who of [cast.otherFocalPoint, cast.otherValidator, cast.member]) {
      expect((await send('GET', `/api/v1/reports/${reportId}/comments`, who.auth)).status).toBe(403);
      expect(
        (await send('POST', `/api/v1/reports/${reportId}/comments`, who.auth, { entryId, body: 'Hola' })).status,
      ).toBe(403);
    }
    expect((await send('GET', `/api/v1/reports/${reportId}/comments`, {})).status).toBe(404);
    const empty = await send('POST', `/api/v1/reports/${reportId}/comments`, cast.validator.auth, {
      entryId,
      body: '   ',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ field: 'body', message: 'Escriba el comentario antes de enviarlo' }]);
    const stray = await send('POST', `/api/v1/reports/${reportId}/comments`, cast.validator.auth, {
      entryId: crypto.randomUUID(),
      body: 'Hola',
    });
    expect(stray.status).toBe(400);
    expect(stray.body.errors?.[0]?.field).toBe('entryId');
  });

  it('shows what changed between two submissions, and closes comments once accepted', async () => {
    const fp = cast.focalPoint.auth;
    const [first] = entries;
    const version = async () => (await send('GET', `/api/v1/reports/${reportId}`, fp)).body.version as number;
    const save = async (carriedOut: string) =>
      send(
        'PATCH',
        `/api/v1/reports/${reportId}`,
        { ...fp, 'if-match': String(await version()) },
        {
          entries: [{ id: first?.id, carriedOut: `<p>${carriedOut}</p>` }],
        },
      );
    expect((await save('Se realizó un taller nacional')).status).toBe(200);
    expect((await send('POST', `/api/v1/reports/${reportId}/submit`, fp)).status).toBe(200);
    // Only one submission: nothing to compare yet.
    expect((await page(`/reports/${reportId}/changes`, cast.validator)).html).toContain('Aún no hay dos versiones');
    const returned = await send('POST', `/api/v1/reports/${reportId}/return`, cast.validator.auth, {
      comment: 'Precise el número de participantes',
    });
    expect(returned.status).toBe(200);
    expect((await save('Se realizó un taller nacional con 45 participantes')).status).toBe(200);
    // Returned and edited: the submission against the draft since.
    const draft = await page(`/reports/${reportId}/changes`, cast.focalPoint);
    expect(draft.html).toContain('Borrador posterior');
    expect((await send('POST', `/api/v1/reports/${reportId}/submit`, fp)).status).toBe(200);

    const changes = await page(`/reports/${reportId}/changes`, cast.validator);
    expect(changes.status).toBe(200);
    expect(changes.html).toContain('1 campo cambió');
    expect(changes.html).toContain(`${first?.code} — `);
    expect(changes.html).toMatch(/<ins>[^<]*con 45 participantes[^<]*<\/ins>/);
    expect(changes.html).not.toMatch(/<del>/);
    // The report's history offers it.
    expect((await page(`/reports/${reportId}`, cast.validator)).html).toContain(`/reports/${reportId}/changes`);
    // A version that is not a submission of this report is refused, naming the field.
    const wrong = await page(`/reports/${reportId}/changes?from=1&to=999`, cast.validator);
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('No es un envío de este informe');
    // Nobody outside the actor and the secretariat sees it.
    expect((await page(`/reports/${reportId}/changes`, cast.otherValidator)).status).toBe(403);

    expect((await send('POST', `/api/v1/reports/${reportId}/approve`, cast.validator.auth)).status).toBe(200);
    expect((await send('POST', `/api/v1/reports/${reportId}/accept`, cast.secretariat.auth)).status).toBe(200);
    const late = await send('POST', `/api/v1/reports/${reportId}/comments`, cast.secretariat.auth, {
      entryId: first?.id,
      body: 'Gracias',
    });
    expect(late.status).toBe(409);
    expect(late.body.detail ?? late.body.title).toContain('comentarios se cierran');
    const accepted = await page(`/reports/${reportId}`, cast.secretariat);
    // The thread stays readable, without a form.
    expect(accepted.html).toContain('Asistieron 45 personas.');
    expect(accepted.html).not.toContain(`id="comment-${first?.id}"`);
  });
});
