/**
 * Security headers on every kind of response — pages, API JSON, problems,
 * 404s, redirects, assets, downloads, feeds, the OpenAPI document and the
 * page of an unexpected error — and the attributes of every cookie, on
 * PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { type Database, openPglite } from '../../src/db/connect.ts';
import { addMeetingDocument, createMeeting } from '../../src/modules/meetings/meeting.service.ts';
import { createCycle, openCycle } from '../../src/modules/reporting/cycle.service.ts';
import { addFileEvidence } from '../../src/modules/reporting/evidence.service.ts';
import { listCycleReports } from '../../src/modules/reporting/report.service.ts';
import { assets } from '../../src/web/assets.ts';
import { appOn } from '../support/app.ts';
import { dialects, openLoadedDatabase, silentLog } from '../support/databases.ts';
import { buildUser, PASSWORD } from '../support/factories.ts';

/** The directives of a Content-Security-Policy header, each with its sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name.toLowerCase(), sources]),
  );
}

/** What every response must carry, whatever it is. */
function expectSecureHeaders(res: Response, name: string) {
  const csp = directives(res.headers.get('content-security-policy') ?? '');
  expect(csp.get('default-src'), name).toEqual(["'self'"]);
  // Scripts only from our own origin: no inline script, no eval, no other host or scheme.
  expect(csp.get('script-src'), name).toEqual(["'self'"]);
  expect(csp.get('object-src'), name).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors'), name).toEqual(["'none'"]);
  expect(csp.get('base-uri'), name).toEqual(["'self'"]);
  expect(csp.get('form-action'), name).toEqual(["'self'"]);
  for (const [directive, sources] of csp)
    expect(sources.join(' '), `${name}: ${directive}`).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:/);
  expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), name).toBe('strict-origin-when-cross-origin');
  expect(res.headers.get('x-frame-options'), name).toMatch(/^(DENY|SAMEORIGIN)$/);
  expect(res.headers.get('cross-origin-opener-policy'), name).toBe('same-origin');
  expect(res.headers.get('x-powered-by'), name).toBeNull();
}

describe.each(dialects())('security headers on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  const ids = { attachment: '', document: '', meeting: '', published: '' };
  let session = { cookie: '', csrfToken: '' };
  let email = '';

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    const db = database.db;
    const secretariat = await buildUser(db, [{ role: 'secretariat' }]);
    const focal = await buildUser(db, [{ role: 'focal_point', actor: 'mx' }]);
    email = focal.email;
    const { id } = await createCycle(
      db,
      { programme: 'programa-interamericano-2016', period: '2031', opensAt: '2031-01-01', deadline: '2099-03-31' },
      secretariat.principal,
    );
    await openCycle(db, id, secretariat.principal);
    const report = (await listCycleReports(db, id, secretariat.principal)).find((r) => r.actor.key === 'mx');
    const file = { name: 'informe.txt', bytes: new TextEncoder().encode('<script>alert(1)</script>') };
    ids.attachment = (await addFileEvidence(db, report?.report.id as string, file, {}, focal.principal)).id;
    ids.meeting = (
      await createMeeting(
        db,
        {
          body: 'cam',
          kind: 'informal_session',
          title: 'Sesión',
          startsAt: '2031-03-10',
          endsAt: '2031-03-10',
          visibility: 'public',
        },
        secretariat.principal,
      )
    ).id;
    ids.document = (
      await addMeetingDocument(db, ids.meeting, { kind: 'minutes', title: 'Acta', file }, secretariat.principal)
    ).id;
    const cycles = (await web.json<{ id: string; state: string }[]>('/api/v1/cycles')).body;
    ids.published = cycles.find((c) => c.state === 'published')?.id as string;
    const login = await web.app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    session = {
      cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      csrfToken: ((await login.json()) as { csrfToken: string }).csrfToken,
    };
  });
  afterAll(async () => {
    await database?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => web.app.request(path, { headers });

  it('sends them on every kind of response', async () => {
    const cases: [string, () => Response | Promise<Response>, number, RegExp][] = [
      ['home page', () => get('/'), 200, /^text\/html/],
      ['page of a signed-in user', () => get('/account', { cookie: session.cookie }), 200, /^text\/html/],
      ['HEAD of a page', () => web.app.request('/', { method: 'HEAD' }), 200, /^text\/html/],
      ['API JSON', () => get('/api/v1/programmes'), 200, /^application\/json/],
      ['OpenAPI document', () => get('/api/v1/openapi.json'), 200, /^application\/json/],
      ['problem: malformed id', () => get('/api/v1/items/123'), 400, /^application\/problem\+json/],
      ['problem: unauthenticated', () => get('/api/v1/me'), 401, /^application\/problem\+json/],
      ['problem: no such route', () => get('/api/v1/nowhere'), 404, /^application\/problem\+json/],
      [
        'problem: cross-site request',
        () =>
          web.app.request('/api/v1/tokens', {
            method: 'POST',
            headers: { cookie: session.cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
            body: '{}',
          }),
        403,
        /^application\/problem\+json/,
      ],
      [
        'problem: body too large',
        () =>
          web.app.request('/api/v1/tokens', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': String(13 * 1024 * 1024) },
            body: 'x'.repeat(13 * 1024 * 1024),
          }),
        413,
        /^application\/problem\+json/,
      ],
      [
        'problem: body too large, sent in pieces of unknown length',
        () => {
          let pieces = 0;
          const body = new ReadableStream<Uint8Array>({
            pull(controller) {
              if (pieces++ === 13) controller.close();
              else controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
            },
          });
          const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' };
          return web.app.request('/api/v1/tokens', init as RequestInit);
        },
        413,
        /^application\/problem\+json/,
      ],
      ['404 page', () => get('/nowhere/at/all'), 404, /^text\/html/],
      ['400 page', () => get('/items/123'), 400, /^text\/html/],
      ['redirect: language switch', () => get('/lang/en?next=/actors'), 303, /^$/],
      ['redirect: sign in first', () => get('/account'), 303, /^$/],
      [
        'redirect: signed in by the form',
        () =>
          web.app.request('/login', {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ email, password: PASSWORD, next: '/' }).toString(),
          }),
        303,
        /^$/,
      ],
      ['stylesheet', () => get(assets.cssPath), 200, /^text\/css/],
      ['script', () => get(assets.jsPath), 200, /^text\/javascript/],
      ['evidence file', () => get(`/attachments/${ids.attachment}`, { cookie: session.cookie }), 200, /^text\/plain/],
      [
        'evidence file (API)',
        () => get(`/api/v1/attachments/${ids.attachment}`, { cookie: session.cookie }),
        200,
        /^text\/plain/,
      ],
      ['meeting document file', () => get(`/meeting-documents/${ids.document}`), 200, /^text\/plain/],
      ['Word report', () => get(`/api/v1/cycles/${ids.published}/report.docx?lang=en`), 200, /wordprocessingml/],
      ['Excel report', () => get(`/api/v1/cycles/${ids.published}/report.xlsx?lang=en`), 200, /spreadsheetml/],
      ['CSV report', () => get(`/api/v1/cycles/${ids.published}/report.csv?lang=en`), 200, /^text\/csv/],
      ['HTML report', () => get(`/api/v1/cycles/${ids.published}/report.html?lang=en`), 200, /^text\/html/],
      ['map', () => get(`/api/v1/cycles/${ids.published}/map.svg`), 200, /^image\/svg\+xml/],
      ['calendar feed', () => get('/calendar.ics'), 200, /^text\/calendar/],
      ['body feed', () => get('/calendar/cam.ics'), 200, /^text\/calendar/],
      ['meeting .ics', () => get(`/meetings/${ids.meeting}.ics`), 200, /^text\/calendar/],
    ];
    for (const [name, request, status, type] of cases) {
      const res = await request();
      expect(res.status, name).toBe(status);
      expect(res.headers.get('content-type') ?? '', name).toMatch(type);
      expectSecureHeaders(res, name);
    }
  });

  it('sends files as attachments that a browser will not sniff or render', async () => {
    for (const path of [
      `/attachments/${ids.attachment}`,
      `/meeting-documents/${ids.document}`,
      `/api/v1/cycles/${ids.published}/report.docx`,
      `/api/v1/cycles/${ids.published}/report.csv`,
      `/meetings/${ids.meeting}.ics`,
    ]) {
      const res = await get(path, { cookie: session.cookie });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-disposition'), path).toMatch(/^attachment; filename/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('sends them with the page of an unexpected error, which tells nothing of its cause', async () => {
    // A database without tables: every query fails, as with a lost connection.
    const empty = await openPglite();
    try {
      const broken = createApp({ db: empty.db, log: silentLog });
      for (const [path, type] of [
        ['/programmes/programa-interamericano-2016', /^text\/html/],
        ['/api/v1/programmes', /^application\/problem\+json/],
      ] as const) {
        const res = await broken.request(path, { headers: { 'accept-language': 'en' } });
        expect(res.status, path).toBe(500);
        expect(res.headers.get('content-type') ?? '', path).toMatch(type);
        expectSecureHeaders(res, path);
        const text = await res.text();
        expect(text, path).toContain('Something went wrong; it has been logged');
        expect(text, path).not.toMatch(/relation "|does not exist|select |\.ts:\d+/i);
      }
    } finally {
      await empty.close();
    }
  });

  it('sets the language cookie HttpOnly and SameSite, and Secure behind TLS, like the session cookie', async () => {
    // The session cookie's attributes are checked with signing in (accounts.test.ts).
    const behindTls = createApp({ db: database.db, log: silentLog, publicUrl: 'https://enlace.example.org' });
    const plain = (await get('/lang/en?next=/')).headers.get('set-cookie') ?? '';
    const proxied = (await get('/lang/en?next=/', { 'x-forwarded-proto': 'https' })).headers.get('set-cookie') ?? '';
    const configured = (await behindTls.request('/lang/en?next=/')).headers.get('set-cookie') ?? '';
    for (const cookie of [plain, proxied, configured]) {
      expect(cookie).toMatch(/^lang=en;/);
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
    }
    expect(plain).not.toMatch(/; Secure/i);
    expect(proxied).toMatch(/; Secure/i);
    expect(configured).toMatch(/; Secure/i);
  });
});
