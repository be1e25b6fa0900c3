import { describe, expect, it } from 'vitest';
import { foldText, matchesCriteria } from './item-filter.ts';

const item = {
  levelKey: 'activity',
  code: 'V.A.10',
  text: 'Ofrecer capacitación a funcionarios públicos sobre la asistencia consular',
  status: 'continuous' as const,
  actors: [{ id: 'iachr' }],
};

describe('matchesCriteria', () => {
  it('matches with no criteria', () => {
    expect(matchesCriteria(item, {})).toBe(true);
  });
  it('filters by level and status (none = no information)', () => {
    expect(matchesCriteria(item, { level: 'activity', status: 'continuous' })).toBe(true);
    expect(matchesCriteria(item, { level: 'specific_objective' })).toBe(false);
    expect(matchesCriteria(item, { status: 'none' })).toBe(false);
    expect(matchesCriteria({ ...item, status: null }, { status: 'none' })).toBe(true);
  });
  it('filters by the actor ids that count for the chosen actor', () => {
    expect(matchesCriteria(item, { actorIds: new Set(['iachr']) })).toBe(true);
    expect(matchesCriteria(item, { actorIds: new Set(['cim']) })).toBe(false);
  });
  it('finds text ignoring accents and case, in the code too', () => {
    expect(matchesCriteria(item, { q: 'CAPACITACION' })).toBe(true);
    expect(matchesCriteria(item, { q: 'v.a.10' })).toBe(true);
    expect(matchesCriteria(item, { q: 'trata' })).toBe(false);
    expect(foldText('MIGRACIÓN Ñandú')).toBe('migracion nandu');
  });

  it('leaves out an item of another status, and an item without status when a status is asked', () => {
    expect(matchesCriteria(item, { status: 'completed' })).toBe(false);
    expect(matchesCriteria({ ...item, status: null }, { status: 'continuous' })).toBe(false);
  });
  it('keeps an item when any one of its actors counts for the chosen actor', () => {
    const shared = { ...item, actors: [{ id: 'iachr' }, { id: 'cim' }] };
    expect(matchesCriteria(shared, { actorIds: new Set(['cim']) })).toBe(true);
  });
  it('ignores the spaces around the words searched, and a search of spaces only', () => {
    expect(matchesCriteria(item, { q: '  consular  ' })).toBe(true);
    expect(matchesCriteria(item, { q: '   ' })).toBe(true);
  });
});
