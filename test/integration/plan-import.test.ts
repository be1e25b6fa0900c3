/**
 * A secretariat brings its own plan: it creates a programme, uploads the plan
 * as a workbook or a Word table shaped as printed plans are (titles above,
 * merged cells, a note below), checks the guessed columns and the preview,
 * fixes what the preview says is wrong, and commits. The CRM plan of seed
 * 004 goes in both ways and comes out as the bundled tree, level by level.
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportCommand } from '../../src/cli/import-command.ts';
import type { Database } from '../../src/db/connect.ts';
import { appOn, type JsonSend, jsonSender } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';
import { bundledPlan, planGrid, planWordDocument, planWorkbook, textsByLevel, utf8 } from '../support/plan-files.ts';

const CRM = 'crm-plan-de-accion-2006';
const HEADERS = ['TEMAS', 'OBJETIVOS', 'ACCION PARA LA IMPLEMENTACION', 'ACTIVIDADES', 'CALENDARIO'];

describe.each(dialects())('importing a plan on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: JsonSend;
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

  /** Uploads a file to a programme's imports, as a browser or `curl -F` sends it. */
  async function upload(slug: string, name: string, bytes: Uint8Array, fields: Record<string, string> = {}) {
    const form = new FormData();
    form.append('file', new File([new Uint8Array(bytes)], name));
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const res = await web.app.request(`/api/v1/programmes/${slug}/imports`, {
      method: 'POST',
      headers: { ...cast.secretariat.auth, 'accept-language': 'es' },
      body: form,
    });
    return { status: res.status, body: await res.json() };
  }

  /** Creates a programme with the CRM plan's four levels. */
  async function createCrmLike(slug: string) {
    const { levels } = await bundledPlan(CRM);
    const created = await send('POST', '/api/v1/programmes', cast.secretariat.auth, {
      slug,
      title: { es: `Plan ${slug}` },
      issuer: 'crm',
      adoptionRef: 'GRCM, San Salvador, 2006',
      levels: levels.map((l) => ({ key: l.key, name: l.name })),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({ slug });
  }

  /** The programme's items as the API lists them, per level, in reading order. */
  async function storedTexts(slug: string) {
    const res = await send('GET', `/api/v1/programmes/${slug}/items`, cast.secretariat.auth);
    expect(res.status).toBe(200);
    return textsByLevel(res.body);
  }

  it.each([
    ['a workbook with merged cells', 'plan-crm.xlsx', 'crm-desde-excel'],
    ['a Word table with spanning cells', 'plan-crm.docx', 'crm-desde-word'],
  ])('imports the CRM plan from %s to the bundled tree', async (_kind, fileName, slug) => {
    await createCrmLike(slug);
    const plan = await bundledPlan(CRM);
    const grid = planGrid(plan.items, 4);
    const bytes = fileName.endsWith('.xlsx')
      ? await planWorkbook(HEADERS, grid)
      : await planWordDocument(HEADERS, grid);

    const started = await upload(slug, fileName, bytes);
    expect(started.status, JSON.stringify(started.body).slice(0, 500)).toBe(201);
    // The titles above are skipped; the headers are guessed from the level names.
    expect(started.body.headerRow).toBe(fileName.endsWith('.xlsx') ? 3 : 1);
    expect(
      started.body.columns.map((c: { guess: { role: string; level?: string } }) => c.guess.level ?? c.guess.role),
    ).toEqual(['theme', 'objective', 'action', 'activity', 'calendar']);
    const expected = textsByLevel(plan.items);
    const counts = Object.fromEntries(Object.entries(expected).map(([level, texts]) => [level, texts.length]));
    expect(started.body.preview.counts).toEqual(counts);
    expect(started.body.preview.problems).toEqual([]);
    expect(textsByLevel(started.body.preview.tree)).toEqual(expected);

    const committed = await send('POST', `/api/v1/imports/${started.body.id}/commit`, cast.secretariat.auth);
    expect(committed.status).toBe(200);
    expect(committed.body.items).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    const stored = await storedTexts(slug);
    expect(stored).toEqual(expected);
    // A second commit of the same import writes nothing more.
    expect((await send('POST', `/api/v1/imports/${started.body.id}/commit`, cast.secretariat.auth)).status).toBe(409);
  });

  it('shows every problem with its row and column, writes nothing while any is left, and commits once fixed', async () => {
    const slug = 'plan-con-problemas';
    const created = await send('POST', '/api/v1/programmes', cast.secretariat.auth, {
      slug,
      title: { es: 'Plan con problemas' },
      levels: [
        { key: 'objective', name: { es: 'Objetivo' } },
        { key: 'activity', name: { es: 'Actividad' }, codePattern: '{parent}.{n}' },
      ],
    });
    expect(created.status).toBe(201);
    const csv = [
      'Plan nacional de migración 2026',
      '',
      'Objetivo;Actividad;Responsables;Estado',
      '1. Proteger a las personas migrantes;Capacitar a funcionarios;México;Continuo',
      ';Crear una red consular;Ministerio del Exterior;En curso',
      '2. Informar;Publicar un boletín;México y Canadá;quizás',
      '',
      'Fuente: Secretaría',
    ].join('\r\n');
    const started = await upload(slug, 'plan.csv', utf8(csv, true));
    expect(started.status).toBe(201);
    expect(started.body.format).toBe('csv');
    expect(started.body.headerRow).toBe(3);
    expect(started.body.preview.problems).toEqual([
      { row: 5, column: 3, message: 'Actor desconocido: «Ministerio del Exterior»; elija a qué actor corresponde' },
      { row: 6, column: 4, message: 'Estado desconocido: «quizás»' },
    ]);
    expect(started.body.preview.unknownActors).toEqual(['Ministerio del Exterior']);

    const refused = await send('POST', `/api/v1/imports/${started.body.id}/commit`, cast.secretariat.auth);
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toHaveLength(2);
    expect(await storedTexts(slug)).toEqual({});

    // The user maps the ministry to Mexico and leaves the status column out.
    const mapped = await send('PUT', `/api/v1/imports/${started.body.id}/mapping`, cast.secretariat.auth, {
      columns: [
        { index: 0, role: 'level', level: 'objective' },
        { index: 1, role: 'level', level: 'activity' },
        { index: 2, role: 'actors' },
        { index: 3, role: 'ignore' },
      ],
      actors: { 'Ministerio del Exterior': 'mx' },
    });
    expect(mapped.status).toBe(200);
    expect(mapped.body.preview.problems).toEqual([]);
    expect(
      mapped.body.preview.tree.map((o: { code: string; children: { code: string }[] }) => [
        o.code,
        o.children.map((a) => a.code),
      ]),
    ).toEqual([
      ['1', ['1.1', '1.2']],
      ['2', ['2.1']],
    ]);
    const committed = await send('POST', `/api/v1/imports/${started.body.id}/commit`, cast.secretariat.auth);
    expect(committed).toMatchObject({ status: 200, body: { items: 5 } });
    const mexico = await send('GET', '/api/v1/actors/mx', cast.secretariat.auth);
    expect(JSON.stringify(mexico.body)).toContain('Crear una red consular');
  });

  it('creates the actors the user chooses to create from the preview, named as the plan writes them', async () => {
    const slug = 'plan-con-actores-nuevos';
    const created = await send('POST', '/api/v1/programmes', cast.secretariat.auth, {
      slug,
      title: { es: 'Plan con actores nuevos' },
      levels: [{ key: 'objective', name: { es: 'Objetivo' } }],
    });
    expect(created.status).toBe(201);
    const csv =
      'Objetivo;Responsables\nProteger;"Red Nacional de Albergues, México"\nInformar;Red Nacional de Albergues\n';
    const started = await upload(slug, 'plan.csv', utf8(csv));
    expect(started.body.preview.unknownActors).toEqual(['Red Nacional de Albergues']);
    const columns = [
      { index: 0, role: 'level', level: 'objective' },
      { index: 1, role: 'actors' },
    ];
    const wrong = await send('PUT', `/api/v1/imports/${started.body.id}/mapping`, cast.secretariat.auth, {
      columns,
      actors: { 'Red Nacional de Albergues': 'new:member_state' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('actors.Red Nacional de Albergues');
    const mapped = await send('PUT', `/api/v1/imports/${started.body.id}/mapping`, cast.secretariat.auth, {
      columns,
      actors: { 'Red Nacional de Albergues': 'new:civil_society' },
    });
    expect(mapped.status).toBe(200);
    expect(mapped.body.preview.problems).toEqual([]);
    expect(mapped.body.newActors).toEqual([{ name: 'Red Nacional de Albergues', type: 'civil_society' }]);
    expect((await send('POST', `/api/v1/imports/${started.body.id}/commit`, cast.secretariat.auth)).status).toBe(200);

    const actor = await send('GET', '/api/v1/actors/red-nacional-de-albergues', cast.secretariat.auth);
    expect(actor.status).toBe(200);
    expect(actor.body).toMatchObject({ key: 'red-nacional-de-albergues', type: 'civil_society' });
    const items = await send('GET', `/api/v1/programmes/${slug}/items`, cast.secretariat.auth);
    expect(
      items.body.map((i: { text: string; actors: { key: string }[] }) => [i.text, i.actors.map((a) => a.key)]),
    ).toEqual([
      ['Proteger', ['red-nacional-de-albergues', 'mx']],
      ['Informar', ['red-nacional-de-albergues']],
    ]);
  });

  it('refuses a file that is no plan, naming the field, and a programme in force that already has items', async () => {
    const notAPlan = await upload('plan-con-problemas', 'informe.pdf', utf8('%PDF-1.4 no es un plan'));
    expect(notAPlan.status).toBe(400);
    expect(notAPlan.body.errors).toEqual([
      {
        field: 'file',
        message: 'El archivo no es una hoja de cálculo (.xlsx), un CSV ni un documento de Word (.docx)',
      },
    ]);
    const inForce = await upload(CRM, 'plan.csv', utf8('Tema;Objetivo\nA;B\n'));
    expect(inForce.status).toBe(409);
    expect(inForce.body.code).toBe('programme_not_importable');
  });

  it('refuses a programme whose address is taken or whose levels repeat a key, naming the field', async () => {
    const taken = await send(
      'POST',
      '/api/v1/programmes',
      { ...cast.secretariat.auth, 'accept-language': 'en' },
      {
        slug: CRM,
        title: { en: 'Again' },
        levels: [{ key: 'objective', name: { en: 'Objective' } }],
      },
    );
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([
      { field: 'slug', message: `There is already a programme at that address (“slug”)` },
    ]);
    const repeated = await send('POST', '/api/v1/programmes', cast.secretariat.auth, {
      slug: 'niveles-repetidos',
      title: { es: 'Niveles' },
      levels: [
        { key: 'objective', name: { es: 'Objetivo' } },
        { key: 'objective', name: { es: 'Otro' } },
      ],
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors[0].field).toBe('levels');
  });

  it('imports from the command line: the guess first, then with a mapping file, refusing while problems are left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enlace-import-'));
    try {
      const created = await send('POST', '/api/v1/programmes', cast.secretariat.auth, {
        slug: 'plan-por-consola',
        title: { es: 'Plan por consola' },
        levels: [
          { key: 'objective', name: { es: 'Objetivo' } },
          { key: 'activity', name: { es: 'Actividad' } },
        ],
      });
      expect(created.status).toBe(201);
      const plan = join(dir, 'plan.csv');
      writeFileSync(
        plan,
        'Objetivo,Actividad,Responsables\nProteger,Capacitar,México\n,Albergues,Ministerio del Exterior\n',
      );
      const run = async (...args: string[]) => {
        const lines: string[] = [];
        const code = await runImportCommand(database.db, args, (line) => lines.push(line));
        return { code, out: lines.join('\n') };
      };
      const guessed = await run(plan, '--programme', 'plan-por-consola');
      expect(guessed.code).toBe(1);
      expect(guessed.out).toContain('3:3 Actor desconocido: «Ministerio del Exterior»');
      const printed = JSON.parse(guessed.out.slice(guessed.out.indexOf('{')));
      expect(printed.columns.map((c: { role: string }) => c.role)).toEqual(['level', 'level', 'actors']);

      const mapping = join(dir, 'mapping.json');
      writeFileSync(mapping, JSON.stringify({ ...printed, actors: { 'Ministerio del Exterior': 'mx' } }));
      const dry = await run(plan, '--programme', 'plan-por-consola', '--map', mapping, '--dry-run');
      expect(dry.code).toBe(0);
      expect(await storedTexts('plan-por-consola')).toEqual({});
      const done = await run(plan, '--programme', 'plan-por-consola', '--map', mapping, '--lang', 'en');
      expect(done).toMatchObject({
        code: 0,
        out: expect.stringContaining('The plan was imported into the programme.'),
      });
      expect(await storedTexts('plan-por-consola')).toEqual({
        objective: ['Proteger'],
        activity: ['Capacitar', 'Albergues'],
      });
      const missing = await run(plan, '--programme', 'no-existe');
      expect(missing.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
