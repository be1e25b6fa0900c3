/**
 * The library holds what reports and meetings bring, on PGlite and
 * PostgreSQL: an accepted report's evidence (the secretariat's until its
 * cycle is published, then anyone's) and each meeting's documents (seen by
 * whoever sees the meeting, following it, gone when taken off it) — each
 * once, however often the step that brings it is taken.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { documents, storedFiles } from '../../src/db/schema/index.ts';
import { runDueJobs } from '../../src/modules/jobs/job.service.ts';
import { libraryHandlers } from '../../src/modules/library/document.service.ts';
import { addEvidenceToLibrary } from '../../src/modules/library/document-sources.service.ts';
import { addMeetingDocument, updateMeeting } from '../../src/modules/meetings/meeting.service.ts';
import { undoCycleStep } from '../../src/modules/reporting/cycle.service.ts';
import { addFileEvidence, addLinkEvidence } from '../../src/modules/reporting/evidence.service.ts';
import { getReport } from '../../src/modules/reporting/report.service.ts';
import { appOn, type JsonSend, jsonSender, postForm, signIn } from '../support/app.ts';
import { bringReportTo, openedCycle, publishCycle } from '../support/cycles.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

type Listed = { id: string; title: string; type: string; visibility: string };

describe.each(dialects())('documents drawn from reports and meetings on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: JsonSend;
  let cast: Cast;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  const titlesFor = async (auth: Record<string, string> = {}) =>
    ((await send('GET', '/api/v1/documents', auth)).body.documents as Listed[]).map((d) => d.title);
  const documentCount = async () => (await database.db.select({ n: count() }).from(documents))[0]?.n ?? 0;
  const runJobs = () => runDueJobs(database.db, libraryHandlers(), { workerId: 'test' });
  const text = (s: string) => ({ name: 'acta.txt', bytes: new TextEncoder().encode(s) });

  it('lists an accepted report’s evidence for the secretariat, and for anyone only once its cycle is published', async () => {
    const { db } = database;
    const people = {
      focalPoint: cast.focalPoint.principal,
      validator: cast.validator.principal,
      secretariat: cast.secretariat.principal,
    };
    const cycle = await openedCycle(db, cast.secretariat.principal, '2041');
    const reportId = cycle.reportOf('mx');
    const entry = (await getReport(db, reportId, cast.focalPoint.principal)).entries[0];
    const file = await addFileEvidence(
      db,
      reportId,
      text('Acta de la mesa interinstitucional sobre trabajadores migratorios'),
      { title: 'Acta de la mesa interinstitucional 2041', entryId: entry?.id },
      cast.focalPoint.principal,
    );
    const link = await addLinkEvidence(
      db,
      reportId,
      { title: 'Protocolo de atención consular 2041', url: 'https://example.org/protocolo-2041' },
      cast.focalPoint.principal,
    );
    const evidence = ['Acta de la mesa interinstitucional 2041', 'Protocolo de atención consular 2041'];

    // Approved is not accepted: nothing yet.
    await bringReportTo(db, reportId, 'approved', people);
    expect(await titlesFor(cast.secretariat.auth)).not.toContain(evidence[0]);
    const before = await documentCount();

    const accepted = await send('POST', `/api/v1/reports/${reportId}/accept`, cast.secretariat.auth);
    expect(accepted.status).toBe(200);
    expect(await documentCount()).toBe(before + 2);
    expect(await titlesFor(cast.secretariat.auth)).toEqual(expect.arrayContaining(evidence));
    for (const who of [{}, cast.member.auth, cast.otherFocalPoint.auth])
      expect(await titlesFor(who)).not.toEqual(expect.arrayContaining([evidence[0]]));
    expect((await send('GET', `/api/v1/documents/${file.id}`)).status).toBe(404);
    expect((await send('GET', `/api/v1/documents/${file.id}/file`)).status).toBe(404);

    // As the secretariat sees it: a report about Mexico, serving the entry's item, its text extracted by the job.
    await runJobs();
    const detail = await send('GET', `/api/v1/documents/${file.id}`, cast.secretariat.auth);
    expect(detail.body).toMatchObject({
      title: evidence[0],
      type: 'report',
      visibility: 'secretariat',
      textStatus: 'extracted',
      file: { name: 'acta.txt', contentType: 'text/plain' },
    });
    expect(detail.body.countries.map((c: { key: string }) => c.key)).toEqual(['mx']);
    expect(detail.body.items.map((i: { id: string }) => i.id)).toEqual([entry?.itemId]);
    expect(detail.body.report).toMatchObject({ id: reportId, period: '2041', href: `/reports/${reportId}` });
    const page = await (
      await web.app.request(`/library/documents/${file.id}`, { headers: cast.secretariat.auth })
    ).text();
    expect(page).toContain(`href="/reports/${reportId}"`);
    const bytes = await web.app.request(`/api/v1/documents/${file.id}/file`, { headers: cast.secretariat.auth });
    expect(await bytes.text()).toBe('Acta de la mesa interinstitucional sobre trabajadores migratorios');
    const linked = await send('GET', `/api/v1/documents/${link.id}`, cast.secretariat.auth);
    expect(linked.body).toMatchObject({ url: 'https://example.org/protocolo-2041', file: null });

    // Accepting again is refused and drawing the evidence again adds nothing.
    expect((await send('POST', `/api/v1/reports/${reportId}/accept`, cast.secretariat.auth)).status).toBe(409);
    expect(await db.transaction((tx) => addEvidenceToLibrary(tx, reportId, null))).toEqual([]);
    expect(await documentCount()).toBe(before + 2);

    // Published: anyone finds it. Unpublished: the secretariat's again. Published again: public, still once.
    await publishCycle(db, cycle.id, cast.secretariat.principal);
    expect(await titlesFor()).toEqual(expect.arrayContaining(evidence));
    const published = await send('GET', `/api/v1/documents/${file.id}`);
    expect(published.body).toMatchObject({ visibility: 'public', report: { id: reportId } });
    await undoCycleStep(db, cycle.id, 'unpublish', 'Falta una firma', cast.secretariat.principal);
    expect(await titlesFor()).not.toContain(evidence[0]);
    expect(await titlesFor(cast.secretariat.auth)).toContain(evidence[0]);
    expect((await send('POST', `/api/v1/cycles/${cycle.id}/publish`, cast.secretariat.auth)).status).toBe(204);
    expect((await titlesFor()).filter((t) => evidence.includes(t))).toHaveLength(2);
    expect(await documentCount()).toBe(before + 2);
  });

  it('lists a public meeting’s documents for anyone and a members-only meeting’s for members only, following the meeting', async () => {
    const { db } = database;
    const meeting = async (title: string, visibility: 'public' | 'members') =>
      (
        await send('POST', '/api/v1/meetings', cast.secretariat.auth, {
          body: 'cam',
          kind: 'expert_meeting',
          title,
          startsAt: '2041-05-04',
          endsAt: '2041-05-05',
          visibility,
        })
      ).body.id as string;
    const open = await meeting('Reunión abierta de la CAM 2041', 'public');
    const closed = await meeting('Reunión reservada de la CAM 2041', 'members');
    const minutes = await addMeetingDocument(
      db,
      open,
      { kind: 'minutes', title: 'Acta de la reunión abierta 2041', file: text('Acta: se aprobó el plan de trabajo') },
      cast.secretariat.principal,
    );
    const slides = await send('POST', `/api/v1/meetings/${closed}/documents`, cast.secretariat.auth, {
      kind: 'presentation',
      title: 'Presentación reservada 2041',
      url: 'https://example.org/presentacion-2041',
    });
    expect(slides.status).toBe(201);

    const anyone = await titlesFor();
    expect(anyone).toContain('Acta de la reunión abierta 2041');
    expect(anyone).not.toContain('Presentación reservada 2041');
    expect(await titlesFor(cast.member.auth)).toEqual(
      expect.arrayContaining(['Acta de la reunión abierta 2041', 'Presentación reservada 2041']),
    );
    const detail = await send('GET', `/api/v1/documents/${minutes.id}`);
    expect(detail.body).toMatchObject({ type: 'minutes', issuedOn: '2041-05-04', visibility: 'public' });
    expect(detail.body.meetings.map((m: { id: string }) => m.id)).toEqual([open]);
    expect(detail.body.actors.map((a: { key: string }) => a.key)).toEqual(['cam']);
    expect(detail.body.report).toBeNull();

    // The open meeting made members-only takes its documents out of the public's sight, and back.
    await updateMeeting(db, open, { visibility: 'members' }, cast.secretariat.principal);
    expect(await titlesFor()).not.toContain('Acta de la reunión abierta 2041');
    expect(await titlesFor(cast.member.auth)).toContain('Acta de la reunión abierta 2041');
    await updateMeeting(db, open, { visibility: 'public' }, cast.secretariat.principal);
    expect(await titlesFor()).toContain('Acta de la reunión abierta 2041');

    // Taken off the meeting, a document leaves the library with its file.
    const [row] = await db.select({ fileKey: documents.fileKey }).from(documents).where(eq(documents.id, minutes.id));
    const removed = await send('DELETE', `/api/v1/meetings/${open}/documents/${minutes.id}`, cast.secretariat.auth);
    expect(removed.status).toBe(204);
    expect(await titlesFor(cast.secretariat.auth)).not.toContain('Acta de la reunión abierta 2041');
    expect((await send('GET', `/api/v1/documents/${minutes.id}`, cast.secretariat.auth)).status).toBe(404);
    expect(
      await db
        .select()
        .from(storedFiles)
        .where(eq(storedFiles.key, row?.fileKey ?? '')),
    ).toEqual([]);
    const still = await send('GET', `/api/v1/meetings/${open}`, cast.secretariat.auth);
    expect(still.body.documents).toEqual([]);

    // From the meeting's page too: its button takes the members-only presentation off the meeting and the library.
    const session = await signIn(web.app, cast.secretariat.email);
    const page = await (await web.app.request(`/meetings/${closed}`, { headers: { cookie: session.cookie } })).text();
    expect(page).toContain('Quitar «Presentación reservada 2041» de la reunión y de la biblioteca');
    const posted = await postForm(web.app, `/meetings/${closed}/documents/${slides.body.id}/remove`, {}, session);
    expect(posted.status).toBe(303);
    expect(await titlesFor(cast.member.auth)).not.toContain('Presentación reservada 2041');
  });
});
