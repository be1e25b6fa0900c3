/**
 * The consolidated annual report: generated in PDF, Word, Excel, HTML and CSV,
 * opened with LibreOffice and read as a user would, on PGlite and PostgreSQL.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { createCycle, openCycle } from '../../src/modules/reporting/cycle.service.ts';
import { getReport, listCycleReports, transitionReport } from '../../src/modules/reporting/report.service.ts';
import { saveReport } from '../../src/modules/reporting/report-save.ts';
import { ANNEX_STATUSES } from '../../src/render/documents/annex-rows.ts';
import { OAS_MEMBER_ISO } from '../../src/render/map/americas-map.ts';
import { appOn, postForm, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { contentsEntries, pdfFacts } from '../support/documents/pdf-pages.ts';
import { buildCast, type Cast } from '../support/factories.ts';
import { documentText, libreOfficeAvailable } from '../support/libreoffice.ts';

const convert = libreOfficeAvailable();

describe.each(dialects())('consolidated report on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let cast: Cast;
  let historical: string;
  let current: string;

  const bytes = async (path: string, headers: Record<string, string> = {}) => {
    const res = await web.app.request(path, { headers });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: new Uint8Array(await res.arrayBuffer()),
    };
  };

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    cast = await buildCast(database.db);
    const cycles = (await (await web.get('/api/v1/cycles')).json()) as { id: string; period: string }[];
    historical = cycles.find((c) => c.period === '2008')?.id as string;
    // A cycle of the 2016 Program: Mexico's report accepted, the IACHR's submitted, the rest not sent.
    const db = database.db;
    const s = cast.secretariat.principal;
    const iachrFocal = (await import('../support/factories.ts')).buildUser(db, [
      { role: 'focal_point', actor: 'iachr' },
    ]);
    const { id } = await createCycle(
      db,
      { programme: 'programa-interamericano-2016', period: '2026', opensAt: '2026-01-01', deadline: '2099-12-31' },
      s,
    );
    current = id;
    await openCycle(db, id, s);
    const reports = await listCycleReports(db, id, s);
    const mx = reports.find((r) => r.actor.key === 'mx')?.report.id as string;
    const mxReport = await getReport(db, mx, s);
    await saveReport(
      db,
      mx,
      mxReport.report.version,
      {
        entries: mxReport.entries.slice(0, 8).map((e, i) => ({
          id: e.id,
          carriedOut: `<p>Actividad <strong>${i + 1}</strong> &amp; seguimiento</p><ul><li>Taller</li></ul>`,
          statusAssessment: (['completed', 'in_progress', 'continuous', 'not_started'] as const)[i % 4],
        })),
        sections: { best_practices: 'Ventanilla única para migrantes retornados' },
      },
      cast.focalPoint.principal,
    );
    await transitionReport(db, mx, 'submit', cast.focalPoint.principal);
    await transitionReport(db, mx, 'approve', cast.validator.principal);
    await transitionReport(db, mx, 'accept', s);
    const iachr = reports.find((r) => r.actor.key === 'iachr')?.report.id as string;
    await transitionReport(db, iachr, 'submit', (await iachrFocal).principal);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('gives the published 2008 report to anyone, in Word, with its chapters in order and headings in the language asked', async () => {
    const es = await bytes(`/api/v1/cycles/${historical}/report.docx?lang=es`);
    expect(es.status).toBe(200);
    expect(es.type).toContain('wordprocessingml');
    expect(es.body.subarray(0, 2).toString()).toBe('80,75'); // a zip: PK
    const en = await bytes(`/api/v1/cycles/${historical}/report.docx?lang=en`);
    expect(en.status).toBe(200);
    // The 2008 report's ten notes (two of the PAHO's chapter, eight of the RCM's) are Word footnotes, each with its
    // marker in the text.
    const word = await JSZip.loadAsync(es.body);
    const notes = (await word.file('word/footnotes.xml')?.async('string')) ?? '';
    const document = (await word.file('word/document.xml')?.async('string')) ?? '';
    const noteIds = [...notes.matchAll(/<w:footnote w:id="(\d+)"/g)].map((m) => m[1]);
    expect(noteIds).toHaveLength(10);
    expect([...document.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1])).toEqual(noteIds);
    expect(notes).toContain('De acuerdo a la Constitución de la OMS');
    if (!convert || dialect.name !== 'pglite') return;
    const text = await documentText(es.body, 'docx');
    const headings = [
      'A. Comisión Interamericana de Derechos Humanos (CIDH)',
      'B. Comisión Interamericana de Mujeres (CIM)',
      'Organización Panamericana de la Salud',
      'Secretaría de Cumbres de las Américas',
      'Organización Internacional para las Migraciones',
      'Conferencia Regional sobre Migración',
    ];
    const positions = headings.map((h) => text.indexOf(h));
    expect(
      positions.every((p) => p >= 0),
      JSON.stringify(positions),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('I. Introducción');
    expect(text).toContain('IV. Informe anual de actividades');
    expect(text).not.toMatch(/<\/?(p|strong|li)>/);
    // Only what the sources say: the whole background, the Program's own objectives and structure, the year in the
    // chapters' headings; no counts of levels, no internal codes, and no claim that every actor reported.
    expect(text).toContain('En esta misma resolución, la Asamblea General también puso en marcha');
    expect(text).toContain('A. Objetivos del Programa');
    expect(text).toContain('El objetivo principal del Programa es la protección de los derechos humanos');
    expect(text).toContain('Actividades realizadas en 2008');
    expect(text).toContain('Actividades programadas para 2009');
    expect(text).not.toContain('Secciones por actor:');
    expect(text.slice(0, text.lastIndexOf('Anexo'))).not.toMatch(/\b(CUMBRES|SEDI-MIG)\b/);
    expect(text).not.toContain('presentaron su informe');
    const english = await documentText(en.body, 'docx');
    expect(english).toContain('I. Introduction');
    expect(english).toContain('IV. Annual report of activities');
    expect(english).toContain('Activities carried out in 2008');
    // The programme's own section headings in English, their text as the programme wrote it.
    expect(english).toContain('A. Objectives of the Program');
    expect(english).toContain('B. Structure of the Program');
    expect(english).not.toContain('A. Objetivos del Programa');
    expect(english).toContain('El objetivo principal del Programa es la protección de los derechos humanos');
    // The chapters under the groups the secretariat set, as the 2008 report prints them.
    const groupHeadings = [
      'D. Secretaría de Cumbres de las Américas',
      'E. Secretaría Ejecutiva para el Desarrollo Integral',
      'E.1 Oficina del Secretario Ejecutivo',
      'F. Secretaría de Asuntos Jurídicos',
      'F.2. Instituto Interamericano del Niño',
      'G. Secretaría de Seguridad Multidimensional',
      'H. Actores adicionales del Programa',
      'H.3. Conferencia Regional sobre Migración',
    ];
    const body = text.slice(
      text.indexOf('IV. Informe anual de actividades', text.indexOf('IV. Informe anual de actividades') + 1),
    );
    const at = groupHeadings.map((h) => body.indexOf(h));
    expect(
      at.every((p) => p >= 0),
      JSON.stringify(at),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // No label of actor types between the groups (the subtitle names them in a sentence).
    expect(text).not.toMatch(/^\s*Órganos, organismos y entidades de la OEA\s*$/im);
    // Chapter headings in English, with the numbers the secretariat gave them.
    expect(english).toContain('A. Inter-American Commission on Human Rights (IACHR)');
    expect(english).toContain('E.1 ');
    expect(english).toContain('E. Executive Secretariat for Integral Development');
    expect(english).toContain('H. Additional actors of the Program');
    expect(english).not.toContain('A. Comisión Interamericana de Derechos Humanos (CIDH)');
    // The texts stay as written, in Spanish, and say so.
    expect(english).toContain('Original: Spanish');
    expect(text).not.toContain('Original:');
    const page = await (await web.get(`/api/v1/cycles/${historical}/report.html?lang=en`)).text();
    expect(page).toContain('Original: Spanish');
    expect(page).toMatch(/<p lang="es">La migración no es un fenómeno reciente/);
    expect(english).not.toContain('I. Introducción');
  }, 180_000);

  it('gives the 2005 Program’s annex by section, rows adding up to the totals, without columns or figures that say nothing', async () => {
    const xlsx = await bytes(`/api/v1/cycles/${historical}/report.xlsx?lang=es`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body.buffer as ArrayBuffer);
    const annex = book.worksheets.find((w) => /anexo/i.test(w.name));
    const rows: unknown[][] = [];
    annex?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const [header, ...body] = rows;
    // Code, section, activities, coverage n / N / %: no status reported in 2008, so no column of statuses or progress.
    expect(header).toEqual([
      'Código',
      'Sección del Programa',
      'Actividades',
      'Cobertura (n)',
      'Cobertura (N)',
      'Cobertura %',
    ]);
    const total = body.at(-1) ?? [];
    const sections = body.slice(0, -1);
    expect(sections.length).toBe(13);
    // No internal codes: the sections are named by their text.
    expect(sections.every((r) => r[0] === undefined || r[0] === null)).toBe(true);
    const sum = (column: number) => sections.reduce((n, r) => n + Number(r[column]), 0);
    expect([sum(2), sum(3), sum(4)]).toEqual([total[2], total[3], total[4]]);
    expect(total[2]).toBe(19);
    // The CIM reported on its section as a whole: that covers its two activities.
    expect(sections.find((r) => String(r[1]).startsWith('Comisión Interamericana de Mujeres'))?.slice(2, 5)).toEqual([
      2, 2, 2,
    ]);
    // Neither a grey chart nor a grey map: no status is known and no member state was asked to report.
    const docx = await bytes(`/api/v1/cycles/${historical}/report.docx?lang=es`);
    const zip = await JSZip.loadAsync(docx.body);
    expect(Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))).toEqual([]);
    const page = await (await web.get(`/api/v1/cycles/${historical}/report.html?lang=es`)).text();
    expect(page).not.toContain('<figure');
    expect(page).not.toMatch(/\b(CUMBRES|SEDI-MIG)\b/);
  });

  it('puts the same annex numbers in Word, Excel and the progress view, and marks what is missing in the draft edition', async () => {
    const progress = (await (await web.get(`/api/v1/cycles/${current}/progress`, cast.secretariat.auth)).json()) as {
      objectives: {
        code: string;
        activities: number;
        counts: Record<string, number>;
        covered: number;
        assigned: number;
      }[];
    };
    const xlsx = await bytes(`/api/v1/cycles/${current}/report.xlsx?lang=es`, cast.secretariat.auth);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body.buffer as ArrayBuffer);
    const annex = book.worksheets.find((w) => /anexo/i.test(w.name));
    expect(annex).toBeDefined();
    const cells: string[] = [];
    annex?.eachRow((row) => cells.push(JSON.stringify(row.values)));
    const flat = cells.join('\n');
    const ivb3 = progress.objectives.find((o) => o.code === 'IV.B.3');
    expect(ivb3).toBeDefined();
    const row = cells.find((c) => c.includes('"IV.B.3'));
    expect(row, flat.slice(0, 500)).toBeDefined();
    // IV.B.3 is served by three activities (V.A.10, V.B.27 and V.B.28 in the bundled programme).
    expect(ivb3?.activities).toBe(3);
    // The row, cell by cell: code, text, activities, a count per status ("no information" last), covered, assigned.
    const values = (JSON.parse(row as string) as unknown[]).slice(1); // ExcelJS leaves index 0 empty
    expect(values[0]).toBe('IV.B.3');
    // Worked out by hand: Mexico's accepted report says V.B.27 continuous and V.B.28 not started (its entries 7
    // and 8); the IACHR's report on V.A.10 is only submitted, so no information. Covered: Mexico on those two;
    // assigned: the 34 member states on V.B.27 and V.B.28 (Nicaragua has left), and the IACHR on V.A.10.
    const byHand = {
      not_started: 1,
      in_progress: 0,
      continuous: 1,
      completed: 0,
      pending_input: 0,
      cancelled: 0,
      none: 1,
    };
    expect(ANNEX_STATUSES).toEqual(Object.keys(byHand));
    expect(values.slice(2)).toEqual([3, ...Object.values(byHand), 2, 69, 2 / 69, 1 / 3]);
    // And the progress view gives the same, from the API.
    expect(ivb3).toMatchObject({ activities: 3, counts: byHand, covered: 2, assigned: 69, progress: 1 / 3 });
    const matrixSheets = book.worksheets.filter((w) => w !== annex);
    expect(matrixSheets.length).toBeGreaterThanOrEqual(2);
    const docx = await bytes(`/api/v1/cycles/${current}/report.docx?lang=es`, cast.secretariat.auth);
    expect(docx.status).toBe(200);
    if (!convert || dialect.name !== 'pglite') return;
    const text = await documentText(docx.body, 'docx');
    expect(text).toContain('BORRADOR');
    expect(text).toContain('Informe pendiente de aceptación');
    expect(text).toContain('Ventanilla única para migrantes retornados');
    const annexText = text.slice(text.lastIndexOf('Anexo: avance por objetivo')); // the annex itself, not its line in the contents
    // The annex row of IV.B.3, however the PDF's layout wraps it: up to the next objective.
    const row3 = annexText.slice(annexText.indexOf('IV.B.3'), annexText.indexOf('IV.B.4'));
    const numbers =
      row3
        .replace(/IV\.B\.3/, '')
        .match(/\d+/g)
        ?.map(Number) ?? [];
    expect(numbers).toEqual(expect.arrayContaining([ivb3?.activities, ivb3?.covered, ivb3?.assigned]));
    const sheetText = await documentText(xlsx.body, 'xlsx');
    expect(sheetText).toContain('México');
  }, 180_000);

  it('follows the chapter order the secretariat sets', async () => {
    const reports = (await (await web.get(`/api/v1/cycles/${current}/reports`, cast.secretariat.auth)).json()) as {
      actor: { id: string; key: string };
    }[];
    const ids = reports.map((r) => r.actor.id);
    const mexico = reports.find((r) => r.actor.key === 'mx')?.actor.id as string;
    const order = [mexico, ...ids.filter((id) => id !== mexico)];
    const res = await web.app.request(`/api/v1/cycles/${current}/order`, {
      method: 'PUT',
      headers: { ...cast.secretariat.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ actorIds: order }),
    });
    expect(res.status).toBe(204);
    const html = await (await web.get(`/api/v1/cycles/${current}/report.html?lang=es`, cast.secretariat.auth)).text();
    const first = html.indexOf('<section class="chapter">');
    expect(html.slice(first, first + 80)).toContain('A. México');
    // Mexico (now first) printed under the additional actors, and the IACHR after it under the SEDI: a free choice.
    const iachr = reports.find((r) => r.actor.key === 'iachr')?.actor.id as string;
    expect(order[1]).toBe(iachr);
    const grouped = await web.app.request(`/api/v1/cycles/${current}/order`, {
      method: 'PUT',
      headers: { ...cast.secretariat.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ actorIds: order, groups: { [mexico]: 'additional', [iachr]: 'sedi' } }),
    });
    expect(grouped.status).toBe(204);
    const page = await (await web.get(`/api/v1/cycles/${current}/report.html?lang=es`, cast.secretariat.auth)).text();
    const headings = [...page.matchAll(/<h3[^>]*>([^<]+)<\/h3>/g)].map((m) => m[1]);
    const start = headings.indexOf('A. Actores adicionales del Programa');
    expect(headings.slice(start, start + 5)).toEqual([
      'A. Actores adicionales del Programa',
      'A.1 México',
      'B. Secretaría Ejecutiva para el Desarrollo Integral',
      'B.1 Comisión Interamericana de Derechos Humanos (CIDH)',
      expect.stringMatching(/^C\. /),
    ]);
    const unknownGroup = await web.app.request(`/api/v1/cycles/${current}/order`, {
      method: 'PUT',
      headers: { ...cast.secretariat.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ actorIds: order, groups: { [mexico]: 'no-such-secretariat' } }),
    });
    expect(unknownGroup.status).toBe(400);
    const problem = (await unknownGroup.json()) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual([`groups.${mexico}`]);
    // On the cycle's page, the secretariat picks the group from a list beside each chapter.
    const session = await signIn(web.app, cast.secretariat.email);
    const form = await (
      await web.app.request(`/cycles/${current}/edit`, { headers: { cookie: session.cookie } })
    ).text();
    expect(form).toMatch(new RegExp(`<select id="group-${iachr}" name="group:${iachr}">`));
    expect(form).toContain('<option value="sedi" selected="">SEDI</option>');
    const posted = await postForm(web.app, `/cycles/${current}/edit`, { [`group:${mexico}`]: 'ssm' }, session);
    expect(posted.status).toBe(303);
    const regrouped = await (
      await web.get(`/api/v1/cycles/${current}/report.html?lang=es`, cast.secretariat.auth)
    ).text();
    expect(regrouped).toContain('<h3 class="chapter-group">A. Secretaría de Seguridad Multidimensional</h3>');
    // The document block and the paper, set on the same page.
    const block = await postForm(
      web.app,
      `/cycles/${current}/edit`,
      { documentSymbol: 'OEA/Ser.G\nCP/CAJP-9999/26', documentDate: '2027-03-31', paper: 'a4' },
      session,
    );
    expect(block.status).toBe(303);
    const pdf = await bytes(`/api/v1/cycles/${current}/report.pdf?lang=es`, cast.secretariat.auth);
    expect(Buffer.from(pdf.body).toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    if (convert) {
      const first = (await documentText(pdf.body, 'pdf')).split('\f')[0] ?? '';
      expect(
        first
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .slice(0, 3),
      ).toEqual(['OEA/Ser.G', 'CP/CAJP-9999/26', '31 de marzo de 2027']);
    }
    const badDate = await postForm(web.app, `/cycles/${current}/edit`, { documentDate: '31/03/2027' }, session);
    expect(badDate.status).toBe(400);
    expect(await badDate.text()).toContain('Fecha del documento');
    const refused = await postForm(web.app, `/cycles/${current}/edit`, { [`group:${mexico}`]: 'nadie' }, session);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('no existe');
    // Left as they were by an order that names no group.
    await web.app.request(`/api/v1/cycles/${current}/order`, {
      method: 'PUT',
      headers: { ...cast.secretariat.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ actorIds: order, groups: { [mexico]: null, [iachr]: null } }),
    });
    const bad = await web.app.request(`/api/v1/cycles/${current}/order`, {
      method: 'PUT',
      headers: { ...cast.secretariat.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ actorIds: order.slice(1) }),
    });
    expect(bad.status).toBe(400);
  });

  it('gives the published 2008 report to anyone in PDF, with its contents, bookmarks, fonts and language', async () => {
    const es = await bytes(`/api/v1/cycles/${historical}/report.pdf?lang=es`);
    expect(es.status).toBe(200);
    expect(es.type).toBe('application/pdf');
    const facts = pdfFacts(es.body);
    expect(facts.language).toBe('es-ES');
    expect(facts.fonts.every((f) => f.embedded)).toBe(true);
    expect(facts.bookmarks.find((b) => b.title.startsWith('A. Comisión Interamericana'))?.parent).toBe(
      'IV. Informe anual de actividades',
    );
    const en = await bytes(`/api/v1/cycles/${historical}/report.pdf?lang=en`);
    expect(pdfFacts(en.body).language).toBe('en-US');
    if (!convert) return;
    const text = await documentText(es.body, 'pdf');
    expect(text).toContain('Actividades realizadas en 2008');
    const contents = contentsEntries(text.split('\f')[1] ?? '');
    expect(contents.find((e) => e.title === 'I. Introducción')?.page).toBe(3);
    const english = await documentText(en.body, 'pdf');
    expect(english).toContain('A. Inter-American Commission on Human Rights (IACHR)');
    expect(english).toContain('Original: Spanish');
  }, 120_000);

  it('keeps an unpublished cycle from anyone but the secretariat, in every format', async () => {
    for (const format of ['pdf', 'docx', 'xlsx', 'html', 'csv']) {
      expect((await web.get(`/api/v1/cycles/${current}/report.${format}`)).status).toBe(404);
      expect((await web.get(`/api/v1/cycles/${current}/report.${format}`, cast.focalPoint.auth)).status).toBe(403);
    }
    expect((await web.get(`/api/v1/cycles/${historical}/report.docx?edition=draft`)).status).toBe(401);
    const csvBytes = new Uint8Array(
      await (await web.get(`/api/v1/cycles/${historical}/report.csv?lang=en`)).arrayBuffer(),
    );
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const csv = new TextDecoder().decode(csvBytes);
    expect(csv.split('\r\n').length).toBeGreaterThan(13);
  });

  it('draws every OAS member state on the map, with its ISO code and a title', async () => {
    const svg = await (await web.get(`/api/v1/cycles/${current}/map.svg?lang=en`, cast.secretariat.auth)).text();
    for (const iso of OAS_MEMBER_ISO) {
      const at = svg.indexOf(`data-iso="${iso}"`);
      expect(at, iso).toBeGreaterThan(0);
      expect(svg.slice(at, at + 600), iso).toContain('<title');
    }
    expect(svg).toContain('Mexico: Accepted by the secretariat');
  });
});
