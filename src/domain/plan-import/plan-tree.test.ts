import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from './column-guess.ts';
import { buildPlanTree, type ImportContext, type ImportItem } from './plan-tree.ts';
import type { SourceKind, SourceTable } from './source-table.ts';

/** A table from rows of texts; `^` is a cell merged with the one above, `<` with the one to its left. */
function grid(rows: string[][], kind: SourceKind = 'sheet', firstRow = 1): SourceTable {
  return {
    kind,
    name: kind === 'sheet' ? 'Plan' : '1',
    rows: rows.map((cells, i) => ({
      number: firstRow + i,
      cells: cells.map((text) =>
        text === '^' ? { text: '', merged: 'up' } : text === '<' ? { text: '', merged: 'left' } : { text },
      ),
    })),
  };
}

const context: ImportContext = {
  levels: [{ key: 'theme' }, { key: 'objective' }, { key: 'action', codePattern: '{parent}-{n}' }, { key: 'activity' }],
  actors: [
    { key: 'iom', names: ['Organización Internacional para las Migraciones', 'OIM', 'IOM'] },
    { key: 'unhcr', names: ['ACNUR', 'UNHCR'] },
    { key: 'tt', names: ['Trinidad y Tobago', 'TT'] },
    { key: 'mx', names: ['México', 'MX'] },
  ],
  statusLabels: new Map([
    ['continuo', 'continuous'],
    ['completado', 'completed'],
  ]),
};

const levels = (...keys: string[]): ColumnMapping[] =>
  keys.map((level, index) => ({ index, role: 'level', level, split: 'cell' }));

/** The tree as `code text` lines, indented two spaces a level. */
function outline(items: ImportItem[], depth = 0): string[] {
  return items.flatMap((i) => [`${'  '.repeat(depth)}${i.code} ${i.text}`, ...outline(i.children, depth + 1)]);
}

describe('buildPlanTree', () => {
  it('inherits merged and blank cells from the row above, and numbers what the plan does not', () => {
    const table = grid([
      ['Tema', 'Objetivo', 'Actividad'],
      ['Políticas', 'Intercambio', 'Seminario'],
      ['^', '', 'Calendario de reuniones'],
      ['', 'Documentos', 'Capacitación'],
      ['Protección', 'Trata', 'Red de funcionarios'],
    ]);
    const tree = buildPlanTree(table, 1, levels('theme', 'objective', 'activity'), context);
    expect(outline(tree.items)).toEqual([
      '1 Políticas',
      '  1.1 Intercambio',
      '    1.1.1 Seminario',
      '    1.1.2 Calendario de reuniones',
      '  1.2 Documentos',
      '    1.2.1 Capacitación',
      '2 Protección',
      '  2.1 Trata',
      '    2.1.1 Red de funcionarios',
    ]);
    expect(tree.counts).toEqual({ theme: 2, objective: 3, activity: 4 });
    expect(tree.problems).toEqual([]);
    // One warning per level whose codes were made, at the first such item.
    expect(tree.warnings.map((w) => [w.message, w.params.level, w.column, w.row])).toEqual([
      ['import.warning.codesMade', 'theme', 'A', 2],
      ['import.warning.codesMade', 'objective', 'B', 2],
      ['import.warning.codesMade', 'activity', 'C', 2],
    ]);
    expect(tree.items[0]?.codeMade).toBe(true);
  });

  it('keeps printed codes, whole or numbered within the parent by the level’s pattern', () => {
    const table = grid([
      ['Objetivo', 'Acción', 'Actividad'],
      ['IV.B.3 Proteger', 'a) Capacitar', '1. Talleres'],
      ['^', '^', '2. Manual'],
      ['IV.B.4 Informar', 'a) Publicar', 'Boletín'],
    ]);
    const mapping = levels('objective', 'action', 'activity');
    const tree = buildPlanTree(table, 1, mapping, context);
    expect(outline(tree.items)).toEqual([
      'IV.B.3 Proteger',
      '  IV.B.3-a Capacitar',
      '    IV.B.3-a.1 Talleres',
      '    IV.B.3-a.2 Manual',
      'IV.B.4 Informar',
      '  IV.B.4-a Publicar',
      '    IV.B.4-a.1 Boletín',
    ]);
    expect(tree.items[0]?.codeMade).toBe(false);
    expect(tree.items[1]?.children[0]?.children[0]?.codeMade).toBe(true);
    expect(tree.items[0]?.children[0]?.children[1]?.codeMade).toBe(false);
  });

  it('takes a cell of several lines as one item per paragraph, pairing them with the level to the left', () => {
    const table = grid([
      ['Objetivo', 'Acción', 'Actividad', 'Calendario'],
      [
        'Planificar',
        'Mejorar la planificación\n\nIntercambiar información',
        'La ST preparará un calendario\n\nSeminario sobre\nlegislación',
        'CONTINUO\n\nFebrero de 2007',
      ],
      ['Documentos', 'Analizar criterios', 'Capacitación\nBase de datos\nEstándares', ''],
    ]);
    const mapping: ColumnMapping[] = [
      { index: 0, role: 'level', level: 'objective', split: 'cell' },
      { index: 1, role: 'level', level: 'action', split: 'lines' },
      { index: 2, role: 'level', level: 'activity', split: 'lines' },
      { index: 3, role: 'calendar', split: 'lines' },
    ];
    const tree = buildPlanTree(table, 1, mapping, context);
    expect(outline(tree.items)).toEqual([
      '1 Planificar',
      '  1-1 Mejorar la planificación',
      '    1-1.1 La ST preparará un calendario',
      '  1-2 Intercambiar información',
      '    1-2.1 Seminario sobre legislación',
      '2 Documentos',
      '  2-1 Analizar criterios',
      '    2-1.1 Capacitación',
      '    2-1.2 Base de datos',
      '    2-1.3 Estándares',
    ]);
    const [first, second] = tree.items[0]?.children ?? [];
    expect(first?.children[0]?.calendar).toBe('CONTINUO');
    expect(second?.children[0]?.calendar).toBe('Febrero de 2007');
  });

  it('attaches the items of a row to the nearest level on their left when a level is empty, and warns', () => {
    const table = grid([
      ['Tema', 'Objetivo', 'Actividad'],
      ['Políticas', '', 'Seminario'],
    ]);
    const tree = buildPlanTree(table, 1, levels('theme', 'objective', 'activity'), context);
    expect(outline(tree.items)).toEqual(['1 Políticas', '  1.1 Seminario']);
    expect(tree.problems).toEqual([]);
    expect(tree.warnings[0]).toEqual({
      sheet: 'Plan',
      row: 2,
      column: 'B',
      message: 'import.warning.levelEmpty',
      params: {},
    });
  });

  it('refuses an item with nothing above it to hang from, naming the empty cell', () => {
    const table = grid([['Título del plan'], [], ['Tema', 'Objetivo'], ['', 'Intercambio']], 'csv', 1);
    const tree = buildPlanTree(table, 3, levels('theme', 'objective'), context);
    expect(tree.problems).toEqual([{ row: 4, column: 1, message: 'import.problem.emptyRequired', params: {} }]);
  });

  it('adds a row without a new item to the last item above it', () => {
    const table = grid([
      ['Objetivo', 'Actividad', 'Actores', 'Calendario'],
      ['Documentos', 'Capacitación', 'OIM', 'CONTINUO'],
      ['^', '^', 'ACNUR', 'Honduras fue sede en 2006'],
    ]);
    const mapping: ColumnMapping[] = [
      ...levels('objective', 'activity'),
      { index: 2, role: 'actors' },
      { index: 3, role: 'calendar' },
    ];
    const item = buildPlanTree(table, 1, mapping, context).items[0]?.children[0];
    expect(item?.actors).toEqual(['iom', 'unhcr']);
    expect(item?.calendar).toBe('CONTINUO\nHonduras fue sede en 2006');
  });

  it('matches actors by name, acronym or key, without accents or case, and lists the unknown ones', () => {
    const table = grid([
      ['Actividad', 'Responsables'],
      ['Seminario', 'oim y acnur; MEXICO'],
      ['Taller', 'Trinidad y Tobago, Ministerio del Interior'],
      ['Foro', 'Ministerio del Interior'],
    ]);
    const mapping: ColumnMapping[] = [
      { index: 0, role: 'level', level: 'activity' },
      { index: 1, role: 'actors' },
    ];
    const tree = buildPlanTree(table, 1, mapping, context);
    expect(tree.items.map((i) => i.actors)).toEqual([['iom', 'unhcr', 'mx'], ['tt'], []]);
    expect(tree.unknownActors).toEqual(['Ministerio del Interior']);
    expect(tree.problems).toEqual([
      {
        sheet: 'Plan',
        row: 3,
        column: 'B',
        message: 'import.problem.unknownActor',
        params: { name: 'Ministerio del Interior' },
      },
      {
        sheet: 'Plan',
        row: 4,
        column: 'B',
        message: 'import.problem.unknownActor',
        params: { name: 'Ministerio del Interior' },
      },
    ]);
    const mapped = buildPlanTree(table, 1, mapping, {
      ...context,
      chosenActors: new Map([['ministerio del interior', 'mx']]),
    });
    expect(mapped.problems).toEqual([]);
    expect(mapped.items.map((i) => i.actors)).toEqual([['iom', 'unhcr', 'mx'], ['tt', 'mx'], ['mx']]);
  });

  it('reads statuses from the catalogs’ labels and the words plans use, and refuses others', () => {
    const table = grid([
      ['Actividad', 'Estado'],
      ['Seminario', 'Continuo'],
      ['Taller', 'CONTINUO -- la versión más reciente'],
      ['Foro', 'Realizado'],
      ['Red', ''],
      ['Base', 'quizás'],
    ]);
    const mapping: ColumnMapping[] = [
      { index: 0, role: 'level', level: 'activity' },
      { index: 1, role: 'status' },
    ];
    const tree = buildPlanTree(table, 1, mapping, context);
    expect(tree.items.map((i) => i.status)).toEqual(['continuous', 'continuous', 'completed', null, null]);
    expect(tree.problems).toEqual([
      { sheet: 'Plan', row: 6, column: 'B', message: 'import.problem.unknownStatus', params: { value: 'quizás' } },
    ]);
  });

  it('refuses a code repeated in the plan or already in the programme, and cells over the limits', () => {
    const table = grid(
      [
        ['N°', 'Actividad', 'Calendario'],
        ['1', 'Seminario', ''],
        ['1', 'Taller', ''],
        ['7', 'x'.repeat(10_001), 'y'.repeat(2_001)],
        ['C'.repeat(41), 'Foro', ''],
      ],
      'table',
    );
    const mapping: ColumnMapping[] = [
      { index: 0, role: 'code' },
      { index: 1, role: 'level', level: 'activity' },
      { index: 2, role: 'calendar' },
    ];
    const tree = buildPlanTree(table, 1, mapping, { ...context, existingCodes: new Set(['7']) });
    expect(tree.problems.map((p) => [p.row, p.column, p.message, p.params])).toEqual([
      [3, 2, 'import.problem.codeRepeated', { code: '1' }],
      [4, 2, 'import.problem.codeRepeated', { code: '7' }],
      [4, 2, 'import.problem.textTooLong', { max: 10_000 }],
      [4, 2, 'import.problem.calendarTooLong', { max: 2_000 }],
      [5, 2, 'import.problem.codeTooLong', { max: 40 }],
    ]);
    expect(tree.problems[0]?.table).toBe('1');
  });

  it('refuses a code for a row that holds several items', () => {
    const table = grid([
      ['Código', 'Actividad'],
      ['A-1', 'Seminario\nTaller'],
    ]);
    const mapping: ColumnMapping[] = [
      { index: 0, role: 'code' },
      { index: 1, role: 'level', level: 'activity', split: 'lines' },
    ];
    const tree = buildPlanTree(table, 1, mapping, context);
    expect(tree.problems.map((p) => [p.row, p.column, p.message])).toEqual([[2, 'A', 'import.problem.codeForSeveral']]);
  });

  it('leaves out the notes under the table and the titles above the header', () => {
    const table = grid([
      ['PLAN DE ACCIÓN', '<', '<'],
      ['Actualizado en 2006'],
      ['Tema', 'Objetivo', 'Actividad'],
      ['Políticas', 'Intercambio', 'Seminario'],
      [],
      ['Nota: los puntos en negrita están activos'],
      ['Fuente: GRCM'],
    ]);
    const tree = buildPlanTree(table, 3, levels('theme', 'objective', 'activity'), context);
    expect(tree.counts).toEqual({ theme: 1, objective: 1, activity: 1 });
  });

  it('takes a gap in the row numbers of a sheet (a blank row Excel leaves out) as the end of the table', () => {
    const table = grid([
      ['Tema', 'Actividad'],
      ['Políticas', 'Seminario'],
      ['^', 'Taller'],
    ]);
    table.rows.push({ number: 6, cells: [{ text: 'Nota: en negrita, lo activo' }] });
    table.rows.push({ number: 7, cells: [{ text: 'Fuente: GRCM' }] });
    const tree = buildPlanTree(table, 1, levels('theme', 'activity'), context);
    expect(tree.counts).toEqual({ theme: 1, activity: 2 });
  });

  it('says so when a sheet holds more rows than an import takes', () => {
    const rows = [['Actividad'], ...Array.from({ length: 100_001 }, (_, i) => [`A ${i}`])];
    const tree = buildPlanTree(grid(rows, 'csv'), 1, levels('activity'), context);
    expect(tree.items).toEqual([]);
    expect(tree.problems).toEqual([
      { row: 100_002, column: 1, message: 'import.problem.tooManyRows', params: { max: 100_000 } },
    ]);
  });

  describe('tables that write every row whole', () => {
    const withCodes: ColumnMapping[] = [
      { index: 0, role: 'code', level: 'theme' },
      { index: 1, role: 'level', level: 'theme', split: 'lines' },
      { index: 2, role: 'code', level: 'objective' },
      { index: 3, role: 'level', level: 'objective', split: 'lines' },
      { index: 4, role: 'actors', level: 'theme' },
      { index: 5, role: 'actors', level: 'objective' },
    ];

    it('takes a repeated cell for the item above, and the codes and actors of each level from its own columns', () => {
      const table = grid([
        ['Código: Tema', 'Tema', 'Código: Objetivo', 'Objetivo', 'Responsables: Tema', 'Responsables: Objetivo'],
        ['T-1', 'Políticas\nen dos líneas', 'O-7', 'Intercambio', 'OIM', 'México'],
        ['T-1', 'Políticas\nen dos líneas', 'O-9', 'Documentos', 'OIM', 'ACNUR'],
        ['T-2', 'Políticas\nen dos líneas', 'O-10', 'Otra', '', ''],
      ]);
      const tree = buildPlanTree(table, 1, withCodes, { ...context, blankCells: 'empty' });
      expect(tree.problems).toEqual([]);
      // One code for the cell: one item, its lines kept, though the column reads one item per line.
      expect(outline(tree.items)).toEqual([
        'T-1 Políticas\nen dos líneas',
        '  O-7 Intercambio',
        '  O-9 Documentos',
        'T-2 Políticas\nen dos líneas',
        '  O-10 Otra',
      ]);
      expect(tree.items.map((i) => i.actors)).toEqual([['iom'], []]);
      expect(tree.items[0]?.children.map((i) => i.actors)).toEqual([['mx'], ['unhcr']]);
      expect(tree.items.every((i) => !i.codeMade)).toBe(true);
    });

    it('reads a blank cell as "no item at that level" where blank cells mean none, and as "as above" otherwise', () => {
      const table = grid([
        ['Objetivo general', 'Objetivo específico', 'Actividad'],
        ['General', '', ''],
        ['', 'Específico', ''],
        ['', '', 'Actividad suelta'],
      ]);
      const mapping = levels('theme', 'objective', 'action');
      const empty = buildPlanTree(table, 1, mapping, { ...context, blankCells: 'empty' });
      expect(outline(empty.items)).toEqual(['1 General', '2 Específico', '3 Actividad suelta']);
      expect(empty.items.map((i) => i.level)).toEqual(['theme', 'objective', 'action']);
      expect(empty.problems).toEqual([]);
      const above = buildPlanTree(table, 1, mapping, context);
      expect(outline(above.items)).toEqual(['1 General', '  1.1 Específico', '    1.1-1 Actividad suelta']);
    });

    it('keeps a merged cell "as above" even where blank cells mean none', () => {
      const table = grid([
        ['Tema', 'Objetivo'],
        ['Políticas', 'Intercambio'],
        ['^', 'Documentos'],
      ]);
      const tree = buildPlanTree(table, 1, levels('theme', 'objective'), { ...context, blankCells: 'empty' });
      expect(outline(tree.items)).toEqual(['1 Políticas', '  1.1 Intercambio', '  1.2 Documentos']);
    });

    it('makes a repeated text a new item when its code differs, or when a level to its left starts anew', () => {
      const table = grid([
        ['Código: Tema', 'Tema', 'Código: Objetivo', 'Objetivo'],
        ['T-1', 'Políticas', 'O-1', 'Seguimiento'],
        ['T-1', 'Políticas', 'O-2', 'Seguimiento'],
        ['T-2', 'Protección', 'O-3', 'Seguimiento'],
      ]);
      const tree = buildPlanTree(table, 1, withCodes.slice(0, 4), { ...context, blankCells: 'empty' });
      expect(outline(tree.items)).toEqual([
        'T-1 Políticas',
        '  O-1 Seguimiento',
        '  O-2 Seguimiento',
        'T-2 Protección',
        '  O-3 Seguimiento',
      ]);
    });

    it('refuses one cell of codes for a cell of several items, and names an unknown actor of a level column', () => {
      const table = grid([
        ['Código: Tema', 'Tema', 'Código: Objetivo', 'Objetivo', 'Responsables: Tema', 'Responsables: Objetivo'],
        ['T-1', 'Políticas', 'O-1\nO-2', 'Uno\nDos', 'Nadie conocido', ''],
      ]);
      const tree = buildPlanTree(table, 1, withCodes, context);
      expect(tree.problems.map((p) => [p.message, p.column, p.row])).toEqual([
        ['import.problem.unknownActor', 'E', 2],
        ['import.problem.codeForSeveral', 'C', 2],
      ]);
      expect(tree.unknownActors).toEqual(['Nadie conocido']);
    });
  });

  it('gives a row’s notes to its item, one note per line where the column says so, and a row without an item to the last', () => {
    const table = grid([
      ['Objetivo', 'Actividad', 'Notas', 'Calendario'],
      ['Proteger', 'Capacitar\nInformar', 'Primera\nSegunda', '2026\n2027'],
      ['', '', 'Nota suelta', ''],
    ]);
    const mapping: ColumnMapping[] = [
      { index: 0, role: 'level', level: 'theme', split: 'cell' },
      { index: 1, role: 'level', level: 'objective', split: 'lines' },
      { index: 2, role: 'notes', split: 'lines' },
      { index: 3, role: 'calendar', split: 'lines' },
    ];
    const tree = buildPlanTree(table, 1, mapping, context);
    const [first, second] = tree.items[0]?.children ?? [];
    expect([first?.notes, first?.calendar]).toEqual([['Primera'], '2026']);
    expect([second?.notes, second?.calendar]).toEqual([['Segunda', 'Nota suelta'], '2027']);
    // Read as one value, a cell of notes keeps its lines for each item.
    const whole = buildPlanTree(table, 1, mapping.slice(0, 2).concat({ index: 2, role: 'notes' }), context);
    expect(whole.items[0]?.children[0]?.notes).toEqual(['Primera\nSegunda']);
  });

  it('takes a code, a text and a calendar exactly at their limits', () => {
    const code = 'C'.repeat(40);
    const table = grid([
      ['Código', 'Objetivo', 'Calendario'],
      [code, 'T'.repeat(10_000), 'K'.repeat(2_000)],
    ]);
    const mapping: ColumnMapping[] = [
      { index: 0, role: 'code' },
      { index: 1, role: 'level', level: 'theme' },
      { index: 2, role: 'calendar' },
    ];
    const tree = buildPlanTree(table, 1, mapping, context);
    expect(tree.problems).toEqual([]);
    expect(tree.items[0]?.code).toBe(code);
  });
});
