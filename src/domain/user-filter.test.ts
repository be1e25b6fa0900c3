import { describe, expect, it } from 'vitest';
import { type FilterableUser, filterUsers, stateOf } from './user-filter.ts';

const user = (name: string, over: Partial<FilterableUser> = {}): FilterableUser & { name: string } => ({
  name,
  email: `${name.split(' ')[0]?.toLowerCase()}@example.org`,
  active: true,
  invited: false,
  grants: [],
  ...over,
});
const ana = user('Ana Pérez', { grants: [{ role: 'focal_point', actor: { id: 'mx' } }] });
const luis = user('Luis Gómez', {
  invited: true,
  grants: [
    { role: 'validator', actor: { id: 'mx' } },
    { role: 'focal_point', actor: { id: 'gt' } },
  ],
});
const rosa = user('Rosa Núñez', { active: false, grants: [{ role: 'secretariat', actor: null }] });
const all = [ana, luis, rosa];
const names = (list: FilterableUser[]) => list.map((u) => u.name);

describe('filterUsers', () => {
  it('keeps everyone without a filter, people without any grant too', () => {
    expect(names(filterUsers(all, {}))).toEqual(['Ana Pérez', 'Luis Gómez', 'Rosa Núñez']);
    expect(names(filterUsers([user('Sin Permisos')], { q: 'sin' }))).toEqual(['Sin Permisos']);
    expect(names(filterUsers([user('Sin Permisos')], { role: 'member' }))).toEqual([]);
  });
  it('finds by name or address, whatever the case and accents, every word', () => {
    expect(names(filterUsers(all, { q: 'perez' }))).toEqual(['Ana Pérez']);
    expect(names(filterUsers(all, { q: 'NUÑEZ' }))).toEqual(['Rosa Núñez']);
    expect(names(filterUsers(all, { q: 'luis@' }))).toEqual(['Luis Gómez']);
    expect(names(filterUsers(all, { q: 'ana gomez' }))).toEqual([]);
    expect(names(filterUsers(all, { q: '  ' }))).toEqual(['Ana Pérez', 'Luis Gómez', 'Rosa Núñez']);
  });
  it('filters by role, by actor, and by both on one grant', () => {
    expect(names(filterUsers(all, { role: 'focal_point' }))).toEqual(['Ana Pérez', 'Luis Gómez']);
    expect(names(filterUsers(all, { actorId: 'mx' }))).toEqual(['Ana Pérez', 'Luis Gómez']);
    expect(names(filterUsers(all, { role: 'focal_point', actorId: 'mx' }))).toEqual(['Ana Pérez']);
    expect(names(filterUsers(all, { role: 'secretariat' }))).toEqual(['Rosa Núñez']);
  });
  it('filters by state', () => {
    expect(names(filterUsers(all, { state: 'active' }))).toEqual(['Ana Pérez']);
    expect(names(filterUsers(all, { state: 'invited' }))).toEqual(['Luis Gómez']);
    expect(names(filterUsers(all, { state: 'deactivated' }))).toEqual(['Rosa Núñez']);
  });
  it('names a deactivated account so even if it was never used', () => {
    expect(stateOf({ active: false, invited: true })).toBe('deactivated');
  });
});
