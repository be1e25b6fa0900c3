/**
 * Memberships of actors in groups and regional processes, and the rule that
 * an assignment to a group counts for each of its current members.
 */
export type Membership = {
  actorId: string;
  groupId: string;
  role: string;
  startsOn: string | null;
  endsOn: string | null;
};

/** Whether a membership holds on `onDate` (ISO date); the end date is the day it took effect. */
export function isMembershipCurrent(m: Pick<Membership, 'startsOn' | 'endsOn'>, onDate: string): boolean {
  if (m.startsOn !== null && m.startsOn > onDate) return false;
  if (m.endsOn !== null && m.endsOn <= onDate) return false;
  return true;
}

/** The actors an assignment to `actorId` reaches: the actor itself and, for a group, its current members. */
export function actorsReachedBy(
  actorId: string,
  memberships: readonly Membership[],
  onDate: string,
  expandable: (actorId: string) => boolean,
): string[] {
  if (!expandable(actorId)) return [actorId];
  const members = memberships
    .filter((m) => m.groupId === actorId && m.role === 'member' && isMembershipCurrent(m, onDate))
    .map((m) => m.actorId);
  return [actorId, ...members];
}

/** The groups through which an actor is reached on `onDate` (inverse of `actorsReachedBy`). */
export function groupsReaching(
  actorId: string,
  memberships: readonly Membership[],
  onDate: string,
  expandable: (actorId: string) => boolean,
): string[] {
  return memberships
    .filter(
      (m) => m.actorId === actorId && m.role === 'member' && expandable(m.groupId) && isMembershipCurrent(m, onDate),
    )
    .map((m) => m.groupId);
}
