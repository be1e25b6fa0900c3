/**
 * Hostile input: SQL fragments, markup, `javascript:` links, event-handler
 * attributes, control, bidi and invisible characters, emoji and over-long
 * values in every field and file name a user can write, through the API and
 * the forms. Plain text is stored verbatim, rich text sanitized, and every
 * page that shows them renders them inert: in Chromium, with the CSP turned
 * off so that escaping alone must hold, no script runs.
 */
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycles } from '../../src/db/schema/index.ts';
import { sanitizeRichText } from '../../src/modules/reporting/rich-text.ts';
import type { RunningServer } from '../../src/server.ts';
import {
  browserAvailable,
  type Locale,
  launchChromium,
  localeContext,
  signedInContext,
  startE2eServer,
} from '../support/browser.ts';
import { eventsOf, parseCalendar } from '../support/calendar-check.ts';
import { parseCsv } from '../support/csv.ts';
import { zipEntries } from '../support/documents/docx-inspect.ts';
import { buildUser, PASSWORD, type TestUser } from '../support/factories.ts';

const run = browserAvailable() ? describe : describe.skip;

/** Markup and script that must show as text and never run. */
const XSS = {
  script: '<script>window.__xss=1</script>',
  img: '"><img src=x onerror="window.__xss=1">',
  svg: '<svg onload="window.__xss=1">',
  js: 'javascript:window.__xss=1',
  textarea: '</textarea><script>window.__xss=1</script>',
  template: "{{constructor.constructor('window.__xss=1')()}}",
  attr: "' onmouseover='window.__xss=1' x='",
};
const SQL = { drop: "'; drop table items; --", or: "' or '1'='1" };
const CONTROL = 'tab\there\nnew line\u0007bell\u001b[31mescape';
const BIDI = 'rtl\u202eevil.exe\u200fmark';
const INVISIBLE = 'zero\u200bwidth\u200c\u200djoiner\u2060end';
const EMOJI = '👩🏽‍⚖️🇲🇽🏳️‍🌈';
const FORMULA = '=HYPERLINK("https://evil.example","click")';
const ICS_BREAK = 'line\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT';

/** Each hostile string on its own, for fields too short to hold them all. */
const HOSTILE = [...Object.values(XSS), ...Object.values(SQL), CONTROL, BIDI, INVISIBLE, EMOJI, FORMULA];
/** All of them in one value, for the longer fields. */
const MIX = `${HOSTILE.join(' ¦ ')} ¦ fin`;
/** What must be visible as text on a page (no line breaks or tabs, which layout may fold). */
const VISIBLE = [...Object.values(XSS), ...Object.values(SQL), BIDI, INVISIBLE, EMOJI];

/** A meeting title: the iCalendar line break first, then markup (at most 500 characters). */
const TITLE = `${ICS_BREAK} ${XSS.script} ${XSS.img} ${XSS.attr} ${SQL.drop} ${BIDI} ${EMOJI}`;

const RICH = [
  `<p>${FORMULA} Hecho <a href="javascript:window.__xss=1">enlace</a> <a href="https://example.org/ok" onclick="window.__xss=1">bueno</a></p>`,
  `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script><svg onload="window.__xss=1"></svg>`,
  `<p style="x" onmouseover="window.__xss=1">${SQL.drop} ${EMOJI} ${BIDI}</p><iframe src="javascript:window.__xss=1"></iframe>`,
  `</textarea><script>window.__xss=1</script><p>${XSS.template}</p>`,
].join('\n');

const PROGRAMME = 'programa-interamericano-2016';

type Json = Record<string, unknown> & { id?: string };
type FilePart = { name: string; mimeType: string; buffer: Buffer };

run('hostile input in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let e2e: Awaited<ReturnType<typeof startE2eServer>>;
  let secretariat: TestUser;
  let focal: TestUser;
  const ids = {
    objective: '',
    activity: '',
    meeting: '',
    agreement: '',
    cycle: '',
    report: '',
    entry: '',
  };

  beforeAll(async () => {
    e2e = await startE2eServer('enlace-e2e-hostile-');
    server = e2e.server;
    const db = server.database.db;
    // People's names are hostile too: they show in histories, lists and e-mails.
    secretariat = await buildUser(db, [{ role: 'secretariat' }], XSS.img);
    focal = await buildUser(db, [{ role: 'focal_point', actor: 'mx' }], XSS.script);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  async function api(user: TestUser | null, method: string, path: string, body?: unknown, headers = {}) {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        ...(user ? user.auth : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
  }

  /** A request that must succeed, with its body. */
  async function ok(user: TestUser, method: string, path: string, body?: unknown, headers = {}) {
    const res = await api(user, method, path, body, headers);
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    return res.body;
  }

  /** A request that must be refused with a 400 naming `field`; returns the field's message. */
  async function refused(user: TestUser, method: string, path: string, body: unknown, field: string) {
    const res = await api(user, method, path, body);
    expect(res.status, `${method} ${path} ${field}`).toBe(400);
    const errors = (res.body.errors ?? []) as { field: string; message: string }[];
    expect(
      errors.map((e) => e.field),
      `${method} ${path}`,
    ).toContain(field);
    return errors.find((e) => e.field === field)?.message ?? '';
  }

  async function signedIn(user: TestUser, locale: Locale, options: { bypassCSP: boolean }) {
    const signed = await signedInContext(browser, server.url, user, locale, options);
    await signed.context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        w.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`);
      });
    });
    return signed;
  }

  it('stores hostile plain text verbatim in every field of the API', async () => {
    const se = secretariat;
    // Programme items: an objective (a chart label) and an activity assigned to Mexico.
    const all = (await ok(se, 'GET', `/programmes/${PROGRAMME}/items`)) as unknown as Json[];
    const section = all.find((i) => i.code === 'V.B') as Json;
    const objective = await ok(se, 'POST', `/programmes/${PROGRAMME}/items`, {
      parentId: null,
      level: 'general_objective',
      code: XSS.svg,
      text: MIX,
    });
    ids.objective = objective.id as string;
    const activity = await ok(se, 'POST', `/programmes/${PROGRAMME}/items`, {
      parentId: section.id,
      level: 'activity',
      code: SQL.drop,
      text: `${FORMULA} ${MIX}`,
      calendar: MIX,
    });
    ids.activity = activity.id as string;
    await ok(se, 'POST', `/items/${ids.activity}/assignments`, { actorId: 'mx', role: 'responsible' });
    await ok(se, 'POST', `/items/${ids.activity}/status`, { status: 'in_progress', date: '2025-01-15', note: MIX });
    const item = await ok(se, 'GET', `/items/${ids.activity}`);
    expect(item).toMatchObject({ code: SQL.drop, text: `${FORMULA} ${MIX}`, calendar: MIX });
    expect((item.statusHistory as Json[]).at(-1)?.note).toBe(MIX);
    expect((await ok(se, 'GET', `/items/${ids.objective}`)).code).toBe(XSS.svg);

    // A public meeting of the CAM, with Mexico invited, its agenda, documents and an agreement.
    const meeting = await ok(se, 'POST', '/meetings', {
      body: 'cam',
      kind: 'informal_session',
      title: TITLE,
      description: `${MIX}\n${ICS_BREAK}`,
      location: MIX,
      startsAt: '2027-03-10',
      endsAt: '2027-03-10',
      url: 'https://example.org/?q="><script>window.__xss=1</script>',
      invited: ['mx'],
    });
    ids.meeting = meeting.id as string;
    for (const title of HOSTILE) await ok(se, 'POST', `/meetings/${ids.meeting}/agenda`, { title });
    await ok(se, 'POST', `/meetings/${ids.meeting}/agenda`, { title: MIX, itemId: ids.activity });
    for (const title of HOSTILE)
      await ok(se, 'POST', `/meetings/${ids.meeting}/documents`, {
        kind: 'other',
        title,
        url: 'https://example.org/doc?a="><svg onload="window.__xss=1">',
      });
    const agreement = await ok(se, 'POST', `/meetings/${ids.meeting}/agreements`, {
      text: MIX,
      ownerActorIds: ['mx'],
      itemIds: [ids.activity],
    });
    ids.agreement = agreement.id as string;
    await ok(se, 'PATCH', `/agreements/${ids.agreement}`, { status: 'in_progress', note: MIX });
    const detail = await ok(se, 'GET', `/meetings/${ids.meeting}`);
    expect(detail).toMatchObject({
      title: TITLE,
      description: `${MIX}\n${ICS_BREAK}`,
      location: MIX,
    });
    expect((detail.agenda as Json[]).map((a) => a.title)).toEqual([...HOSTILE, MIX]);
    expect((detail.documents as Json[]).map((d) => d.title)).toEqual(HOSTILE);
    expect((detail.agreements as Json[])[0]).toMatchObject({
      text: MIX,
      notes: [expect.objectContaining({ text: MIX })],
    });

    // People and API tokens.
    for (const [i, name] of HOSTILE.entries())
      await ok(se, 'POST', '/users', { email: `hostile${i}@example.org`, name, grants: [{ role: 'member' }] });
    const users = (await ok(se, 'GET', '/users')) as unknown as Json[];
    for (const name of HOSTILE) expect(users.map((u) => u.name)).toContain(name);
    for (const name of HOSTILE) await ok(se, 'POST', '/tokens', { name });
    const tokens = (await ok(se, 'GET', '/tokens')) as unknown as Json[];
    for (const name of HOSTILE) expect(tokens.map((t) => t.name)).toContain(name);

    // A cycle whose period and texts are hostile, opened; Mexico's report.
    const period = `${XSS.svg}${EMOJI}`;
    const cycle = await ok(se, 'POST', '/cycles', {
      programme: PROGRAMME,
      period,
      opensAt: '2027-01-01',
      deadline: '2099-03-31',
    });
    ids.cycle = cycle.id as string;
    await ok(se, 'PATCH', `/cycles/${ids.cycle}`, {
      title: { es: MIX, en: MIX },
      introduction: `${MIX}\n\n${XSS.textarea}`,
      background: MIX,
      conclusion: MIX,
    });
    await ok(se, 'POST', `/cycles/${ids.cycle}/open`);
    expect((await ok(se, 'GET', `/cycles/${ids.cycle}`)).period).toBe(period);
    const [stored] = await server.database.db.select().from(cycles).where(eq(cycles.id, ids.cycle));
    expect(stored).toMatchObject({
      title: { es: MIX, en: MIX },
      introduction: `${MIX}\n\n${XSS.textarea}`,
      background: MIX,
      conclusion: MIX,
    });
    const reports = (await ok(se, 'GET', `/cycles/${ids.cycle}/reports`)) as unknown as Json[];
    ids.report = reports.find((r) => (r.actor as Json).key === 'mx')?.id as string;
  });

  it('keeps only the safe part of hostile rich text, and refuses javascript: links as evidence', async () => {
    const report = await ok(focal, 'GET', `/reports/${ids.report}`);
    const entry = (report.entries as Json[]).find((e) => e.itemId === ids.activity) as Json;
    expect(entry).toMatchObject({ code: SQL.drop, itemText: `${FORMULA} ${MIX}` });
    ids.entry = entry.id as string;
    const saved = await ok(
      focal,
      'PATCH',
      `/reports/${ids.report}`,
      {
        entries: [{ id: ids.entry, carriedOut: RICH, planned: RICH }],
        sections: { best_practices: RICH, new_proposals: RICH, calendar: RICH },
      },
      { 'if-match': String(report.version) },
    );
    expect(saved.version).toBe((report.version as number) + 1);
    const after = await ok(focal, 'GET', `/reports/${ids.report}`);
    const clean = sanitizeRichText(RICH);
    const savedEntry = (after.entries as Json[]).find((e) => e.id === ids.entry) as Json;
    expect(savedEntry.carriedOut).toBe(clean);
    expect(after.sections).toMatchObject({ best_practices: clean, new_proposals: clean, calendar: clean });
    // What survives is text and harmless markup: no script, no handler, no javascript: URL.
    expect(clean).not.toMatch(/<script|<img|<svg|<iframe|onerror|onload|onclick|onmouseover|javascript:|style=/i);
    expect(clean).toContain('<a href="https://example.org/ok" rel="noopener noreferrer">bueno</a>');
    for (const text of [FORMULA, SQL.drop, EMOJI, BIDI, XSS.template]) expect(clean).toContain(text);

    // Links: a javascript: (or data:) URL is refused with a field error; hostile titles are kept.
    for (const url of [
      XSS.js,
      'JaVaScRiPt:window.__xss=1',
      ' javascript:window.__xss=1',
      'java\tscript:window.__xss=1',
      'data:text/html,<script>window.__xss=1</script>',
      'vbscript:msgbox(1)',
    ]) {
      await refused(focal, 'POST', `/reports/${ids.report}/evidence`, { title: 'x', url }, 'url');
    }
    for (const title of HOSTILE)
      await ok(focal, 'POST', `/reports/${ids.report}/evidence`, {
        title,
        url: 'https://example.org/e?x="><img src=x onerror="window.__xss=1">',
        entryId: ids.entry,
      });
    await refused(
      secretariat,
      'POST',
      `/meetings/${ids.meeting}/documents`,
      { kind: 'other', title: 'x', url: XSS.js },
      'url',
    );
    await refused(secretariat, 'PATCH', `/meetings/${ids.meeting}`, { url: 'javascript:window.__xss=1' }, 'url');
  });

  it('takes hostile text and file names through the forms, and refuses over-long or NUL values there', async () => {
    const fp = await signedIn(focal, 'es', { bypassCSP: false });
    const se = await signedIn(secretariat, 'es', { bypassCSP: false });
    const post = (who: typeof fp, path: string, data: Record<string, string | FilePart>) => {
      const multipart = Object.values(data).some((v) => typeof v !== 'string');
      return who.context.request.post(`${server.url}${path}`, {
        ...(multipart ? { multipart: { _csrf: who.csrfToken, ...data } } : { form: { _csrf: who.csrfToken, ...data } }),
        maxRedirects: 0,
      });
    };
    const file = (name: string, content = XSS.script): FilePart => ({
      name,
      mimeType: 'text/plain',
      buffer: Buffer.from(content),
    });

    // Uploaded file names: kept as typed, but for control characters and any folder part.
    const names: [string, string][] = [
      [`${XSS.img}.txt`, `${XSS.img}.txt`],
      [`${XSS.svg}${XSS.attr}.txt`, `${XSS.svg}${XSS.attr}.txt`],
      [`${SQL.drop}.txt`, `${SQL.drop}.txt`],
      [`${BIDI}${INVISIBLE}.txt`, `${BIDI}${INVISIBLE}.txt`],
      [`${EMOJI} "quoted; name".txt`, `${EMOJI} "quoted; name".txt`],
      ['bell\u0007escape\u001b[31m.txt', 'bellescape[31m.txt'],
      [`..\\..\\${XSS.script}.txt`, 'script>.txt'],
    ];
    for (const [name] of names) {
      const res = await post(fp, `/reports/${ids.report}/evidence`, { title: '', file: file(name) });
      expect(res.status(), name).toBe(303);
    }
    for (const [name] of names) {
      const res = await post(se, `/meetings/${ids.meeting}/documents`, {
        kind: 'minutes',
        title: '',
        file: file(name),
      });
      expect(res.status(), name).toBe(303);
    }
    const evidence = (await ok(focal, 'GET', `/reports/${ids.report}`)).evidence as Json[];
    const files = evidence.filter((x) => x.kind === 'file');
    expect(files.map((x) => x.filename)).toEqual(names.map(([, stored]) => stored));
    expect(files.map((x) => x.title)).toEqual(names.map(([, stored]) => stored));
    const documents = (await ok(secretariat, 'GET', `/meetings/${ids.meeting}`)).documents as Json[];
    expect(documents.filter((d) => d.filename).map((d) => d.filename)).toEqual(names.map(([, stored]) => stored));
    // Downloads are attachments whose name cannot break out of the header.
    for (const x of files) {
      const res = await fp.context.request.get(`${server.url}/attachments/${x.id}`);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('text/plain');
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
      const disposition = res.headers()['content-disposition'] ?? '';
      expect(disposition).toMatch(/^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
      expect(decodeURIComponent(disposition.split("''")[1] ?? '')).toBe(x.filename);
      expect(await res.text()).toBe(XSS.script);
    }

    // Hostile text through the other forms.
    expect((await post(se, `/meetings/${ids.meeting}/agenda`, { title: MIX, item: '' })).status()).toBe(303);
    expect(
      (
        await post(se, `/items/${ids.activity}/status`, { status: 'continuous', date: '2025-02-01', note: MIX })
      ).status(),
    ).toBe(303);
    expect(
      (
        await post(se, '/admin/users', { email: 'form@example.org', name: XSS.textarea, locale: 'en', role: 'member' })
      ).status(),
    ).toBe(303);
    expect((await post(fp, '/account/tokens', { name: XSS.textarea })).status()).toBe(200);
    const meeting = await ok(secretariat, 'GET', `/meetings/${ids.meeting}`);
    expect((meeting.agenda as Json[]).at(-1)?.title).toBe(MIX);
    expect(((await ok(secretariat, 'GET', `/items/${ids.activity}`)).statusHistory as Json[]).at(-1)?.note).toBe(MIX);
    expect(((await ok(secretariat, 'GET', '/users')) as unknown as Json[]).map((u) => u.name)).toContain(XSS.textarea);
    expect(((await ok(focal, 'GET', '/tokens')) as unknown as Json[]).map((t) => t.name)).toContain(XSS.textarea);

    // A javascript: link through the evidence form is refused with the form's error.
    const jsLink = await post(fp, `/reports/${ids.report}/evidence`, { title: XSS.attr, url: XSS.js });
    expect(jsLink.status()).toBe(400);
    expect(await jsLink.text()).toContain('url');

    // The forms hold the same limits as the API, and say so.
    const tooLong: [typeof fp, string, Record<string, string | FilePart>, string][] = [
      [se, `/meetings/${ids.meeting}/agenda`, { title: 'x'.repeat(1001), item: '' }, '1000'],
      [fp, `/reports/${ids.report}`, { version: '1', 'section:calendar': 'x'.repeat(100_001) }, '100.000'],
      [
        se,
        `/meetings/${ids.meeting}/documents`,
        { kind: 'other', title: 'x'.repeat(301), url: 'https://example.org/' },
        '300',
      ],
      [se, `/meetings/${ids.meeting}/documents`, { kind: 'other', title: 'x'.repeat(301), file: file('a.txt') }, '300'],
      [fp, `/reports/${ids.report}/evidence`, { title: 'x'.repeat(301), file: file('a.txt') }, '300'],
      [fp, `/reports/${ids.report}/evidence`, { title: 'x'.repeat(301), url: 'https://example.org/' }, '300'],
      [
        se,
        `/items/${ids.activity}/status`,
        { status: 'continuous', date: '2025-02-01', note: 'x'.repeat(5001) },
        '5000',
      ],
      [se, `/cycles/${ids.cycle}/edit`, { 'title-es': 'x'.repeat(501) }, '500'],
      [se, `/cycles/${ids.cycle}/edit`, { introduction: 'x'.repeat(50_001) }, '50.000'],
      [fp, '/account/tokens', { name: 'x'.repeat(101) }, '100'],
    ];
    for (const [who, path, data, max] of tooLong) {
      const res = await post(who, path, data);
      const text = await res.text();
      expect(res.status(), `${path} ${Object.keys(data).join()}`).toBe(400);
      expect(text, path).toContain(`como máximo ${max} caracteres`);
    }
    // NUL cannot be stored: a 400 naming the field, not a 500.
    for (const [who, path, data, field] of [
      [se, `/meetings/${ids.meeting}/agenda`, { title: 'a\u0000b', item: '' }, 'title'],
      [fp, `/reports/${ids.report}/evidence`, { title: 'a\u0000b', file: file('a.txt') }, 'title'],
      [fp, `/reports/${ids.report}`, { version: '1', 'section:calendar': 'a\u0000b' }, 'section:calendar'],
      [fp, '/account/tokens', { name: 'a\u0000b' }, 'name'],
    ] as const) {
      const res = await post(who, path, data);
      expect(res.status(), path).toBe(400);
      expect(await res.text(), path).toContain(`«${field}» contiene un carácter nulo`);
    }
    await fp.context.close();
    await se.context.close();
  });

  it('refuses NUL and values over the documented limit with a 400 naming the field, and takes them up to it', async () => {
    const se = secretariat;
    const extra = await ok(se, 'POST', `/programmes/${PROGRAMME}/items`, {
      parentId: null,
      level: 'general_objective',
      code: 'LIMITS',
      text: 'Limits',
    });
    const item = extra.id as string;
    const meeting = (
      await ok(se, 'POST', '/meetings', {
        body: 'crm',
        kind: 'informal_session',
        title: 'Limits',
        startsAt: '2027-04-01',
        endsAt: '2027-04-01',
      })
    ).id as string;
    const agreement = (await ok(se, 'POST', `/meetings/${meeting}/agreements`, { text: 'x', ownerActorIds: ['ca'] }))
      .id as string;
    const limitCycle = (
      await ok(se, 'POST', '/cycles', {
        programme: PROGRAMME,
        period: 'Limits',
        opensAt: '2028-01-01',
        deadline: '2028-03-31',
      })
    ).id as string;
    const report = await ok(focal, 'GET', `/reports/${ids.report}`);
    let version = report.version as number;
    const meetingBase = { body: 'crm', kind: 'informal_session', startsAt: '2027-04-02', endsAt: '2027-04-02' };
    // [method, path, body with the value, field as the error names it, limit]
    const fields: [TestUser, string, string, (v: string) => unknown, string, number][] = [
      [se, 'PATCH', `/items/${item}`, (v) => ({ text: v }), 'text', 10_000],
      [se, 'PATCH', `/items/${item}`, (v) => ({ code: v }), 'code', 40],
      [se, 'PATCH', `/items/${item}`, (v) => ({ calendar: v }), 'calendar', 2_000],
      [
        se,
        'POST',
        `/items/${item}/status`,
        (v) => ({ status: 'in_progress', date: '2025-01-01', note: v }),
        'note',
        5_000,
      ],
      [se, 'POST', '/meetings', (v) => ({ ...meetingBase, title: v }), 'title', 500],
      [se, 'POST', '/meetings', (v) => ({ ...meetingBase, title: 't', location: v }), 'location', 500],
      [se, 'POST', '/meetings', (v) => ({ ...meetingBase, title: 't', description: v }), 'description', 20_000],
      [se, 'PATCH', `/meetings/${meeting}`, (v) => ({ title: v }), 'title', 500],
      [se, 'POST', `/meetings/${meeting}/agenda`, (v) => ({ title: v }), 'title', 1_000],
      [
        se,
        'POST',
        `/meetings/${meeting}/documents`,
        (v) => ({ kind: 'other', title: v, url: 'https://example.org/' }),
        'title',
        300,
      ],
      [se, 'POST', `/meetings/${meeting}/agreements`, (v) => ({ text: v, ownerActorIds: ['ca'] }), 'text', 10_000],
      [se, 'PATCH', `/agreements/${agreement}`, (v) => ({ status: 'in_progress', note: v }), 'note', 10_000],
      [se, 'PATCH', `/cycles/${limitCycle}`, (v) => ({ title: { es: v } }), 'title.es', 500],
      [se, 'PATCH', `/cycles/${limitCycle}`, (v) => ({ introduction: v }), 'introduction', 50_000],
      [se, 'PATCH', `/cycles/${limitCycle}`, (v) => ({ background: v }), 'background', 50_000],
      [se, 'PATCH', `/cycles/${limitCycle}`, (v) => ({ conclusion: v }), 'conclusion', 50_000],
      [
        focal,
        'POST',
        `/reports/${ids.report}/evidence`,
        (v) => ({ title: v, url: 'https://example.org/' }),
        'title',
        300,
      ],
      [se, 'POST', '/users', (v) => ({ email: `limit${v.length}@example.org`, name: v }), 'name', 200],
      [se, 'POST', '/tokens', (v) => ({ name: v }), 'name', 100],
    ];
    for (const [who, method, path, body, field, max] of fields) {
      const label = `${method} ${path} ${field}`;
      expect(await refused(who, method, path, body(`a\u0000b`), field), label).toContain('(U+0000)');
      expect(await refused(who, method, path, body('x'.repeat(max + 1)), field), label).toContain(
        `como máximo ${max.toLocaleString('es')} caracteres`,
      );
      expect((await api(who, method, path, body('x'.repeat(max)))).status, label).toBeLessThan(300);
    }
    // Files sent to the API: a given title has the link's limit.
    const upload = (title: string) => {
      const form = new FormData();
      form.set('file', new File(['hola'], 'a.txt', { type: 'text/plain' }));
      form.set('title', title);
      return fetch(`${server.url}/api/v1/reports/${ids.report}/evidence`, {
        method: 'POST',
        headers: focal.auth,
        body: form,
      });
    };
    for (const [title, status, message] of [
      ['a\u0000b', 400, '(U+0000)'],
      ['x'.repeat(301), 400, 'como máximo 300 caracteres'],
    ] as const) {
      const res = await upload(title);
      expect(res.status).toBe(status);
      const body = (await res.json()) as { errors: { field: string; message: string }[] };
      expect(body.errors[0]?.field).toBe('title');
      expect(body.errors[0]?.message).toContain(message);
    }
    expect((await upload('x'.repeat(300))).status).toBe(201);
    // Cycles: the period, at most 40 characters.
    const cycle = (v: string) => ({ programme: PROGRAMME, period: v, opensAt: '2029-01-01', deadline: '2029-03-31' });
    await refused(se, 'POST', '/cycles', cycle('a\u0000b'), 'period');
    expect(await refused(se, 'POST', '/cycles', cycle('9'.repeat(41)), 'period')).toContain('como máximo 40');
    expect((await api(se, 'POST', '/cycles', cycle('9'.repeat(40)))).status).toBe(201);
    // Reports: rich text up to 100,000 characters, entries and sections alike.
    const save = (patch: unknown) =>
      api(focal, 'PATCH', `/reports/${ids.report}`, patch, { 'if-match': String(version) });
    for (const [patch, field] of [
      [(v: string) => ({ entries: [{ id: ids.entry, planned: v }] }), 'entries.0.planned'],
      [(v: string) => ({ sections: { calendar: v } }), 'sections.calendar'],
    ] as const) {
      const nul = await save(patch('a\u0000b'));
      expect(nul.status).toBe(400);
      expect((nul.body.errors as Json[])[0]).toMatchObject({ field });
      const long = await save(patch('x'.repeat(100_001)));
      expect(long.status).toBe(400);
      expect((long.body.errors as Json[])[0]).toMatchObject({ field });
    }
    const fits = await save({ sections: { calendar: 'x'.repeat(100_000) } });
    expect(fits.status).toBe(200);
    version = fits.body.version as number;
    // Put the hostile rich text back for the pages.
    expect((await save({ sections: { calendar: RICH } })).status).toBe(200);
  });

  it('returns the report with a hostile comment through the form', async () => {
    await ok(focal, 'POST', `/reports/${ids.report}/submit`);
    const se = await signedIn(secretariat, 'es', { bypassCSP: false });
    const send = (comment: string) =>
      se.context.request.post(`${server.url}/reports/${ids.report}/return`, {
        form: { _csrf: se.csrfToken, comment },
        maxRedirects: 0,
      });
    const long = await send('x'.repeat(10_001));
    expect(long.status()).toBe(400);
    expect(await long.text()).toContain('como máximo 10.000 caracteres');
    expect((await send(MIX)).status()).toBe(303);
    const report = await ok(focal, 'GET', `/reports/${ids.report}`);
    expect(report).toMatchObject({ state: 'returned', returnComment: MIX });
    const last = (report.history as Json[]).at(-1) as Json;
    expect(last.comment).toBe(MIX);
    expect(String(last.by).startsWith(`${XSS.img} `)).toBe(true); // the factory numbers its users
    await se.context.close();
  });

  type PageCheck = {
    xss: unknown;
    csp: string[];
    handlers: string[];
    scriptUrls: string[];
    foreign: string[];
    text: string;
  };

  /** What a page holds that could run: the trap, handler attributes, script URLs, inline scripts, embeds. */
  async function inspect(page: Page): Promise<PageCheck> {
    return page.evaluate(() => {
      const w = window as unknown as { __xss?: unknown; __csp: string[] };
      const handlers: string[] = [];
      const scriptUrls: string[] = [];
      for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          if (/^on/i.test(attr.name)) handlers.push(`${el.tagName} ${attr.name}`);
          if (
            /^(href|src|action|formaction|xlink:href|data)$/i.test(attr.name) &&
            /^\s*(javascript|vbscript|data):/i.test(attr.value)
          )
            scriptUrls.push(`${el.tagName} ${attr.name}=${attr.value}`);
        }
      }
      const foreign = [
        ...[...document.scripts]
          .filter((s) => !s.src || new URL(s.src).origin !== location.origin)
          .map((s) => `script ${s.src}`),
        ...[...document.querySelectorAll('iframe, frame, object, embed, base, img[src="x"], meta[http-equiv]')].map(
          (el) => el.outerHTML.slice(0, 80),
        ),
      ];
      return { xss: w.__xss, csp: w.__csp, handlers, scriptUrls, foreign, text: document.body.textContent ?? '' };
    });
  }

  /**
   * Waits until whatever a payload could have set off has had its turn, so that an unset trap
   * means something: the load event (images the page came with have loaded or failed, their
   * onerror run), then a broken image of our own, added after the page's scripts, whose onerror
   * sets a flag of its own. A page where that handler has run has run the others too.
   */
  async function settle(page: Page): Promise<void> {
    await page.waitForLoadState('load');
    await page.evaluate(() => {
      const probe = document.createElement('img');
      probe.alt = '';
      probe.onerror = () => {
        probe.remove();
        (window as unknown as { __probe: number }).__probe = 1;
      };
      probe.src = 'missing-probe-image';
      document.body.append(probe);
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __probe?: number }).__probe), { timeout: 15_000 })
      .toBe(1);
  }

  type Visitor = 'secretariat' | 'focal' | 'anonymous';

  /** Every page where the hostile values show, who sees it, and which of them it must show as text. */
  function pagesToVisit(): { path: string; who: Visitor; shows: string[] }[] {
    const reportPath = `/reports/${ids.report}`;
    return [
      { path: `/programmes/${PROGRAMME}`, who: 'anonymous', shows: [SQL.drop, XSS.svg, ...VISIBLE] },
      { path: `/programmes/${PROGRAMME}?view=table`, who: 'anonymous', shows: [SQL.drop, XSS.svg, ...VISIBLE] },
      {
        path: `/programmes/${PROGRAMME}?view=table&q=${encodeURIComponent(XSS.script)}`,
        who: 'anonymous',
        shows: [SQL.drop, ...VISIBLE],
      },
      { path: `/items/${ids.activity}`, who: 'anonymous', shows: [SQL.drop, ...VISIBLE] },
      // The secretariat's item page holds its texts again in the editing forms' fields.
      { path: `/items/${ids.activity}`, who: 'secretariat', shows: [SQL.drop, ...VISIBLE] },
      { path: `/items/${ids.objective}`, who: 'anonymous', shows: [XSS.svg, ...VISIBLE] },
      { path: '/actors/mx', who: 'anonymous', shows: [SQL.drop, ...VISIBLE] },
      { path: '/actors/mx', who: 'focal', shows: [SQL.drop, ...VISIBLE] },
      { path: `/meetings/${ids.meeting}`, who: 'secretariat', shows: [...VISIBLE] },
      { path: '/calendar?when=all', who: 'anonymous', shows: [XSS.script, XSS.img, BIDI, EMOJI] },
      { path: '/calendar?view=month&month=2027-03', who: 'anonymous', shows: [XSS.script, XSS.img, BIDI, EMOJI] },
      { path: '/cycles', who: 'secretariat', shows: [XSS.svg, EMOJI] },
      { path: `/cycles/${ids.cycle}`, who: 'secretariat', shows: [XSS.svg, ...VISIBLE] },
      { path: `/cycles/${ids.cycle}/edit`, who: 'secretariat', shows: [XSS.svg, ...VISIBLE] },
      { path: `/cycles/${ids.cycle}/progress`, who: 'secretariat', shows: [XSS.svg] },
      { path: `/cycles/${ids.cycle}/matrix`, who: 'secretariat', shows: [SQL.drop, XSS.svg] },
      { path: reportPath, who: 'secretariat', shows: [SQL.drop, ...VISIBLE] },
      { path: reportPath, who: 'focal', shows: [SQL.drop, ...VISIBLE] },
      { path: '/admin/users', who: 'secretariat', shows: HOSTILE.filter((h) => !/[\t\n]/.test(h)) },
      { path: '/admin/audit', who: 'secretariat', shows: [XSS.script, SQL.drop] },
      { path: '/admin/outbox', who: 'secretariat', shows: [XSS.script] },
      { path: '/account', who: 'secretariat', shows: HOSTILE.filter((h) => !/[\t\n]/.test(h)) },
      { path: `/api/v1/cycles/${ids.cycle}/report.html?lang=es`, who: 'secretariat', shows: [SQL.drop, ...VISIBLE] },
      { path: `/api/v1/cycles/${ids.cycle}/report.html?lang=en`, who: 'secretariat', shows: [SQL.drop, ...VISIBLE] },
      { path: `/login?next=${encodeURIComponent(XSS.js)}`, who: 'anonymous', shows: [] },
      { path: `/nowhere/${encodeURIComponent(XSS.script)}`, who: 'anonymous', shows: [] },
      { path: `/actors?type=${encodeURIComponent(XSS.img)}`, who: 'anonymous', shows: [] },
    ];
  }

  it('has a trap that would catch a script that ran', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.setContent(`<p>${XSS.img}</p>`);
    // What the pages below are given before their trap is read is enough for a payload to fire.
    await settle(page);
    expect((await inspect(page)).xss).toBe(1);
    expect((await inspect(page)).handlers).toEqual(['IMG onerror']);
    await context.close();
  });

  it('never follows a javascript: address to return to after the language switch or signing in', async () => {
    const away = await fetch(`${server.url}/lang/en?next=${encodeURIComponent(XSS.js)}`, { redirect: 'manual' });
    expect(away.headers.get('location')).toBe('/');
    const login = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ email: focal.email, password: PASSWORD, next: XSS.js }),
    });
    expect(login.status).toBe(303);
    // The person's own work, on this site.
    expect(login.headers.get('location')).toBe('/my-work');
  });

  it.each(['es', 'en'] as const)(
    'renders every page that shows them inert in %s, even without the CSP',
    async (locale) => {
      const users = { secretariat, focal };
      const problems: string[] = [];
      const contexts = new Map<Visitor, BrowserContext>();
      const contextFor = async (who: Visitor) => {
        const known = contexts.get(who);
        if (known) return known;
        const context =
          who === 'anonymous'
            ? await localeContext(browser, locale, { bypassCSP: true })
            : (await signedIn(users[who], locale, { bypassCSP: true })).context;
        contexts.set(who, context);
        return context;
      };
      for (const { path, who, shows } of pagesToVisit()) {
        const page = await (await contextFor(who)).newPage();
        const dialogs: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        const res = await page.goto(`${server.url}${path}`);
        const name = `${locale} ${who} ${path}`;
        expect(res?.status(), name).toBeLessThan(
          path.startsWith('/nowhere') || path.startsWith('/actors?') ? 500 : 400,
        );
        await settle(page);
        const check = await inspect(page);
        expect(check.xss, name).toBeUndefined();
        expect(dialogs, name).toEqual([]);
        expect(check.handlers, name).toEqual([]);
        expect(check.scriptUrls, name).toEqual([]);
        expect(check.foreign, name).toEqual([]);
        const fields = await page.$$eval('input, textarea', (els) =>
          els.map((el) => (el as HTMLInputElement | HTMLTextAreaElement).value).join('\n'),
        );
        for (const text of shows)
          if (!check.text.includes(text) && !fields.includes(text)) problems.push(`${name}: ${JSON.stringify(text)}`);
        await page.close();
      }
      for (const context of contexts.values()) await context.close();
      expect(problems).toEqual([]);
    },
  );

  it('stops nothing with the CSP that escaping had not already stopped', async () => {
    const paths = [
      `/programmes/${PROGRAMME}`,
      `/items/${ids.activity}`,
      '/actors/mx',
      `/meetings/${ids.meeting}`,
      '/calendar?when=all',
      `/cycles/${ids.cycle}`,
      `/cycles/${ids.cycle}/edit`,
      `/cycles/${ids.cycle}/progress`,
      `/reports/${ids.report}`,
      '/admin/users',
      '/admin/audit',
      '/account',
      `/api/v1/cycles/${ids.cycle}/report.html`,
    ];
    const { context } = await signedIn(secretariat, 'es', { bypassCSP: false });
    const violations: string[] = [];
    for (const path of paths) {
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      await settle(page);
      const check = await inspect(page);
      expect(check.xss, path).toBeUndefined();
      violations.push(...check.csp.map((v) => `${path}: ${v}`));
      await page.close();
    }
    await context.close();
    // Only what could run counts here: the charts' own inline styles (style-src) are another matter.
    expect(violations.filter((v) => !/: style-src-(attr|elem) /.test(v))).toEqual([]);
  });

  it('escapes them in the iCalendar feeds: no injected lines or events', async () => {
    const expectedTitle = TITLE.replace(/\r\n/g, '\n');
    // TEXT values keep line breaks (as \n) and tabs, and drop other control characters.
    const withoutControls = (v: string) =>
      [...v.replace(/\r\n/g, '\n')].filter((ch) => ch === '\t' || ch === '\n' || !isControl(ch)).join('');
    for (const path of [
      '/calendar.ics',
      '/calendar/cam.ics',
      '/actors/mx/calendar.ics',
      `/meetings/${ids.meeting}.ics`,
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      const ics = await res.text();
      expect(ics, path).not.toMatch(/^(SUMMARY:injected|BEGIN:VEVENT\r\nSUMMARY:injected)/m);
      const events = eventsOf(parseCalendar(ics));
      expect(
        events.some((e) => e.summary === 'injected'),
        path,
      ).toBe(false);
      const ours = events.filter((e) => e.uid === `${ids.meeting}@enlace`);
      expect(ours, path).toHaveLength(1);
      const [event] = ours;
      expect(event?.summary, path).toBe(expectedTitle);
      expect(event?.location, path).toBe(withoutControls(MIX));
      expect(event?.description, path).toContain(withoutControls(`${MIX}\n${ICS_BREAK}`));
      expect(event?.component.getFirstPropertyValue('url'), path).toBe(
        'https://example.org/?q="><script>window.__xss=1</script>',
      );
    }
  });

  it('exports them to CSV as text, with formulas defused and no injected rows', async () => {
    const res = await fetch(`${server.url}/api/v1/cycles/${ids.cycle}/report.csv?lang=es`, {
      headers: secretariat.auth,
    });
    expect(res.status).toBe(200);
    const csv = await res.text();
    const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect(row).toHaveLength(8);
    // No cell a spreadsheet would take for a formula.
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const ours = rows.find((r) => r[3] === SQL.drop);
    expect(ours?.[1]).toBe('mx');
    expect(ours?.[4]).toBe(`'${FORMULA} ${MIX}`);
    expect(ours?.[6]).toMatch(/^'=HYPERLINK\("https:\/\/evil\.example","click"\) Hecho enlace bueno/);
  });

  it('writes them to Word and Excel as well-formed XML', async () => {
    for (const ext of ['docx', 'xlsx']) {
      const res = await fetch(`${server.url}/api/v1/cycles/${ids.cycle}/report.${ext}?lang=en`, {
        headers: secretariat.auth,
      });
      expect(res.status, ext).toBe(200);
      const files = await zipEntries(new Uint8Array(await res.arrayBuffer()));
      const xml = [...files.entries()].filter(([name]) => name.endsWith('.xml'));
      expect(xml.length, ext).toBeGreaterThan(2);
      for (const [name, data] of xml) {
        // XML 1.0 allows no C0 control character but tab, line feed and carriage return.
        const forbidden = [...data.toString('utf8')].filter((ch) => !'\t\n\r'.includes(ch) && isControl(ch));
        expect(forbidden, `${ext} ${name}`).toEqual([]);
      }
      // The hostile texts are in there, their control characters left out.
      const text = [...files.values()].map((f) => f.toString('utf8')).join('');
      expect(text, ext).toContain('drop table items');
      expect(text, ext).toContain('bell[31mescape');
    }
  });
});

/** C0 controls and DEL. */
function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}
