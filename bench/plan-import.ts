/**
 * Importing a plan of 5,000 rows (10 themes, 50 objectives, 500 actions,
 * 5,000 activities, each with its actors and calendar) from an Excel
 * workbook: the preview (file read, table guessed, tree built, import kept)
 * and the commit (the tree written in one transaction), each against the time
 * to read the same file alone, in the same run. On PostgreSQL (durable) and
 * on PGlite, which `npm start` runs.
 */
import ExcelJS from 'exceljs';
import pino from 'pino';
import { type Database, openDatabase, openPglite } from '../src/db/connect.ts';
import { readPlanFile } from '../src/modules/plan-import/plan-file.ts';
import { commitImport, startImport } from '../src/modules/plan-import/plan-import.service.ts';
import { createProgramme } from '../src/modules/programmes/programme-creation.service.ts';
import { prepareDatabase } from '../src/server.ts';
import { buildUser } from '../test/support/factories.ts';
import { findPostgresBin, startCluster } from '../test/support/postgres-cluster.ts';
import type { BenchResult } from './results.ts';

const ROWS = 5_000;
const ACTORS = ['México', 'Canadá', 'OIM', 'ACNUR', 'Guatemala', 'El Salvador'];
const LEVELS = ['theme', 'objective', 'action', 'activity'];

/** The plan as a secretariat keeps it in Excel: a title, then a row per activity with its ancestors written whole. */
async function planWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.addRow(['Plan de acción regional (sintético)']);
  sheet.addRow([]);
  sheet.addRow(['Tema', 'Objetivo', 'Acción', 'Actividad', 'Responsables', 'Calendario']);
  for (let r = 0; r < ROWS; r++) {
    const action = Math.floor(r / 10);
    const objective = Math.floor(action / 10);
    const theme = Math.floor(objective / 5);
    sheet.addRow([
      `${theme + 1}. Tema ${theme + 1} sobre la protección de las personas migrantes`,
      `Objetivo ${objective + 1}: fortalecer la cooperación regional en materia migratoria`,
      `Acción ${action + 1}: intercambio de información y buenas prácticas entre los países`,
      `Actividad ${r + 1}: taller de capacitación para funcionarios de migración y consulares de la región`,
      `${ACTORS[r % ACTORS.length]}; ${ACTORS[(r + 1) % ACTORS.length]}`,
      `${2026 + (r % 3)}`,
    ]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

async function measure(database: Database, bytes: Uint8Array, runs: number, prefix: string): Promise<BenchResult[]> {
  await prepareDatabase(database, pino({ level: 'silent' }));
  const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
  const parse: number[] = [];
  const preview: number[] = [];
  const commit: number[] = [];
  for (let run = 0; run < runs; run++) {
    const slug = await createProgramme(
      database.db,
      {
        slug: `plan-sintetico-${run}`,
        title: { es: 'Plan sintético' },
        kind: 'plan_of_action',
        status: 'draft',
        language: 'es',
        levels: LEVELS.map((key, i) => ({
          key,
          name: { es: ['Tema', 'Objetivo', 'Acción', 'Actividad'][i] as string },
        })),
      },
      secretariat.principal,
    );
    global.gc?.();
    parse.push((await time(() => readPlanFile(bytes, 'plan.xlsx'))).ms);
    global.gc?.();
    const started = await time(() =>
      startImport(database.db, slug, { fileName: 'plan.xlsx', bytes }, secretariat.principal),
    );
    preview.push(started.ms);
    const { tree } = started.value;
    if (tree.problems.length > 0)
      throw new Error(`the synthetic plan has problems: ${JSON.stringify(tree.problems[0])}`);
    const done = await time(() => commitImport(database.db, started.value.id, secretariat.principal, '2026-12-02'));
    if (!done.value.committed || done.value.items !== 5_560)
      throw new Error(`commit wrote ${JSON.stringify(done.value)}`);
    commit.push(done.ms);
  }
  const parseMs = median(parse);
  const figure = (name: string, ms: number): BenchResult => ({
    name: `${prefix}.${name}_ms`,
    value: ms,
    unit: 'ms',
    baseline: parseMs,
    ratio: ms / parseMs,
    budget: '≤ 3 s',
    pass: ms <= 3000,
  });
  return [figure('preview', median(preview)), figure('commit', median(commit))];
}

export async function benchPlanImport(runs = 3): Promise<BenchResult[]> {
  const bytes = await planWorkbook();
  console.log(`plan: ${ROWS} rows, ${(bytes.length / 1024).toFixed(0)} KB`);
  const results: BenchResult[] = [];
  const bin = findPostgresBin();
  if (bin) {
    const cluster = await startCluster(bin, { durable: true });
    const database = await openDatabase({ kind: 'postgres', url: cluster.url });
    try {
      results.push(...(await measure(database, bytes, runs, 'import.postgres')));
    } finally {
      await database.close();
      cluster.stop();
    }
  }
  const pglite = await openPglite();
  try {
    results.push(...(await measure(pglite, bytes, runs, 'import.pglite')));
  } finally {
    await pglite.close();
  }
  return results;
}
