/**
 * "My work", the signed-in home: each person sees what is theirs to do —
 * a focal point its reports (returned first, with the comment) and its
 * actor's pending agreements; a validator what waits for approval; the
 * secretariat the open cycles in figures, late reports, reports to accept
 * and mail that did not go out. On PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { outbox } from '../../src/db/schema/index.ts';
import { appOn, type JsonSend, jsonSender, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast, PASSWORD } from '../support/factories.ts';

describe.each(dialects())('my work on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: JsonSend;
  let cast: Cast;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  const pageOf = async (user: { email: string }) => {
    const session = await signIn(web.app, user.email);
    const res = await web.app.request('/my-work', { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const cycle = async (period: string, deadline: string) => {
    const s = cast.secretariat.auth;
    const created = await send('POST', '/api/v1/cycles', s, {
      programme: 'programa-interamericano-2016',
      period,
      opensAt: '2020-01-01',
      deadline,
    });
    await send('POST', `/api/v1/cycles/${created.body.id}/open`, s);
    const reports = (await send('GET', `/api/v1/cycles/${created.body.id}/reports`, s)).body as {
      id: string;
      actor: { key: string };
    }[];
    return { id: created.body.id as string, mx: reports.find((r) => r.actor.key === 'mx')?.id as string };
  };

  it('shows each role its own work, most urgent first', async () => {
    const late = await cycle('2040', '2021-03-31');
    const current = await cycle('2041', '2099-03-31');
    // Mexico's report of the current cycle is returned with a comment; the late one stays a draft.
    for (const step of ['submit', 'approve']) {
      const auth = step === 'submit' ? cast.focalPoint.auth : cast.validator.auth;
      expect((await send('POST', `/api/v1/reports/${current.mx}/${step}`, auth)).status).toBe(200);
    }
    await send('POST', `/api/v1/reports/${current.mx}/return`, cast.secretariat.auth, {
      comment: 'Falta el calendario de talleres',
    });

    const focal = await pageOf(cast.focalPoint);
    expect(focal).toContain('Mis informes');
    const returnedAt = focal.indexOf('Informe 2041 de México');
    const lateAt = focal.indexOf('Informe 2040 de México');
    expect(returnedAt).toBeGreaterThan(0);
    expect(lateAt).toBeGreaterThan(returnedAt);
    expect(focal).toContain('Falta el calendario de talleres');
    expect(focal).toMatch(/\d+ días de retraso/);
    expect(focal).not.toContain('Informes que esperan su aprobación');
    expect(focal).not.toContain('Ciclos abiertos');
    // Another actor's focal point sees its own reports, not Mexico's.
    expect(await pageOf(cast.otherFocalPoint)).not.toContain('de México');

    // Submitted again: it waits for the validator.
    expect((await send('POST', `/api/v1/reports/${current.mx}/submit`, cast.focalPoint.auth)).status).toBe(200);
    const validator = await pageOf(cast.validator);
    expect(validator).toContain('Informes que esperan su aprobación');
    expect(validator).toContain(`/reports/${current.mx}`);
    expect(validator).not.toContain(`/reports/${late.mx}`);
    expect(await pageOf(cast.otherValidator)).toContain('Ningún informe espera su aprobación.');

    // Approved: it waits for the secretariat, who also sees the late reports, the cycles and the undelivered mail.
    expect((await send('POST', `/api/v1/reports/${current.mx}/approve`, cast.validator.auth)).status).toBe(200);
    await database.db.insert(outbox).values({
      id: crypto.randomUUID(),
      dedupeKey: `test:${crypto.randomUUID()}`,
      kind: 'reminder',
      to: 'nadie@example.org',
      subject: 'x',
      text: 'x',
      status: 'failed',
    });
    const secretariat = await pageOf(cast.secretariat);
    expect(secretariat).toContain('Informes aprobados que esperan su aceptación');
    const toAccept = secretariat.slice(
      secretariat.indexOf('esperan su aceptación'),
      secretariat.indexOf('Informes atrasados'),
    );
    expect(toAccept).toContain(`/reports/${current.mx}`);
    const lateList = secretariat.slice(secretariat.indexOf('Informes atrasados'));
    expect(lateList).toContain(`/reports/${late.mx}`);
    expect(lateList).not.toContain(`/reports/${current.mx}`);
    expect(secretariat).toContain(`/cycles/${current.id}`);
    expect(secretariat).toMatch(/\d+ informes: \d+ en redacción, 0 enviados, 1 aprobado, 0 aceptados/);
    expect(secretariat).toMatch(/\d+ mensajes? no se pudo|no se pudieron enviar/);
  });

  it('tells a member there is nothing in their charge, and sends anonymous visitors to sign in', async () => {
    expect(await pageOf(cast.member)).toContain('No tiene informes a su cargo.');
    const anonymous = await web.app.request('/my-work');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/);
  });

  it('lands on it after signing in from the home page, and on the page asked for otherwise', async () => {
    const login = (next: string) =>
      web.app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: cast.focalPoint.email, password: PASSWORD, next }),
      });
    const fromHome = await login('/');
    expect(fromHome.status).toBe(303);
    expect(fromHome.headers.get('location')).toBe('/my-work');
    expect((await login('/cycles')).headers.get('location')).toBe('/cycles');
  });
});
