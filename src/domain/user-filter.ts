/**
 * Finding people in the user directory: by name or address (case and accents
 * aside), by role, by actor (with the role, a grant holding both), by state.
 */
export const USER_STATES = ['active', 'invited', 'deactivated'] as const;
export type UserState = (typeof USER_STATES)[number];

export type UserFilter = {
  q?: string | undefined;
  role?: string | undefined;
  actorId?: string | undefined;
  state?: UserState | undefined;
};

export type FilterableUser = {
  name: string;
  email: string;
  active: boolean;
  invited: boolean;
  grants: readonly { role: string; actor: { id: string } | null }[];
};

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export const stateOf = (u: Pick<FilterableUser, 'active' | 'invited'>): UserState =>
  !u.active ? 'deactivated' : u.invited ? 'invited' : 'active';

export function filterUsers<U extends FilterableUser>(users: readonly U[], filter: UserFilter): U[] {
  const words = fold(filter.q ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return users.filter((u) => {
    const text = fold(`${u.name} ${u.email}`);
    if (!words.every((w) => text.includes(w))) return false;
    if (filter.state && stateOf(u) !== filter.state) return false;
    if (!filter.role && !filter.actorId) return true;
    return u.grants.some(
      (g) => (!filter.role || g.role === filter.role) && (!filter.actorId || g.actor?.id === filter.actorId),
    );
  });
}
