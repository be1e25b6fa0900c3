/** The annual reporting cycle through the API, on PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn, type JsonSend, jsonSender, postForm, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

type Report = {
  id: string;
  version: number;
  state: string;
  late: boolean;
  returnComment: string | null;
  actor: { key: string };
  entries: { id: string; code: string; carriedOut: string; planned: string }[];
  sections: Record<string, string>;
};

describe.each(dialects())('reporting on $name', (dialect) => {
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

  async function openedCycle(period: string, deadline = '2099-12-31', opensAt = '2026-01-01') {
    const created = await send('POST', '/api/v1/cycles', cast.secretariat.auth, {
      programme: 'programa-interamericano-2016',
      period,
      opensAt,
      deadline,
    });
    expect(created.status).toBe(201);
    const opened = await send('POST', `/api/v1/cycles/${created.body.id}/open`, cast.secretariat.auth);
    expect(opened.status).toBe(200);
    const reports = await send('GET', `/api/v1/cycles/${created.body.id}/reports`, cast.secretariat.auth);
    return { id: created.body.id as string, reports: reports.body as { id: string; actor: { key: string } }[] };
  }

  it('names the field as the form labels it and says why, when a deadline comes before the opening', async () => {
    const session = await signIn(web.app, cast.secretariat.email);
    const fields = {
      programme: 'programa-interamericano-2016',
      period: '2035',
      opensAt: '2035-03-01',
      deadline: '2035-02-01',
    };
    const page = await postForm(web.app, '/cycles', fields, session);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('«Plazo» debe ser igual o posterior a la fecha de apertura');
    expect(html).not.toContain('«deadline»');
    const english = await send('POST', '/api/v1/cycles', { ...cast.secretariat.auth, 'accept-language': 'en' }, fields);
    expect(english.status).toBe(400);
    expect(english.body.errors).toEqual([
      { field: 'deadline', message: '“deadline” must be on or after the opening date' },
    ]);
  });

  it('opens a cycle with one report per addressed actor, pre-filled with its assigned items', async () => {
    const cycle = await openedCycle('2026');
    const keys = cycle.reports.map((r) => r.actor.key);
    expect(keys).toEqual(expect.arrayContaining(['iachr', 'cim', 'iin', 'paho', 'cam', 'oas-gs', 'mx', 'ca']));
    expect(keys).not.toContain('ni'); // no longer a member state
    expect(keys).not.toContain('oas-member-states');
    expect(cycle.reports).toHaveLength(6 + 34);
    const mexico = cycle.reports.find((r) => r.actor.key === 'mx');
    const report = await send('GET', `/api/v1/reports/${mexico?.id}`, cast.focalPoint.auth);
    expect(report.status).toBe(200);
    expect((report.body as Report).entries.map((e) => e.code)).toEqual(
      Array.from({ length: 22 }, (_, i) => `V.B.${21 + i}`),
    );
    expect(Object.keys((report.body as Report).sections).sort()).toEqual([
      'best_practices',
      'calendar',
      'new_proposals',
    ]);
    expect(report.headers.get('etag')).toBe('"1"');
  });

  it('refuses a second cycle for the same period and names the field', async () => {
    await openedCycle('2027');
    const again = await send('POST', '/api/v1/cycles', cast.secretariat.auth, {
      programme: 'programa-interamericano-2016',
      period: '2027',
      opensAt: '2027-01-01',
      deadline: '2027-03-01',
    });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].field).toBe('period');
    const bad = await send('POST', '/api/v1/cycles', cast.secretariat.auth, {
      programme: 'nope',
      period: 'x',
      opensAt: '2027-01-01',
      deadline: '2026-03-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('deadline');
  });

  it('lets the focal point withdraw a submission nobody approved yet, and no one else', async () => {
    const cycle = await openedCycle('2031');
    const id = cycle.reports.find((r) => r.actor.key === 'mx')?.id;
    expect((await send('POST', `/api/v1/reports/${id}/withdraw`, cast.focalPoint.auth)).status).toBe(409); // a draft
    expect((await send('POST', `/api/v1/reports/${id}/submit`, cast.focalPoint.auth)).body.state).toBe('submitted');
    expect((await send('POST', `/api/v1/reports/${id}/withdraw`, cast.validator.auth)).status).toBe(403);
    // On the report's page the focal point finds the button, and the page says what happened.
    const session = await signIn(web.app, cast.focalPoint.email);
    const page = await web.app.request(`/reports/${id}`, { headers: { cookie: session.cookie } });
    expect(await page.text()).toContain(`action="/reports/${id}/withdraw"`);
    const posted = await postForm(web.app, `/reports/${id}/withdraw`, {}, session);
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/reports/${id}?done=withdrawn`);
    const after = await web.app.request(`/reports/${id}?done=withdrawn`, { headers: { cookie: session.cookie } });
    expect(await after.text()).toContain('El envío se retiró');
    const withdrawn = await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth);
    expect(withdrawn.body.state).toBe('draft');
    expect(withdrawn.body.submittedAt).toBeNull();
    // A draft again: the focal point edits it and submits it again; once approved it can no longer be withdrawn.
    const r = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    const saved = await send(
      'PATCH',
      `/api/v1/reports/${id}`,
      { ...cast.focalPoint.auth, 'if-match': String(r.version) },
      { sections: { calendar: 'Corregido' } },
    );
    expect(saved.status).toBe(200);
    expect((await send('POST', `/api/v1/reports/${id}/submit`, cast.focalPoint.auth)).body.state).toBe('submitted');
    expect((await send('POST', `/api/v1/reports/${id}/approve`, cast.validator.auth)).body.state).toBe('approved');
    const late = await send('POST', `/api/v1/reports/${id}/withdraw`, cast.focalPoint.auth);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('wrong_state');
  });

  it('runs draft → submitted → approved → returned → submitted → approved → accepted, sanitizing rich text', async () => {
    const cycle = await openedCycle('2028');
    const id = cycle.reports.find((r) => r.actor.key === 'mx')?.id;
    const r0 = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    const entry = r0.entries[0];
    const saved = await send(
      'PATCH',
      `/api/v1/reports/${id}`,
      { ...cast.focalPoint.auth, 'if-match': String(r0.version) },
      {
        entries: [
          {
            id: entry?.id,
            carriedOut:
              '<p>Firmamos <strong>acuerdos</strong></p><script>alert(1)</script><img src=x onerror=alert(1)>',
            statusAssessment: 'in_progress',
          },
        ],
        sections: { best_practices: 'Ventanilla única' },
      },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(r0.version + 1);
    const r1 = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    expect(r1.entries[0]?.carriedOut).toBe('<p>Firmamos <strong>acuerdos</strong></p>');
    expect(r1.sections.best_practices).toBe('Ventanilla única');

    expect((await send('POST', `/api/v1/reports/${id}/approve`, cast.validator.auth)).status).toBe(409); // not submitted yet
    expect((await send('POST', `/api/v1/reports/${id}/submit`, cast.focalPoint.auth)).body.state).toBe('submitted');
    expect(
      (
        await send(
          'PATCH',
          `/api/v1/reports/${id}`,
          { ...cast.focalPoint.auth, 'if-match': '3' },
          { sections: { calendar: 'x' } },
        )
      ).status,
    ).toBe(409);
    expect((await send('POST', `/api/v1/reports/${id}/approve`, cast.validator.auth)).body.state).toBe('approved');
    const returned = await send('POST', `/api/v1/reports/${id}/return`, cast.secretariat.auth, {
      comment: 'Falta el calendario',
    });
    expect(returned.body.state).toBe('returned');
    expect(returned.body.returnComment).toBe('Falta el calendario');
    const seen = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    expect(seen.returnComment).toBe('Falta el calendario');
    expect(
      (
        await send(
          'PATCH',
          `/api/v1/reports/${id}`,
          { ...cast.focalPoint.auth, 'if-match': String(seen.version) },
          { sections: { calendar: 'Marzo: taller' } },
        )
      ).status,
    ).toBe(200);
    expect((await send('POST', `/api/v1/reports/${id}/submit`, cast.focalPoint.auth)).body.state).toBe('submitted');
    expect((await send('POST', `/api/v1/reports/${id}/approve`, cast.validator.auth)).body.state).toBe('approved');
    const accepted = await send('POST', `/api/v1/reports/${id}/accept`, cast.secretariat.auth);
    expect(accepted.body.state).toBe('accepted');
    expect(accepted.body.late).toBe(false);
    expect(accepted.body.history.map((h: { to: string }) => h.to)).toEqual([
      'submitted',
      'approved',
      'returned',
      'submitted',
      'approved',
      'accepted',
    ]);
  });

  it('marks a submission after the deadline as late, and locks a closed cycle', async () => {
    const cycle = await openedCycle('2010', '2010-03-31', '2010-01-01');
    const id = cycle.reports.find((r) => r.actor.key === 'mx')?.id;
    const submitted = await send('POST', `/api/v1/reports/${id}/submit`, cast.focalPoint.auth);
    expect(submitted.body.late).toBe(true);
    expect((await send('POST', `/api/v1/cycles/${cycle.id}/close`, cast.secretariat.auth)).status).toBe(204);
    const other = cycle.reports.find((r) => r.actor.key === 'ca')?.id;
    const locked = await send(
      'PATCH',
      `/api/v1/reports/${other}`,
      { ...cast.otherFocalPoint.auth, 'if-match': '1' },
      { sections: { calendar: 'x' } },
    );
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('cycle_locked');
    // Its page says why it is locked and what to do, and offers no form.
    const session = await signIn(web.app, cast.otherFocalPoint.email);
    const page = await (await web.app.request(`/reports/${other}`, { headers: { cookie: session.cookie } })).text();
    expect(page).toMatch(/Este ciclo se cerró el .+ sin que el informe se enviara: ya no puede editarse ni enviarse/);
    expect(page).not.toContain('data-autosave');
  });

  it('lets exactly one of many concurrent saves of the same field win per version; the others get 409 with both versions', async () => {
    const cycle = await openedCycle('2029');
    const id = cycle.reports.find((r) => r.actor.key === 'mx')?.id;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        send(
          'PATCH',
          `/api/v1/reports/${id}`,
          { ...cast.focalPoint.auth, 'if-match': '1' },
          { sections: { calendar: `writer ${i}` } },
        ),
      ),
    );
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => r.status === 409);
    expect(losers).toHaveLength(11);
    expect(losers[0]?.body.current.version).toBe(2);
    expect(losers[0]?.body.yours.content.sections.calendar).toMatch(/^writer \d+$/);
    const final = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    expect(final.version).toBe(2);
    const winnerText = final.sections.calendar;
    expect(losers.every((l) => l.body.current.content.sections.calendar === winnerText)).toBe(true);
    expect(
      (await send('PATCH', `/api/v1/reports/${id}`, cast.focalPoint.auth, { sections: { calendar: 'no version' } }))
        .status,
    ).toBe(428);
  });

  it('merges two saves based on one version that change different activities; the same one changed twice is a 409 naming it', async () => {
    const cycle = await openedCycle('2034');
    const id = cycle.reports.find((r) => r.actor.key === 'mx')?.id;
    const r = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    const [first, second, third] = r.entries;
    const save = (ifMatch: number, body: object) =>
      send('PATCH', `/api/v1/reports/${id}`, { ...cast.focalPoint.auth, 'if-match': String(ifMatch) }, body);
    const a = await save(r.version, { entries: [{ id: first?.id, carriedOut: '<p>Ana</p>' }] });
    expect(a.status).toBe(200);
    const b = await save(r.version, {
      entries: [{ id: second?.id, carriedOut: '<p>Luis</p>', statusAssessment: 'in_progress' }],
      sections: { calendar: 'Marzo' },
    });
    expect(b.status).toBe(200);
    expect(b.body.version).toBe(r.version + 2);
    // The answer holds both people's changes, as the report now does.
    expect(b.body.content.entries[0].carriedOut).toBe('<p>Ana</p>');
    const both = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    expect(both.entries.slice(0, 2).map((e) => e.carriedOut)).toEqual(['<p>Ana</p>', '<p>Luis</p>']);
    expect(both.sections.calendar).toBe('Marzo');
    // Another field of an activity someone else changed is no conflict either.
    expect((await save(r.version, { entries: [{ id: first?.id, planned: '<p>Taller</p>' }] })).status).toBe(200);
    // The same field, changed again from the old version: refused, naming it; nothing is written.
    const clash = await save(r.version, {
      entries: [
        { id: first?.id, carriedOut: '<p>Pedro</p>' },
        { id: third?.id, carriedOut: '<p>Tercera</p>' },
      ],
    });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('version_conflict');
    expect(clash.body.conflicts).toEqual([{ entryId: first?.id, field: 'carriedOut' }]);
    expect(clash.body.current.content.entries[0].carriedOut).toBe('<p>Ana</p>');
    expect(clash.body.yours.content.entries[0].carriedOut).toBe('<p>Pedro</p>');
    expect(clash.body.yours.content.entries[2].carriedOut).toBe('<p>Tercera</p>');
    const after = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    expect(after.version).toBe(r.version + 3);
    expect(after.entries[2]?.carriedOut).toBe('');
    // Writing the same text as the saved one is no conflict.
    expect((await save(r.version, { entries: [{ id: first?.id, carriedOut: '<p>Ana</p>' }] })).status).toBe(200);
    // A version the report never had is no base to merge against.
    expect((await save(r.version + 50, { sections: { calendar: 'x' } })).status).toBe(409);
  });

  it('lets four writers on different activities of one report all save from the same version', async () => {
    const cycle = await openedCycle('2035');
    const id = cycle.reports.find((r) => r.actor.key === 'mx')?.id;
    const r = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    const results = await Promise.all(
      r.entries
        .slice(0, 4)
        .map((e, i) =>
          send(
            'PATCH',
            `/api/v1/reports/${id}`,
            { ...cast.focalPoint.auth, 'if-match': String(r.version) },
            { entries: [{ id: e.id, carriedOut: `writer ${i}` }] },
          ),
        ),
    );
    expect(results.map((x) => x.status)).toEqual([200, 200, 200, 200]);
    const final = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    expect(final.version).toBe(r.version + 4);
    expect(final.entries.slice(0, 4).map((e) => e.carriedOut)).toEqual([
      'writer 0',
      'writer 1',
      'writer 2',
      'writer 3',
    ]);
  });

  it('asks on the page which text to keep where two people changed the same field, and saves only what was chosen', async () => {
    const cycle = await openedCycle('2036');
    const id = cycle.reports.find((r) => r.actor.key === 'mx')?.id ?? '';
    const r = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    const [first, second] = r.entries;
    const theirs = await send(
      'PATCH',
      `/api/v1/reports/${id}`,
      { ...cast.focalPoint.auth, 'if-match': String(r.version) },
      { entries: [{ id: first?.id, carriedOut: '<p>Ana</p>' }], sections: { calendar: 'Marzo' } },
    );
    expect(theirs.status).toBe(200);
    const session = await signIn(web.app, cast.focalPoint.email);
    const form = (fields: Record<string, string>) => postForm(web.app, `/reports/${id}`, fields, session);
    // The whole form, as the page sent it, based on the first version: one field collides, one is new.
    const page = await form({
      version: String(r.version),
      [`carriedOut:${first?.id}`]: '<p>Luis</p>',
      [`carriedOut:${second?.id}`]: '<p>Segunda</p>',
      'section:calendar': '',
    });
    expect(page.status).toBe(409);
    const html = await page.text();
    expect(html).toContain('Otra persona cambió los mismos campos');
    expect(html).toContain(`name="resolve:carriedOut:${first?.id}"`);
    expect(html).not.toContain('name="resolve:section:calendar"');
    expect(html).toContain('<p>Ana</p>');
    const unchanged = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    expect(unchanged.entries[1]?.carriedOut).toBe('');
    // Saving without a choice shows the question again.
    const mine = { [`mine:carriedOut:${first?.id}`]: '<p>Luis</p>' };
    const rest = {
      version: String(r.version + 1),
      baseVersion: String(r.version),
      [`carriedOut:${second?.id}`]: '<p>Segunda</p>',
    };
    const unchosen = await form({ ...rest, ...mine });
    expect(unchosen.status).toBe(409);
    expect(await unchosen.text()).toContain('Elija qué texto conservar en cada campo marcado.');
    // "Keep the saved version": Ana's text stays, the other change is saved.
    const kept = await form({ ...rest, ...mine, [`resolve:carriedOut:${first?.id}`]: 'theirs' });
    expect(kept.status).toBe(303);
    const saved = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    expect(saved.entries.slice(0, 2).map((e) => e.carriedOut)).toEqual(['<p>Ana</p>', '<p>Segunda</p>']);
    expect(saved.sections.calendar).toBe('Marzo');
    // "Edit the combined text" saves the text as edited.
    const edited = await form({
      ...rest,
      version: String(saved.version),
      ...mine,
      [`resolve:carriedOut:${first?.id}`]: 'edit',
      [`edit:carriedOut:${first?.id}`]: '<p>Ana y Luis</p>',
    });
    expect(edited.status).toBe(303);
    const final = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    expect(final.entries[0]?.carriedOut).toBe('<p>Ana y Luis</p>');
  });

  it('asks before submitting, listing the activities left empty; confirming submits', async () => {
    const cycle = await openedCycle('2037');
    const id = cycle.reports.find((r) => r.actor.key === 'mx')?.id ?? '';
    const r = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    await send(
      'PATCH',
      `/api/v1/reports/${id}`,
      { ...cast.focalPoint.auth, 'if-match': String(r.version) },
      { entries: [{ id: r.entries[0]?.id, carriedOut: '<p>Hecho</p>' }] },
    );
    const session = await signIn(web.app, cast.focalPoint.email);
    const asked = await postForm(web.app, `/reports/${id}/submit`, {}, session);
    expect(asked.status).toBe(200);
    const page = (await asked.text()).replace(/\s+/g, ' ');
    expect(page).toContain(`21 de las ${r.entries.length} actividades están vacías`);
    expect(page).toContain(`<strong>${r.entries[1]?.code}</strong>`);
    expect(page).not.toContain(`<strong>${r.entries[0]?.code}</strong>`);
    expect(page).toContain('Enviar de todos modos');
    expect((await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body.state).toBe('draft');
    // Someone who may not submit it is refused at once, not asked.
    const validator = await signIn(web.app, cast.validator.email);
    expect((await postForm(web.app, `/reports/${id}/submit`, {}, validator)).status).toBe(403);
    const confirmed = await postForm(web.app, `/reports/${id}/submit`, { confirm: 'yes' }, session);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`/reports/${id}?done=submitted`);
    expect((await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body.state).toBe('submitted');
  });

  it('proposes an accepted report’s status assessments as its items’ status; the secretariat applies or dismisses them', async () => {
    const cycle = await openedCycle('2038');
    const id = cycle.reports.find((r) => r.actor.key === 'mx')?.id ?? '';
    const r = (await send('GET', `/api/v1/reports/${id}`, cast.focalPoint.auth)).body as Report;
    const [a, b, c] = r.entries;
    const itemOf = async (entryId: string | undefined) => {
      const itemId = (r as unknown as { entries: { id: string; itemId: string }[] }).entries.find(
        (e) => e.id === entryId,
      )?.itemId;
      return (await send('GET', `/api/v1/items/${itemId}`, {})).body as {
        status: string | null;
        statusHistory: { status: string; sourceReport: string | null; note: string | null }[];
      };
    };
    const before = await itemOf(a?.id);
    await send(
      'PATCH',
      `/api/v1/reports/${id}`,
      { ...cast.focalPoint.auth, 'if-match': String(r.version) },
      {
        entries: [
          { id: a?.id, statusAssessment: 'completed' },
          { id: b?.id, statusAssessment: 'in_progress' },
          { id: c?.id, statusAssessment: 'cancelled' },
        ],
      },
    );
    const proposalsOf = async () =>
      (await send('GET', `/api/v1/reports/${id}/status-proposals`, cast.secretariat.auth)).body as {
        entryId: string;
        proposed: string;
        current: string | null;
      }[];
    // Nothing is proposed before acceptance.
    expect(await proposalsOf()).toEqual([]);
    await send('POST', `/api/v1/reports/${id}/submit`, cast.focalPoint.auth);
    await send('POST', `/api/v1/reports/${id}/approve`, cast.validator.auth);
    await send('POST', `/api/v1/reports/${id}/accept`, cast.secretariat.auth);
    const proposals = await proposalsOf();
    expect(proposals.map((p) => p.proposed)).toEqual(['completed', 'in_progress', 'cancelled']);
    expect(proposals[0]?.current).toBe(before.status);
    expect((await send('GET', `/api/v1/reports/${id}/status-proposals`, cast.focalPoint.auth)).status).toBe(403);

    // On the page: the table, and one applied with its button.
    const session = await signIn(web.app, cast.secretariat.email);
    const page = await (await web.app.request(`/reports/${id}`, { headers: { cookie: session.cookie } })).text();
    expect(page).toContain('Estado propuesto para los elementos');
    expect(page).toContain('Aplicar las 3 propuestas');
    const applied = await postForm(
      web.app,
      `/reports/${id}/status-proposals`,
      { decision: 'apply', entryId: a?.id ?? '' },
      session,
    );
    expect(applied.status).toBe(303);
    expect(applied.headers.get('location')).toBe(`/reports/${id}?done=statusApplied&count=1#status-proposals`);
    const item = await itemOf(a?.id);
    expect(item.status).toBe('completed');
    expect(item.statusHistory.at(-1)).toMatchObject({ status: 'completed', sourceReport: id });
    expect(item.statusHistory.at(-1)?.note).toContain('Estado según el informe 2038 de México');
    // Decided once: no longer a proposal.
    const again = await send('POST', `/api/v1/reports/${id}/status-proposals`, cast.secretariat.auth, {
      decision: 'apply',
      entryIds: [a?.id],
    });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].field).toBe('entryIds.0');
    // One dismissed (the item keeps its status), the rest applied at once.
    const dismissed = await send('POST', `/api/v1/reports/${id}/status-proposals`, cast.secretariat.auth, {
      decision: 'dismiss',
      entryIds: [c?.id],
    });
    expect(dismissed.body.decided).toBe(1);
    expect((await itemOf(c?.id)).status).not.toBe('cancelled');
    const rest = await send('POST', `/api/v1/reports/${id}/status-proposals`, cast.secretariat.auth, {
      decision: 'apply',
    });
    expect(rest.body.decided).toBe(1);
    expect((await itemOf(b?.id)).status).toBe('in_progress');
    expect(await proposalsOf()).toEqual([]);
  });

  it('lets the secretariat see and change who a cycle addresses before opening it', async () => {
    const s = cast.secretariat.auth;
    const created = await send('POST', '/api/v1/cycles', s, {
      programme: 'programa-interamericano-2016',
      period: '2039',
      opensAt: '2026-01-01',
      deadline: '2099-12-31',
    });
    const id = created.body.id as string;
    const session = await signIn(web.app, cast.secretariat.email);
    const page = async () => (await web.app.request(`/cycles/${id}`, { headers: { cookie: session.cookie } })).text();
    expect(await page()).toContain('40 actores destinatarios');
    const mx = (await send('GET', '/api/v1/actors/mx', {})).body.id as string;
    const removed = await postForm(web.app, `/cycles/${id}/addressees/${mx}/remove`, {}, session);
    expect(removed.headers.get('location')).toBe(`/cycles/${id}?done=addresseeRemoved#addressees`);
    expect(await page()).toContain('39 actores destinatarios');
    // A group is not an addressee; an unknown actor is named as the field; only the secretariat changes them.
    const group = await send('POST', `/api/v1/cycles/${id}/addressees`, s, { actor: 'oas-member-states' });
    expect(group.status).toBe(400);
    expect(group.body.errors[0].field).toBe('actor');
    expect((await send('POST', `/api/v1/cycles/${id}/addressees`, cast.focalPoint.auth, { actor: 'mx' })).status).toBe(
      403,
    );
    expect((await send('DELETE', `/api/v1/cycles/${id}/addressees/ca`, s)).status).toBe(204);
    expect((await send('POST', `/api/v1/cycles/${id}/addressees`, s, { actor: 'mx' })).status).toBe(204);
    // Opening creates a report for each addressee as the list stood.
    expect((await send('POST', `/api/v1/cycles/${id}/open`, s)).status).toBe(200);
    const reports = (await send('GET', `/api/v1/cycles/${id}/reports`, s)).body as { actor: { key: string } }[];
    expect(reports).toHaveLength(39);
    expect(reports.map((r) => r.actor.key)).toContain('mx');
    expect(reports.map((r) => r.actor.key)).not.toContain('ca');
    // Once open, the addressees are its reports.
    expect((await send('POST', `/api/v1/cycles/${id}/addressees`, s, { actor: 'ca' })).status).toBe(409);
    expect(await page()).not.toContain('actores destinatarios');
  });

  it('takes evidence as files of accepted types and sizes, or links, and serves files to readers only', async () => {
    const cycle = await openedCycle('2030');
    const id = cycle.reports.find((r) => r.actor.key === 'mx')?.id;
    const upload = async (name: string, bytes: Uint8Array<ArrayBuffer>, auth = cast.focalPoint.auth) => {
      const form = new FormData();
      form.append('file', new File([bytes], name));
      form.append('title', 'Acta');
      const res = await web.app.request(`/api/v1/reports/${id}/evidence`, {
        method: 'POST',
        headers: auth,
        body: form,
      });
      return { status: res.status, body: await res.json() };
    };
    const pdf = new TextEncoder().encode('%PDF-1.4\nacta firmada\n');
    const added = await upload('acta.pdf', pdf);
    expect(added.status).toBe(201);
    const exe = await upload('virus.exe', new Uint8Array([0x4d, 0x5a, 0, 0]));
    expect(exe.status).toBe(400);
    expect(exe.body.errors[0].field).toBe('file');
    expect((await upload('falso.pdf', new TextEncoder().encode('<html>'))).status).toBe(400);
    expect((await upload('acta.pdf', pdf, cast.otherFocalPoint.auth)).status).toBe(403);
    const link = await send('POST', `/api/v1/reports/${id}/evidence`, cast.focalPoint.auth, {
      title: 'Portal',
      url: 'javascript:alert(1)',
    });
    expect(link.status).toBe(400);
    expect(link.body.errors[0].field).toBe('url');
    const report = (await send('GET', `/api/v1/reports/${id}`, cast.validator.auth)).body as {
      evidence: { url: string; filename: string }[];
    };
    expect(report.evidence.map((e) => e.filename)).toEqual(['acta.pdf']);
    const file = await web.app.request(report.evidence[0]?.url ?? '', { headers: cast.validator.auth });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(pdf);
    expect((await web.app.request(report.evidence[0]?.url ?? '', { headers: cast.otherValidator.auth })).status).toBe(
      403,
    );
    expect((await web.app.request(report.evidence[0]?.url ?? '')).status).toBe(404);
  });

  it('shows anonymous callers published cycles only', async () => {
    const opened = await openedCycle('2033');
    type Cycle = { id: string; period: string; state: string };
    const anon = await send<Cycle[]>('GET', '/api/v1/cycles', {});
    expect(anon.status).toBe(200);
    // The bundled 2008 report is the only published cycle; the ones these tests open are not shown.
    expect(anon.body.map((c) => `${c.period} ${c.state}`)).toEqual(['2008 published']);
    const all = await send<Cycle[]>('GET', '/api/v1/cycles', cast.member.auth);
    expect(all.body.map((c) => `${c.period} ${c.state}`)).toEqual(
      expect.arrayContaining(['2008 published', '2033 open']),
    );
    expect(all.body.find((c) => c.id === opened.id)?.state).toBe('open');
  });
});
