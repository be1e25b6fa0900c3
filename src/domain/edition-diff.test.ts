import { describe, expect, it } from 'vitest';
import { type DiffItem, diffEditions, wordChanges } from './edition-diff.ts';

const item = (code: string, text: string, parent: string | null = null, level = 'objective'): DiffItem => ({
  code,
  level,
  text,
  parent,
});

describe('diffEditions', () => {
  it('tells added, removed, reworded and moved items apart by their codes', () => {
    const before = [
      item('1', 'Proteger a todos'),
      item('1.1', 'Capacitar', '1', 'activity'),
      item('2', 'Informar'),
      item('2.1', 'Publicar', '2', 'activity'),
      item('3', 'Quitar'),
    ];
    const after = [
      item('1', ' Proteger\n a  todos '),
      item('1.1', 'Capacitar a funcionarios', '1', 'activity'),
      item('2', 'Informar'),
      item('2.1', 'Publicar', '1', 'activity'),
      item('4', 'Nuevo'),
    ];
    expect(diffEditions(before, after)).toEqual({
      added: [item('4', 'Nuevo')],
      removed: [item('3', 'Quitar')],
      changed: [{ code: '1.1', level: 'activity', before: 'Capacitar', after: 'Capacitar a funcionarios' }],
      moved: [{ code: '2.1', level: 'activity', text: 'Publicar', from: '2', to: '1' }],
    });
  });

  it('counts an item that changed level as moved, and finds nothing between an edition and itself', () => {
    const before = [item('1', 'Uno', null, 'theme')];
    const after = [item('1', 'Uno', null, 'objective')];
    expect(diffEditions(before, after).moved).toEqual([
      { code: '1', level: 'objective', text: 'Uno', from: null, to: null },
    ]);
    expect(diffEditions(before, before)).toEqual({ added: [], removed: [], changed: [], moved: [] });
  });
});

describe('wordChanges', () => {
  it('marks the words removed and added', () => {
    expect(wordChanges('de la inmigración irregular', 'de la migración irregular')).toEqual([
      { text: 'de la ', change: 'same' },
      { text: 'inmigración', change: 'removed' },
      { text: 'migración', change: 'added' },
      { text: ' irregular', change: 'same' },
    ]);
  });
});
