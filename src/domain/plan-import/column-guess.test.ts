import { describe, expect, it } from 'vitest';
import { guessColumns } from './column-guess.ts';

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
});
