/**
 * A first guess of what each column of a plan holds, from its header:
 * "OBJETIVOS GENERALES" is the level named "Objetivo general", "Responsables"
 * the actors, "Calendario" the calendar. The user corrects it before import.
 */
import { foldText } from '../item-filter.ts';
import type { Split } from './cell-values.ts';
import type { BlankCells } from './plan-tree.ts';
import { ownText, type SourceRow, type SourceTable } from './source-table.ts';
import { bodyRows } from './table-bounds.ts';

export type ColumnRole = 'level' | 'code' | 'actors' | 'status' | 'calendar' | 'notes' | 'ignore';

export type ColumnMapping = { index: number; role: ColumnRole; level?: string | undefined; split?: Split | undefined };

/** A level of the programme, with its names (singular and plural) in every language. */
export type LevelNames = { key: string; names: string[] };

const CODE_WORDS = ['codigo', 'code', 'cod', 'no', 'n', 'num', 'numero', 'number', 'ref', 'referencia', '#'];

const ROLE_WORDS: [Exclude<ColumnRole, 'level' | 'ignore'>, string[]][] = [
  ['code', CODE_WORDS],
  [
    'actors',
    [
      'actor',
      'actores',
      'responsable',
      'responsible',
      'entidad',
      'institucion',
      'organismo',
      'pais',
      'paises',
      'country',
      'countries',
      'agency',
      'lead',
      'acteur',
      'responsavel',
      'encargad',
    ],
  ],
  ['status', ['estado', 'status', 'situacion', 'avance', 'statut', 'situacao']],
  [
    'calendar',
    [
      'calendario',
      'calendar',
      'calendrier',
      'plazo',
      'prazo',
      'fecha',
      'cronograma',
      'timeline',
      'timeframe',
      'deadline',
      'periodo',
      'echeance',
    ],
  ],
  ['notes', ['nota', 'notes', 'note', 'observacion', 'comentario', 'comment', 'remark', 'observacao']],
];

/** Words of headers that name a level of a plan, when no level of the programme is named. */
const LEVEL_WORDS = [
  'tema',
  'theme',
  'eje',
  'area',
  'objetivo',
  'objective',
  'goal',
  'objectif',
  'meta',
  'linea',
  'line',
  'accion',
  'action',
  'acao',
  'actividad',
  'activity',
  'activite',
  'atividade',
  'tarea',
  'task',
  'resultado',
  'result',
  'output',
  'mandato',
  'mandate',
];

const words = (text: string) =>
  foldText(text)
    .split(/[^\p{L}\p{N}#]+/u)
    .filter(Boolean);

/** Every word of `name` begins a word of the header ("objetivo general" in "OBJETIVOS GENERALES"). */
function names(header: string[], name: string): boolean {
  const nameWords = words(name).filter((w) => w.length >= 3);
  return nameWords.length > 0 && nameWords.every((w) => header.some((h) => h.startsWith(w)));
}

const roleOf = (header: string[]) =>
  ROLE_WORDS.find(([, list]) =>
    list.some((word) =>
      word.length <= 3 ? header[0] === word && header.length <= 2 : header.some((h) => h.startsWith(word)),
    ),
  )?.[0];

/**
 * The guess for each header, in order. Levels named by the programme come
 * first; the other headers that read like a level take the levels left, in
 * order; several lines in a level's cell are taken as one item each.
 */
export function guessColumns(headers: readonly string[], levels: readonly LevelNames[]): ColumnMapping[] {
  const guesses: ColumnMapping[] = headers.map((_header, index) => ({ index, role: 'ignore' }));
  const taken = new Set<string>();
  const bestLevel = (h: string[], among: readonly LevelNames[]) =>
    among
      .map((level) => ({
        level,
        score: Math.max(0, ...level.names.filter((n) => names(h, n)).map((n) => words(n).length)),
      }))
      .filter((c) => c.score > 0)
      .sort((a, b) => b.score - a.score)[0];
  // "Código: Objetivo general", "Responsables: Sección": the codes or actors of one level, as exports head them.
  headers.forEach((header, index) => {
    const [first, ...rest] = words(header);
    const role = first === undefined ? undefined : roleOf([first]);
    const best = rest.length > 0 ? bestLevel(rest, levels) : undefined;
    if ((role === 'code' || role === 'actors') && best) {
      guesses[index] = { index, role, level: best.level.key, split: 'cell' };
    }
  });
  // The level whose name matches with the most words wins the column.
  headers.forEach((header, index) => {
    if (guesses[index]?.role !== 'ignore') return;
    const best = bestLevel(
      words(header),
      levels.filter((level) => !taken.has(level.key)),
    );
    if (best) {
      taken.add(best.level.key);
      guesses[index] = { index, role: 'level', level: best.level.key, split: 'lines' };
    }
  });
  headers.forEach((header, index) => {
    if (guesses[index]?.role !== 'ignore') return;
    const h = words(header);
    const role = roleOf(h);
    if (role) {
      guesses[index] = { index, role, split: 'cell' };
      return;
    }
    const free = levels.find((level) => !taken.has(level.key));
    if (free && h.some((w) => LEVEL_WORDS.some((l) => w.startsWith(l)))) {
      taken.add(free.key);
      guesses[index] = { index, role: 'level', level: free.key, split: 'lines' };
    }
  });
  return guesses;
}

/**
 * What blank cells of the level columns mean, guessed from the table: a
 * table that merges or repeats its cells to show that an item spans rows
 * leaves a cell blank where there is no item; otherwise blank is "as above".
 */
export function guessBlankCells(table: SourceTable, headerRow: number, mapping: readonly ColumnMapping[]): BlankCells {
  const columns = mapping.filter((m) => m.role === 'level').map((m) => m.index);
  const rows = bodyRows(table, headerRow);
  const spans = rows.some((row, r) =>
    columns.some((c) => {
      if (row.cells[c]?.merged) return true;
      const text = ownText(row, c);
      return text !== '' && r > 0 && text === ownText(rows[r - 1] as SourceRow, c);
    }),
  );
  return spans ? 'empty' : 'above';
}

/** A mapping kept for the next edition of a plan: each column's role by its header, and what blanks mean. */
export type SavedMapping = {
  columns: { header: string; role: ColumnRole; level?: string | undefined; split?: Split | undefined }[];
  blankCells: BlankCells;
};

/** The columns of a new file mapped as the saved mapping maps the same headers; the others keep their guess. */
export function applySavedMapping(
  headers: readonly string[],
  guesses: readonly ColumnMapping[],
  saved: SavedMapping,
): ColumnMapping[] {
  const byHeader = new Map(saved.columns.map((c) => [foldText(c.header).trim(), c]));
  return guesses.map((guess, index) => {
    const kept = byHeader.get(foldText(headers[index] ?? '').trim());
    return kept ? { index, role: kept.role, level: kept.level, split: kept.split } : guess;
  });
}
