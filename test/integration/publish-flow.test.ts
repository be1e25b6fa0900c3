/**
 * A reporting cycle from creation to publication, over HTTP as its people do
 * it: the secretariat in the pages (signed in, with its forms), the focal
 * point and the validator through the API. The steps the workflow forbids
 * are tried on the way and refused; once published, a visitor reads the
 * accepted texts, and only those, on the portal and in the consolidated report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn, type JsonSend, jsonSender, postForm, type Session, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

const ACCEPTED_TEXT = 'Red consular de protección PUBLICADO-MX';
const ACCEPTED_PRACTICE = 'Ventanilla única PUBLICADO-MX';
const SUBMITTED_TEXT = 'Borrador enviado NO-ACEPTADO-CA';

describe.each(dialects())('publishing a cycle on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: JsonSend;
  let cast: Cast;
  let secretariat: Session;

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db, 'mx', 'ca');
    secretariat = await signIn(web.app, cast.secretariat.email);
    expect(secretariat.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  /** The secretariat presses a cycle's button and confirms: where it is sent, or the error page it gets. */
  const press = async (cycleId: string, action: 'open' | 'close' | 'publish', confirm = 'yes') => {
    const res = await postForm(web.app, `/cycles/${cycleId}/${action}`, confirm ? { confirm } : {}, secretariat);
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  };
  /** The page the button shows first, saying what will happen. */
  const ask = async (cycleId: string, action: 'open' | 'close' | 'publish') => {
    const asked = await press(cycleId, action, '');
    expect(asked.status).toBe(200);
    expect(asked.text).toContain(`action="/cycles/${cycleId}/${action}"`);
    expect(asked.text).toContain('name="confirm" value="yes"');
    return asked.text.replace(/\s+/g, ' ');
  };
  const cycleState = async (cycleId: string) =>
    (await send('GET', `/api/v1/cycles/${cycleId}`, cast.secretariat.auth)).body.state as string;

  it('runs create, open, edit, submit, approve, accept, close, publish, refusing each step out of turn', async () => {
    const s = cast.secretariat.auth;
    const created = await send('POST', '/api/v1/cycles', s, {
      programme: 'programa-interamericano-2016',
      period: '2044',
      opensAt: '2026-01-01',
      deadline: '2099-12-31',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // A draft cycle can be neither closed nor published.
    for (const action of ['close', 'publish'] as const) {
      const refused = await send('POST', `/api/v1/cycles/${id}/${action}`, { ...s, 'accept-language': 'en' });
      expect(refused.status, action).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'cycle_state',
        title: 'The cycle is not in a state that allows this',
      });
    }
    expect(await cycleState(id)).toBe('draft');

    // Each button asks first, saying what will happen, and changes nothing until confirmed.
    expect(await ask(id, 'open')).toMatch(/Se crearán \d+ informes, uno por actor destinatario/);
    expect(await cycleState(id)).toBe('draft');
    const opened = await press(id, 'open');
    expect(opened).toMatchObject({ status: 303, location: `/cycles/${id}?done=opened` });
    expect(await cycleState(id)).toBe('open');
    expect((await press(id, 'open')).status).toBe(409);

    const reports = (await send('GET', `/api/v1/cycles/${id}/reports`, s)).body as {
      id: string;
      actor: { key: string };
    }[];
    const mx = reports.find((r) => r.actor.key === 'mx')?.id as string;
    const ca = reports.find((r) => r.actor.key === 'ca')?.id as string;

    const fill = async (reportId: string, auth: Record<string, string>, text: string, practice?: string) => {
      const report = await send('GET', `/api/v1/reports/${reportId}`, auth);
      const saved = await send(
        'PATCH',
        `/api/v1/reports/${reportId}`,
        { ...auth, 'if-match': String(report.body.version) },
        {
          entries: [{ id: report.body.entries[0].id, carriedOut: `<p>${text}</p>`, statusAssessment: 'in_progress' }],
          ...(practice ? { sections: { best_practices: practice } } : {}),
        },
      );
      expect(saved.status).toBe(200);
      return saved.body.version as number;
    };
    await fill(mx, cast.focalPoint.auth, ACCEPTED_TEXT, ACCEPTED_PRACTICE);
    await fill(ca, cast.otherFocalPoint.auth, SUBMITTED_TEXT);

    // Publishing an open cycle is refused, on the page as in the API, and changes nothing.
    const early = await press(id, 'publish');
    expect(early.status).toBe(409);
    expect(early.text).toContain('El ciclo no está en un estado que permita esta acción');
    expect((await send('POST', `/api/v1/cycles/${id}/publish`, s)).body.code).toBe('cycle_state');
    expect(await cycleState(id)).toBe('open');

    const step = async (reportId: string, action: string, auth: Record<string, string>) =>
      send('POST', `/api/v1/reports/${reportId}/${action}`, auth);
    // Out of turn: accepting before approval, approving before submission.
    expect((await step(mx, 'approve', cast.validator.auth)).body.code).toBe('wrong_state');
    expect((await step(mx, 'submit', cast.focalPoint.auth)).body.state).toBe('submitted');
    expect((await step(mx, 'accept', s)).body.code).toBe('wrong_state');
    expect((await step(mx, 'approve', cast.validator.auth)).body.state).toBe('approved');
    expect((await step(mx, 'accept', s)).body.state).toBe('accepted');
    expect((await step(ca, 'submit', cast.otherFocalPoint.auth)).body.state).toBe('submitted');

    const closing = await ask(id, 'close');
    expect(closing).toMatch(
      /(\d+) de (\d+) informes siguen sin enviar \(borradores o devueltos\): quedarán bloqueados/,
    );
    expect(closing).toContain('1 informe enviado espera aprobación o aceptación');
    expect(await cycleState(id)).toBe('open');
    // Before publication the secretariat's downloads are the working edition.
    const openBoard = await (await web.get(`/cycles/${id}`, { cookie: secretariat.cookie })).text();
    expect(openBoard).toContain(`href="/api/v1/cycles/${id}/report.docx?lang=es&amp;edition=draft"`);
    expect(openBoard).not.toContain(`href="/api/v1/cycles/${id}/report.docx?lang=es"`);
    const closed = await press(id, 'close');
    expect(closed).toMatchObject({ status: 303, location: `/cycles/${id}?done=closed` });
    expect(await cycleState(id)).toBe('closed');
    // A closed cycle is locked: no edits, no submissions, and it cannot be closed twice.
    const edit = await send(
      'PATCH',
      `/api/v1/reports/${ca}`,
      { ...cast.otherFocalPoint.auth, 'if-match': '100' },
      { sections: { calendar: 'Tarde' } },
    );
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('cycle_locked');
    expect((await press(id, 'close')).status).toBe(409);

    expect(await ask(id, 'publish')).toContain('El informe consolidado y el informe aceptado (de');
    expect(await cycleState(id)).toBe('closed');
    const published = await press(id, 'publish');
    expect(published).toMatchObject({ status: 303, location: `/cycles/${id}?done=published` });
    const board = await web.get(published.location as string, { cookie: secretariat.cookie });
    const boardPage = await board.text();
    expect(boardPage).toContain('Ciclo publicado.');
    // The cycle's downloads now give the published edition; the working one stays a click away.
    expect(boardPage).toContain(`href="/api/v1/cycles/${id}/report.docx?lang=es"`);
    expect(boardPage).toContain(`href="/api/v1/cycles/${id}/report.docx?lang=es&amp;edition=draft"`);
    expect(boardPage.indexOf('edition=draft')).toBeGreaterThan(boardPage.indexOf('Edición de trabajo (borrador)'));
    expect(await cycleState(id)).toBe('published');
    // Published is the end: not again, not back to closed, and the reports stay as they were.
    expect((await press(id, 'publish')).status).toBe(409);
    expect((await send('POST', `/api/v1/cycles/${id}/publish`, s)).status).toBe(409);
    expect((await send('POST', `/api/v1/cycles/${id}/close`, s)).status).toBe(409);
    expect((await step(ca, 'approve', cast.otherValidator.auth)).body.code).toBe('cycle_locked');

    // A visitor now finds the cycle, Mexico's accepted report and its texts; Canada's submitted one is not there.
    const anonymous = { 'accept-language': 'en' };
    const listed = await send<{ id: string; state: string }[]>('GET', '/api/v1/cycles', anonymous);
    expect(listed.body.find((c) => c.id === id)?.state).toBe('published');
    const home = await (await web.get('/', anonymous)).text();
    expect(home).toContain(`/cycles/${id}/progress`);
    const cyclePage = await web.get(`/cycles/${id}`, anonymous);
    expect(cyclePage.status).toBe(200);
    const boardText = await cyclePage.text();
    expect(boardText).toContain(`/reports/${mx}`);
    expect(boardText).not.toContain(`/reports/${ca}`);
    const reportPage = await web.get(`/reports/${mx}`, anonymous);
    expect(reportPage.status).toBe(200);
    const reportText = await reportPage.text();
    expect(reportText).toContain(ACCEPTED_TEXT);
    expect(reportText).toContain(ACCEPTED_PRACTICE);
    expect((await send('GET', `/api/v1/reports/${ca}`, anonymous)).status).toBe(404);

    const consolidated = await web.get(`/api/v1/cycles/${id}/report.html?lang=es`, anonymous);
    expect(consolidated.status).toBe(200);
    const html = await consolidated.text();
    expect(html).toContain(ACCEPTED_TEXT);
    expect(html).toContain(ACCEPTED_PRACTICE);
    expect(html).not.toContain(SUBMITTED_TEXT);
    const csv = await (await web.get(`/api/v1/cycles/${id}/report.csv?lang=es`, anonymous)).text();
    expect(csv).toContain(ACCEPTED_TEXT);
    expect(csv).not.toContain(SUBMITTED_TEXT);

    // Taken back with a reason: unpublished it leaves the public pages, reopened its reports are editable again.
    const noReason = await send(
      'POST',
      `/api/v1/cycles/${id}/unpublish`,
      { ...s, 'accept-language': 'en' },
      { reason: ' ' },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    expect((await send('POST', `/api/v1/cycles/${id}/unpublish`, cast.focalPoint.auth, { reason: 'x' })).status).toBe(
      403,
    );
    expect((await send('POST', `/api/v1/cycles/${id}/reopen`, s, { reason: 'Antes de tiempo' })).status).toBe(409);
    const unpublished = await postForm(
      web.app,
      `/cycles/${id}/unpublish`,
      { reason: 'Error en el anexo' },
      secretariat,
    );
    expect(unpublished.status).toBe(303);
    expect(unpublished.headers.get('location')).toBe(`/cycles/${id}?done=unpublished`);
    expect(await cycleState(id)).toBe('closed');
    expect((await web.get(`/reports/${mx}`, anonymous)).status).not.toBe(200);
    expect((await send('GET', '/api/v1/cycles', anonymous)).body.some((c: { id: string }) => c.id === id)).toBe(false);

    expect((await send('POST', `/api/v1/cycles/${id}/reopen`, s, { reason: 'Canadá corrige su informe' })).status).toBe(
      204,
    );
    expect(await cycleState(id)).toBe('open');
    const r = await send('GET', `/api/v1/reports/${ca}`, cast.otherFocalPoint.auth);
    expect(r.body.state).toBe('submitted');
    const audit = await send('GET', '/api/v1/audit?entityType=cycle', s);
    const reasons = JSON.stringify(audit.body);
    expect(reasons).toContain('Error en el anexo');
    expect(reasons).toContain('Canadá corrige su informe');
  });
});
