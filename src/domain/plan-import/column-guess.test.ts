import { describe, expect, it } from 'vitest';
import { applySavedMapping, guessBlankCells, guessColumns } from './column-guess.ts';
import type { SourceTable } from './source-table.ts';

const crm = [
  { key: 'theme', names: ['Tema', 'Temas', 'Theme'] },
  { key: 'objective', names: ['Objetivo', 'Objetivos', 'Objective'] },
  { key: 'action', names: ['Acción para la implementación', 'Action for implementation'] },
  { key: 'activity', names: ['Actividad', 'Actividades', 'Activity'] },
];

describe('guessColumns', () => {
  it('maps the CRM plan’s headers to its levels and its calendar', () => {
    const headers = ['TEMAS', 'OBJETIVOS', 'ACCION PARA LA IMPLEMENTACION', 'ACTIVIDADES', 'CALENDARIO'];
    expect(guessColumns(headers, crm)).toEqual([
      { index: 0, role: 'level', level: 'theme', split: 'lines' },
      { index: 1, role: 'level', level: 'objective', split: 'lines' },
      { index: 2, role: 'level', level: 'action', split: 'lines' },
      { index: 3, role: 'level', level: 'activity', split: 'lines' },
      { index: 4, role: 'calendar', split: 'cell' },
    ]);
  });

  it('gives "OBJETIVOS GENERALES" the level named "Objetivo general", not the specific one', () => {
    const levels = [
      { key: 'general', names: ['Objetivo general', 'General objective'] },
      { key: 'specific', names: ['Objetivo específico', 'Specific objective'] },
    ];
    const guesses = guessColumns(['OBJETIVOS ESPECÍFICOS', 'OBJETIVOS GENERALES'], levels);
    expect(guesses.map((g) => g.level)).toEqual(['specific', 'general']);
  });

  it('recognises code, actors, status, calendar and notes columns in several languages', () => {
    const headers = [
      'N°',
      'Código',
      'Responsables',
      'Countries',
      'Estado',
      'Status',
      'Plazo',
      'Timeline',
      'Observaciones',
      'Notes',
    ];
    expect(guessColumns(headers, []).map((g) => g.role)).toEqual([
      'code',
      'code',
      'actors',
      'actors',
      'status',
      'status',
      'calendar',
      'calendar',
      'notes',
      'notes',
    ]);
  });

  it('gives the levels left, in order, to headers that read like a level, and ignores the rest', () => {
    const levels = [
      { key: 'l1', names: ['Eje estratégico'] },
      { key: 'l2', names: ['Línea de acción'] },
      { key: 'l3', names: ['Tarea'] },
    ];
    const guesses = guessColumns(['Área', 'Actividades', 'Presupuesto', 'Tareas'], levels);
    expect(guesses.map((g) => [g.role, g.level])).toEqual([
      ['level', 'l1'],
      ['level', 'l2'],
      ['ignore', undefined],
      ['level', 'l3'],
    ]);
  });

  it('does not take a long header starting with a short code word as a code', () => {
    expect(guessColumns(['No aplica a los países'], [])[0]?.role).not.toBe('code');
  });

  it('reads "Código: Objetivo" and "Responsables: Actividades" as the codes and actors of one level', () => {
    const headers = ['Código: Tema', 'Tema', 'Código: Objetivo', 'Objetivos', 'Responsables: Actividades', 'Código'];
    expect(guessColumns(headers, crm)).toEqual([
      { index: 0, role: 'code', level: 'theme', split: 'cell' },
      { index: 1, role: 'level', level: 'theme', split: 'lines' },
      { index: 2, role: 'code', level: 'objective', split: 'cell' },
      { index: 3, role: 'level', level: 'objective', split: 'lines' },
      { index: 4, role: 'actors', level: 'activity', split: 'cell' },
      { index: 5, role: 'code', split: 'cell' },
    ]);
  });
});

describe('guessBlankCells', () => {
  const table = (rows: { text: string; merged?: 'up' }[][]): SourceTable => ({
    kind: 'sheet',
    name: 'Plan',
    rows: rows.map((cells, i) => ({ number: i + 1, cells })),
  });
  const mapping = [
    { index: 0, role: 'level' as const, level: 'theme' },
    { index: 1, role: 'level' as const, level: 'objective' },
    { index: 2, role: 'calendar' as const },
  ];

  it('takes blank cells for "none" in a table that merges or repeats its items, else for "as above"', () => {
    const head = [{ text: 'Tema' }, { text: 'Objetivo' }, { text: 'Calendario' }];
    const merged = table([head, [{ text: 'A' }, { text: 'x' }], [{ text: '', merged: 'up' }, { text: 'y' }]]);
    const repeated = table([head, [{ text: 'A' }, { text: 'x' }], [{ text: 'A' }, { text: 'y' }]]);
    const blank = table([head, [{ text: 'A' }, { text: 'x' }], [{ text: '' }, { text: 'y' }]]);
    // A calendar written twice says nothing about the levels.
    const calendar = table([
      head,
      [{ text: 'A' }, { text: 'x' }, { text: '2026' }],
      [{ text: '' }, { text: 'y' }, { text: '2026' }],
    ]);
    expect(guessBlankCells(merged, 1, mapping)).toBe('empty');
    expect(guessBlankCells(repeated, 1, mapping)).toBe('empty');
    expect(guessBlankCells(blank, 1, mapping)).toBe('above');
    expect(guessBlankCells(calendar, 1, mapping)).toBe('above');
  });
});

describe('applySavedMapping', () => {
  it('maps the columns whose headers the saved mapping knows, whatever their place, and keeps the guess for the rest', () => {
    const saved = {
      columns: [
        { header: 'Objetivos', role: 'level' as const, level: 'objective', split: 'cell' as const },
        { header: 'Observaciones', role: 'ignore' as const },
      ],
      blankCells: 'above' as const,
    };
    const guesses = guessColumns(['Calendario', 'OBJETIVOS', 'Observaciones '], crm);
    expect(applySavedMapping(['Calendario', 'OBJETIVOS', 'Observaciones '], guesses, saved)).toEqual([
      { index: 0, role: 'calendar', split: 'cell' },
      { index: 1, role: 'level', level: 'objective', split: 'cell' },
      { index: 2, role: 'ignore', level: undefined, split: undefined },
    ]);
  });
});

describe('the header words guessColumns knows', () => {
  // Each word as a plan writes it in a header, alone: the role it gives the column.
  it.each([
    ...['Código', 'Code', 'Cod', 'No', 'N', 'Num', 'Número', 'Number', 'Ref', 'Referencia', '#'].map((h) => [
      h,
      'code',
    ]),
    ...[
      'Actor',
      'Actores',
      'Responsable',
      'Responsible',
      'Entidad',
      'Institución',
      'Organismo',
      'País',
      'Países',
      'Country',
      'Countries',
      'Agency',
      'Lead',
      'Acteur',
      'Responsável',
      'Encargado',
    ].map((h) => [h, 'actors']),
    ...['Estado', 'Status', 'Situación', 'Avance', 'Statut', 'Situação'].map((h) => [h, 'status']),
    ...[
      'Calendario',
      'Calendar',
      'Calendrier',
      'Plazo',
      'Prazo',
      'Fecha',
      'Cronograma',
      'Timeline',
      'Timeframe',
      'Deadline',
      'Periodo',
      'Échéance',
    ].map((h) => [h, 'calendar']),
    ...['Nota', 'Notes', 'Note', 'Observación', 'Comentario', 'Comment', 'Remark', 'Observação'].map((h) => [
      h,
      'notes',
    ]),
  ])('reads "%s" as %s', (header, role) => {
    expect(guessColumns([header as string], [])[0]?.role).toBe(role);
  });

  it.each([
    'Tema',
    'Theme',
    'Eje',
    'Área',
    'Objetivo',
    'Objective',
    'Goal',
    'Objectif',
    'Meta',
    'Línea',
    'Line',
    'Acción',
    'Action',
    'Ação',
    'Actividad',
    'Activity',
    'Activité',
    'Atividade',
    'Tarea',
    'Task',
    'Resultado',
    'Result',
    'Output',
    'Mandato',
    'Mandate',
  ])('reads "%s" as a level when the programme names none', (header) => {
    expect(guessColumns(['Presupuesto', header], [{ key: 'only', names: ['Nivel único'] }])).toEqual([
      { index: 0, role: 'ignore' },
      { index: 1, role: 'level', level: 'only', split: 'lines' },
    ]);
  });
});
