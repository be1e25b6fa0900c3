import { describe, expect, it } from 'vitest';
import { cellItems, codeFromPattern, splitPrintedCode, statusInCell } from './cell-values.ts';
import { columnLetter } from './source-table.ts';
import { guessHeaderRow } from './table-bounds.ts';

describe('cellItems', () => {
  it('joins the lines of a cell taken as one item', () => {
    expect(cellItems('Seminario sobre\r\n  legislación  migratoria\n', 'cell')).toEqual([
      'Seminario sobre legislación migratoria',
    ]);
    expect(cellItems(' \n ', 'cell')).toEqual([]);
  });
  it('takes one item per line, or per paragraph when blank lines separate them', () => {
    expect(cellItems('Uno\nDos\n\n', 'lines')).toEqual(['Uno', 'Dos']);
    expect(cellItems('Uno que sigue\nen otra línea\n\n\nDos', 'lines')).toEqual(['Uno que sigue en otra línea', 'Dos']);
  });
});

describe('splitPrintedCode', () => {
  it.each([
    ['1. ELABORACIÓN de una política', { code: '1', text: 'ELABORACIÓN de una política', relative: true }],
    ['3.      IDENTIFICAR normas', { code: '3', text: 'IDENTIFICAR normas', relative: true }],
    ['a) Capacitar', { code: 'a', text: 'Capacitar', relative: true }],
    ['IV. Objetivos', { code: 'IV', text: 'Objetivos', relative: true }],
    ['IV.B.3 Proteger', { code: 'IV.B.3', text: 'Proteger', relative: false }],
    ['V.A.10. Ofrecer', { code: 'V.A.10', text: 'Ofrecer', relative: false }],
    ['PGM-1.2 Intercambiar', { code: 'PGM-1.2', text: 'Intercambiar', relative: false }],
    ['DH-2 Derechos', { code: 'DH-2', text: 'Derechos', relative: false }],
  ])('reads the code of %j', (text, expected) => {
    expect(splitPrintedCode(text)).toEqual(expected);
  });
  it.each([
    'A LOS PAÍSES MIEMBROS',
    'OIM Y ACNUR PATROCINARAN',
    '2006 fue el año',
    'PRE-REGISTRO de migrantes',
    '1.',
    'NICARAGUA- COSTA RICA',
  ])('finds no code in %j', (text) => {
    expect(splitPrintedCode(text)).toBeNull();
  });
});

describe('codeFromPattern', () => {
  it('puts the parent’s code and the number where the pattern says', () => {
    expect(codeFromPattern('{parent}.{n}', 'IV.B', '3')).toBe('IV.B.3');
    expect(codeFromPattern('{parent}.{n}', null, '3')).toBe('3');
    expect(codeFromPattern('DH-{n}', null, '2')).toBe('DH-2');
  });
});

describe('guessHeaderRow', () => {
  it('skips the titles above the first row of two cells', () => {
    const row = (number: number, ...texts: string[]) => ({ number, cells: texts.map((text) => ({ text })) });
    const table = { kind: 'csv' as const, name: '', rows: [row(1, 'PLAN'), row(2), row(3, 'Tema', 'Objetivo')] };
    expect(guessHeaderRow(table)).toBe(3);
    expect(guessHeaderRow({ ...table, rows: [row(1, 'PLAN')] })).toBeNull();
  });
});

describe('columnLetter', () => {
  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('the status words statusInCell knows', () => {
  it.each([
    ['No iniciada', 'not_started'],
    ['Sin iniciar', 'not_started'],
    ['Not started', 'not_started'],
    ['Non commencé', 'not_started'],
    ['Não iniciado', 'not_started'],
    ['En curso', 'in_progress'],
    ['En proceso de revisión', 'in_progress'],
    ['En progreso', 'in_progress'],
    ['En ejecución', 'in_progress'],
    ['In progress', 'in_progress'],
    ['Ongoing', 'in_progress'],
    ['En cours', 'in_progress'],
    ['Em andamento', 'in_progress'],
    ['CONTINUO -- se informa cada año', 'continuous'],
    ['Permanente', 'continuous'],
    ['Completado', 'completed'],
    ['Concluida', 'completed'],
    ['Realizado', 'completed'],
    ['Finalizada', 'completed'],
    ['Cumplido', 'completed'],
    ['Done', 'completed'],
    ['Achevé', 'completed'],
    ['Pendiente de insumo', 'pending_input'],
    ['Pending', 'pending_input'],
    ['En attente', 'pending_input'],
    ['Pendente', 'pending_input'],
    ['Cancelada', 'cancelled'],
    ['Anulado', 'cancelled'],
    ['Annulé', 'cancelled'],
  ])('reads "%s" as %s', (cell, status) => {
    expect(statusInCell(cell, new Map())).toBe(status);
  });

  it('reads a word of its own only at the start of the cell, or the whole cell as a catalog label', () => {
    expect(statusInCell('Se informa: continuo', new Map())).toBeUndefined();
    expect(statusInCell('  ', new Map())).toBeNull();
    expect(statusInCell('Sin información', new Map([['sin informacion', 'not_started']]))).toBe('not_started');
  });
});
