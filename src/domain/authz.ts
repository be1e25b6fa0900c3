/**
 * Who someone is, as the rules see them: their grants, and the questions every
 * policy asks of them (secretariat? in the private space? which actors?). An
 * anonymous visitor is `null`. The rules of each capability are in their own
 * policy file beside this one: `report.policy.ts`, `cycle.policy.ts`,
 * `programme.policy.ts`; administration is `canAdminister` here.
 */
export type GrantRole = 'secretariat' | 'focal_point' | 'validator' | 'member';
export type Grant = { role: GrantRole; actorId: string | null };
export type Principal = { userId: string; email: string; name: string; grants: readonly Grant[] };

export const isSecretariat = (p: Principal | null): boolean => p?.grants.some((g) => g.role === 'secretariat') ?? false;

/** The person holds `role` for `actorId`. */
export const holds = (p: Principal | null, role: GrantRole, actorId: string) =>
  p?.grants.some((g) => g.role === role && g.actorId === actorId) ?? false;

/** Members of the private space: anyone signed in with any grant. */
export const canReadPrivate = (p: Principal | null): boolean => (p?.grants.length ?? 0) > 0;

export const canAdminister = isSecretariat;

/**
 * How to refuse something the caller may not see: people of the private space
 * are told it is forbidden; to anyone else it does not exist, so that its
 * existence does not leak.
 */
export const refusalFor = (p: Principal | null): 'forbidden' | 'not_found' =>
  canReadPrivate(p) ? 'forbidden' : 'not_found';

/** The actors whose reports this user works on (focal point or validator). */
export function actorsInScope(p: Principal | null): string[] {
  if (!p) return [];
  return [
    ...new Set(
      p.grants
        .filter((g) => g.role === 'focal_point' || g.role === 'validator')
        .flatMap((g) => (g.actorId ? [g.actorId] : [])),
    ),
  ];
}
