/**
 * Uploads stream through the server, on PGlite and PostgreSQL: a file over
 * 10 MB, of the wrong type, over the report's quota or with a bad CSRF token
 * is refused while it arrives (the bodies here never end, or are held open)
 * with nothing written; a user's third upload at once is refused with 429.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, MAX_REQUEST_BYTES } from '../../src/app.tsx';
import type { Database } from '../../src/db/connect.ts';
import { actors, attachments, auditEvents, meetingDocuments } from '../../src/db/schema/index.ts';
import { PageCache } from '../../src/http/page-cache.ts';
import { createMeeting } from '../../src/modules/meetings/meeting.service.ts';
import { createCycle, openCycle } from '../../src/modules/reporting/cycle.service.ts';
import { MAX_EVIDENCE_BYTES } from '../../src/modules/reporting/evidence.service.ts';
import { listCycleReports } from '../../src/modules/reporting/report.service.ts';
import { dialects, openLoadedDatabase, silentLog } from '../support/databases.ts';
import { buildUser, PASSWORD, type TestUser } from '../support/factories.ts';
import {
  closingBytes,
  endlessBody,
  HeldBody,
  MULTIPART_TYPE,
  multipartBytes,
  type Part,
  pdfBytes,
} from '../support/multipart.ts';

const KB = 1024;
const QUOTA = 1024 * KB;

describe.each(dialects())('uploads on $name', (dialect) => {
  let database: Database;
  /** The application as configured by default (100 MB per report), and one with a quota of 1 MB. */
  let app: ReturnType<typeof createApp>;
  let smallQuota: ReturnType<typeof createApp>;
  let secretariat: TestUser;
  const reports = new Map<string, string>();
  const focalPoints = new Map<string, TestUser>();

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    app = createApp({ db: database.db, log: silentLog });
    smallQuota = createApp({ db: database.db, log: silentLog, uploadQuotaBytes: QUOTA });
    secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    const { id } = await createCycle(
      database.db,
      { programme: 'programa-interamericano-2016', period: '2032', opensAt: '2032-01-01', deadline: '2099-03-31' },
      secretariat.principal,
    );
    await openCycle(database.db, id, secretariat.principal);
    for (const r of await listCycleReports(database.db, id, secretariat.principal))
      reports.set(r.actor.key, r.report.id);
    for (const actor of ['mx', 'ca', 'ar', 'br', 'cl', 'co', 'pe'])
      focalPoints.set(actor, await buildUser(database.db, [{ role: 'focal_point', actor }]));
  });
  afterAll(async () => {
    await database?.close();
  });

  const reportOf = (actor: string) => reports.get(actor) as string;
  const focal = (actor: string) => focalPoints.get(actor) as TestUser;

  const post = (
    target: ReturnType<typeof createApp>,
    path: string,
    body: BodyInit,
    headers: Record<string, string> = {},
  ) =>
    target.request(path, {
      method: 'POST',
      headers: { 'content-type': MULTIPART_TYPE, ...headers },
      body,
      duplex: 'half',
    } as RequestInit);

  /** The files stored as evidence of a report, and the audit events of their adding. */
  async function stored(reportId: string) {
    const files = await database.db
      .select({ filename: attachments.filename, size: attachments.size })
      .from(attachments)
      .where(eq(attachments.reportId, reportId));
    const events = await database.db
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, reportId), eq(auditEvents.action, 'evidence.add')));
    return { files, events: events.map((e) => e.after as { sha256?: string }) };
  }

  const openFile = (filename: string, bytes: Uint8Array, before: Part[] = []) =>
    multipartBytes([...before, ['file', { filename, bytes }]], { open: true });

  it('refuses a file over 10 MB while it streams, naming the field, and writes nothing', async () => {
    const id = reportOf('mx');
    const endless = endlessBody(openFile('grande.pdf', pdfBytes(64 * KB)), new Uint8Array(64 * KB).fill(0x41));
    const res = await post(app, `/api/v1/reports/${id}/evidence`, endless.stream, {
      ...focal('mx').auth,
      'accept-language': 'en',
    });
    expect(res.status).toBe(413);
    const problem = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(problem.errors).toEqual([{ field: 'file', message: 'The file is larger than the maximum of 10 MB' }]);
    // The body never ends: the answer came after a little over 10 MB, and no more than the request limit is read.
    expect(endless.sent).toBeGreaterThan(MAX_EVIDENCE_BYTES);
    expect(endless.sent).toBeLessThanOrEqual(MAX_REQUEST_BYTES + 64 * KB);

    // Declared larger than any request may be: refused before the file is read, on the page in Spanish.
    const declared = new HeldBody([openFile('grande.pdf', pdfBytes(64 * KB))]);
    const page = await post(app, `/reports/${id}/evidence`, declared.stream, {
      ...focal('mx').auth,
      'accept-language': 'es',
      'content-length': String(50 * 1024 * KB),
    });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain('El archivo supera el tamaño máximo de 10 MB');
    expect(declared.reads).toBeLessThanOrEqual(2);
    declared.end();
    expect(await stored(id)).toEqual({ files: [], events: [] });
  });

  it('keeps each report within its quota, refusing the file that does not fit with nothing written', async () => {
    const id = reportOf('ca');
    const first = pdfBytes(600 * KB);
    // Sent with its length, as browsers do: the file is received into one buffer of that size.
    const body = multipartBytes([['file', { filename: 'acta.pdf', bytes: first }]]);
    const added = await post(smallQuota, `/api/v1/reports/${id}/evidence`, body, {
      ...focal('ca').auth,
      'content-length': String(body.length),
    });
    expect(added.status).toBe(201);
    const { id: attachmentId } = (await added.json()) as { id: string };
    const download = await app.request(`/api/v1/attachments/${attachmentId}`, { headers: focal('ca').auth });
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(first);

    const second = multipartBytes([['file', { filename: 'anexo.pdf', bytes: pdfBytes(600 * KB) }]]);
    const refused = await post(smallQuota, `/api/v1/reports/${id}/evidence`, second, {
      ...focal('ca').auth,
      'accept-language': 'es',
    });
    expect(refused.status).toBe(413);
    const problem = (await refused.json()) as { title: string; errors: { field: string; message: string }[] };
    expect(problem.title).toBe('Los archivos de evidencia del informe ocuparían más que su cuota de 1 MB');
    expect(problem.errors.map((e) => e.field)).toEqual(['file']);
    const page = await post(smallQuota, `/reports/${id}/evidence`, second, {
      ...focal('ca').auth,
      'accept-language': 'en',
    });
    expect(page.status).toBe(413);
    expect(await page.text()).toContain('remove other evidence files first');

    const after = await stored(id);
    expect(after.files).toEqual([{ filename: 'acta.pdf', size: first.length }]);
    // The file's SHA-256, computed as it streamed, is in the audit log.
    expect(after.events).toEqual([
      expect.objectContaining({ sha256: createHash('sha256').update(first).digest('hex') }),
    ]);
  });

  it("refuses a user's third upload at once with 429 in their language, and takes it once one is done", async () => {
    const id = reportOf('ar');
    const user = focal('ar');
    const url = `/api/v1/reports/${id}/evidence`;
    const start = () => openFile('acta.pdf', pdfBytes(256 * KB), [['title', 'Acta']]);
    const held = [new HeldBody([start()]), new HeldBody([start()])];
    const answers = held.map((h) => post(app, url, h.stream, user.auth));
    // A second read means the route is taking the file in: it holds one of the user's upload slots.
    await Promise.all(held.map((h) => h.asked(2)));

    const third = new HeldBody([start()]);
    const refused = await post(app, url, third.stream, { ...user.auth, 'accept-language': 'es' });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { title: string }).title).toBe(
      'Ya tiene 2 archivos subiéndose; espere a que termine uno e inténtelo de nuevo',
    );
    third.end();
    // Another user is not held back by this one's uploads.
    const other = multipartBytes([['file', { filename: 'otro.pdf', bytes: pdfBytes(KB) }]]);
    expect((await post(app, `/api/v1/reports/${reportOf('br')}/evidence`, other, focal('br').auth)).status).toBe(201);

    for (const h of held) {
      h.send(closingBytes());
      h.end();
    }
    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([201, 201]);
    const again = multipartBytes([['file', { filename: 'tercera.pdf', bytes: pdfBytes(KB) }]]);
    expect((await post(app, url, again, user.auth)).status).toBe(201);
    expect((await stored(id)).files.map((f) => f.filename).sort()).toEqual(['acta.pdf', 'acta.pdf', 'tercera.pdf']);
  });

  it('checks the CSRF token of a multipart form before its file, which must follow the token', async () => {
    const id = reportOf('cl');
    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: focal('cl').email, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const file = { filename: 'acta.pdf', bytes: pdfBytes(KB) };

    const forged = new HeldBody([openFile('acta.pdf', pdfBytes(64 * KB), [['_csrf', 'forged']])]);
    const refused = await post(app, `/reports/${id}/evidence`, forged.stream, { cookie });
    expect(refused.status).toBe(403);
    // Answered while the file was still arriving: at most one piece more was asked for.
    expect(forged.reads).toBeLessThanOrEqual(2);
    forged.end();

    const late = multipartBytes([
      ['file', file],
      ['_csrf', csrfToken],
    ]);
    expect((await post(app, `/reports/${id}/evidence`, late, { cookie })).status).toBe(403);
    expect((await stored(id)).files).toEqual([]);

    const good = multipartBytes([
      ['_csrf', csrfToken],
      ['file', file],
      ['title', 'Acta firmada'],
    ]);
    const added = await post(app, `/reports/${id}/evidence`, good, { cookie });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`/reports/${id}?done=evidence`);
    expect((await stored(id)).files).toEqual([{ filename: 'acta.pdf', size: KB }]);
  });

  it('checks the type by the first bytes as they arrive', async () => {
    const id = reportOf('co');
    const url = `/api/v1/reports/${id}/evidence`;
    const html = new TextEncoder().encode('<html><script>alert(1)</script>'.padEnd(8 * KB, ' '));
    const disguised = new HeldBody([openFile('informe.pdf', html)]);
    const refused = await post(app, url, disguised.stream, { ...focal('co').auth, 'accept-language': 'en' });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: unknown[] }).errors).toEqual([
      { field: 'file', message: "The file's content does not match its type" },
    ]);
    disguised.end();

    const withNul = new Uint8Array(2 * KB).fill(0x61);
    withNul[100] = 0;
    const text = multipartBytes([['file', { filename: 'notas.txt', bytes: withNul }]]);
    expect((await post(app, url, text, focal('co').auth)).status).toBe(400);

    const xlsx = new Uint8Array(6 * KB).fill(0x20);
    xlsx.set([0x50, 0x4b, 0x03, 0x04]);
    const sheet = multipartBytes([['file', { filename: 'datos.xlsx', bytes: xlsx }]]);
    expect((await post(app, url, sheet, focal('co').auth)).status).toBe(201);
    expect((await stored(id)).files).toEqual([{ filename: 'datos.xlsx', size: 6 * KB }]);
  });

  it('streams from the socket behind the HTTP server, and the refused client gets its answer', async () => {
    const id = reportOf('mx');
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const upload = async (bytes: Uint8Array<ArrayBuffer>) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/reports/${id}/evidence`, {
        method: 'POST',
        headers: { ...focal('mx').auth, 'content-type': MULTIPART_TYPE, 'accept-language': 'en' },
        body: multipartBytes([['file', { filename: 'acta.pdf', bytes }]]),
      });
      return { status: res.status, body: (await res.json()) as { id?: string; errors?: unknown[] } };
    };
    try {
      const tooLarge = await upload(pdfBytes(MAX_EVIDENCE_BYTES + 512 * KB));
      expect(tooLarge).toEqual({
        status: 413,
        body: expect.objectContaining({
          errors: [{ field: 'file', message: 'The file is larger than the maximum of 10 MB' }],
        }),
      });
      const pdf = pdfBytes(300 * KB);
      const added = await upload(pdf);
      expect(added.status).toBe(201);
      const download = await app.request(`/api/v1/attachments/${added.body.id}`, { headers: focal('mx').auth });
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect((await stored(id)).files).toEqual([{ filename: 'acta.pdf', size: 300 * KB }]);
  });

  it('leaves the cache of public pages as it is: evidence of a report being drafted is not public', async () => {
    const id = reportOf('pe');
    const cached = createApp({
      db: database.db,
      log: silentLog,
      // A clock that stands still: what is cached stays so whenever the test runs (the cache turns over at midnight).
      pageCache: new PageCache({ maxBytes: 8 * 1024 * 1024, now: () => Date.UTC(2026, 2, 10, 9) }),
    });
    const actorPage = async () => (await cached.request('/actors/pe', { headers: { 'accept-language': 'es' } })).text();
    const [peru] = await database.db.select({ name: actors.name }).from(actors).where(eq(actors.key, 'pe'));
    const name = peru?.name as { es: string; en: string };
    expect(await actorPage()).toContain(name.es);
    // Renamed behind the application's back: a page still kept shows the old name, one rendered again the new one.
    await database.db
      .update(actors)
      .set({ name: { ...name, es: 'Perú (renombrado)' } })
      .where(eq(actors.key, 'pe'));
    try {
      const file = multipartBytes([['file', { filename: 'acta.pdf', bytes: pdfBytes(KB) }]]);
      const added = await post(cached, `/api/v1/reports/${id}/evidence`, file, focal('pe').auth);
      expect(added.status).toBe(201);
      const { id: attachmentId } = (await added.json()) as { id: string };
      const removed = await cached.request(`/api/v1/attachments/${attachmentId}`, {
        method: 'DELETE',
        headers: focal('pe').auth,
      });
      expect(removed.status).toBe(204);
      expect(await actorPage()).not.toContain('Perú (renombrado)');

      // A document of a public meeting is public: adding one drops the cache.
      const { id: meeting } = await createMeeting(
        database.db,
        {
          body: 'cam',
          kind: 'informal_session',
          title: 'Sesión',
          startsAt: '2032-04-10',
          endsAt: '2032-04-10',
          visibility: 'public',
        },
        secretariat.principal,
      );
      const document = multipartBytes([
        ['kind', 'minutes'],
        ['file', { filename: 'acta.pdf', bytes: pdfBytes(KB) }],
      ]);
      expect((await post(cached, `/meetings/${meeting}/documents`, document, secretariat.auth)).status).toBe(303);
      expect(await actorPage()).toContain('Perú (renombrado)');
    } finally {
      await database.db.update(actors).set({ name }).where(eq(actors.key, 'pe'));
    }
  });

  it('streams meeting documents the same way', async () => {
    const { id } = await createMeeting(
      database.db,
      {
        body: 'cam',
        kind: 'informal_session',
        title: 'Sesión',
        startsAt: '2032-03-10',
        endsAt: '2032-03-10',
        visibility: 'public',
      },
      secretariat.principal,
    );
    const url = `/meetings/${id}/documents`;
    const fields: Part[] = [
      ['kind', 'minutes'],
      ['title', 'Acta'],
    ];
    const endless = endlessBody(openFile('acta.pdf', pdfBytes(64 * KB), fields), new Uint8Array(64 * KB).fill(0x41));
    const refused = await post(app, url, endless.stream, { ...secretariat.auth, 'accept-language': 'en' });
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain('The file is larger than the maximum of 10 MB');

    // A form with the file input left empty adds a link.
    const link = multipartBytes([
      ...fields,
      ['file', { filename: '', bytes: new Uint8Array() }],
      ['url', 'https://www.oas.org/acta'],
    ]);
    expect((await post(app, url, link, secretariat.auth)).status).toBe(303);
    const file = multipartBytes([...fields, ['file', { filename: 'acta.pdf', bytes: pdfBytes(2 * KB) }]]);
    expect((await post(app, url, file, secretariat.auth)).status).toBe(303);
    const documents = await database.db
      .select({ filename: meetingDocuments.filename, size: meetingDocuments.size, url: meetingDocuments.url })
      .from(meetingDocuments)
      .where(eq(meetingDocuments.meetingId, id));
    expect(documents).toEqual(
      expect.arrayContaining([
        { filename: null, size: null, url: 'https://www.oas.org/acta' },
        { filename: 'acta.pdf', size: 2 * KB, url: null },
      ]),
    );
    expect(documents).toHaveLength(2);
  });
});
