/**
 * `enlace import <file> --programme <slug> [--map mapping.json]`: a plan
 * imported from the command line, through the same steps as the interface.
 * Without a mapping it prints the columns guessed and the preview, and the
 * mapping as JSON to correct and pass back with --map (and to keep for the
 * next edition of the same plan). Nothing is written while the preview has
 * problems, nor with --dry-run.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../db/connect.ts';
import { bumpContentVersion } from '../db/content-version.ts';
import { today } from '../domain/zoned-time.ts';
import { AppError } from '../errors.ts';
import { presentImport } from '../modules/plan-import/plan-import.presenter.ts';
import { MappingInput } from '../modules/plan-import/plan-import.schema.ts';
import { commitImport, type ImportState, mapImport, startImport } from '../modules/plan-import/plan-import.service.ts';
import { isLocale, type MessageKey, translator } from '../web/i18n/i18n.ts';

export const IMPORT_USAGE = `enlace import <file> --programme <slug> [--map mapping.json] [--sheet NAME | --table N] [--dry-run] [--lang es|en]

Reads a plan from an Excel (.xlsx), CSV or Word (.docx) file into a programme (a draft one, or one still empty).
Without --map: prints the columns as guessed, the preview, and the mapping as JSON; nothing is written.
With --map: applies the mapping ({"headerRow", "columns": [{"index", "role", "level", "split"}], "actors": {name: key}})
and writes the whole plan in one transaction, unless the preview has problems or --dry-run is given.`;

export async function runImportCommand(db: Db, argv: string[], print: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      programme: { type: 'string' },
      map: { type: 'string' },
      sheet: { type: 'string' },
      table: { type: 'string' },
      'dry-run': { type: 'boolean' },
      lang: { type: 'string' },
    },
    strict: true,
  });
  const [file] = positionals;
  if (!file || !values.programme) {
    print(IMPORT_USAGE);
    return 2;
  }
  const i18n = translator(isLocale(values.lang) ? values.lang : 'es');
  const by = { userId: null };
  try {
    const table = values.table === undefined ? undefined : Number(values.table);
    let state: ImportState = await startImport(
      db,
      values.programme,
      { fileName: basename(file), bytes: new Uint8Array(await readFile(file)), sheet: values.sheet, table },
      by,
    );
    if (values.map) {
      const parsed = MappingInput.safeParse(JSON.parse(await readFile(values.map, 'utf8')));
      if (!parsed.success) {
        print(`${values.map}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        return 2;
      }
      state = await mapImport(db, state.id, parsed.data);
    }
    const view = presentImport(i18n, state);
    print(`${view.fileName} (${view.format}), ${i18n.t('import.headerRow')}: ${view.headerRow}`);
    for (const [level, count] of Object.entries(view.preview.counts)) print(`  ${level}: ${count}`);
    for (const f of view.preview.warnings) print(`  ! ${where(f)} ${f.message}`);
    for (const f of view.preview.problems) print(`  ✗ ${where(f)} ${f.message}`);
    if (!values.map) {
      print(JSON.stringify({ headerRow: view.headerRow, columns: view.columns.map((c) => c.guess) }, null, 2));
      return view.preview.problems.length > 0 ? 1 : 0;
    }
    if (view.preview.problems.length > 0) {
      print(i18n.t('error.importProblems', { count: view.preview.problems.length }));
      return 1;
    }
    if (values['dry-run']) return 0;
    const result = await commitImport(db, state.id, by, today());
    if (!result.committed) return 1;
    // Running servers drop the pages they keep: the programme changed.
    await bumpContentVersion(db);
    print(i18n.t('import.committed'));
    print(`${result.items}`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const fields = err.fields.map((f) => i18n.t(f.messageKey as MessageKey, { field: f.field, ...f.params }));
    print([i18n.t(err.messageKey as MessageKey, err.params), ...fields].join('\n'));
    return 1;
  }
}

const where = (f: { sheet?: string; table?: string; row: number; column: string | number }) =>
  `${f.sheet ?? (f.table ? `#${f.table}` : '')}${f.sheet || f.table ? ' ' : ''}${f.row}:${f.column}`;
