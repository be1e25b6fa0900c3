/**
 * Who may do what: small pure rules over a user's grants, checked by every
 * route. An anonymous visitor is `null`.
 */
export type GrantRole = 'secretariat' | 'focal_point' | 'validator' | 'member';
export type Grant = { role: GrantRole; actorId: string | null };
export type Principal = { userId: string; email: string; name: string; grants: readonly Grant[] };

export const isSecretariat = (p: Principal | null): boolean => p?.grants.some((g) => g.role === 'secretariat') ?? false;

const holds = (p: Principal | null, role: GrantRole, actorId: string) =>
  p?.grants.some((g) => g.role === role && g.actorId === actorId) ?? false;

/** Members of the private space: anyone signed in with any grant. */
export const canReadPrivate = (p: Principal | null): boolean => (p?.grants.length ?? 0) > 0;

export const canAdminister = isSecretariat;

/** Cycles: a published one is public; the others are for the private space. */
export const canSeeCycle = (p: Principal | null, cycleState: string): boolean =>
  cycleState === 'published' || canReadPrivate(p);

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

export type ReportScope = { actorId: string; cycleState: 'draft' | 'open' | 'closed' | 'published' };

/** Reading a report: the secretariat, the actor's own people, and anyone once the cycle is published. */
export function canReadReport(p: Principal | null, r: ReportScope & { state: string }): boolean {
  if (r.cycleState === 'published' && r.state === 'accepted') return true;
  return isSecretariat(p) || holds(p, 'focal_point', r.actorId) || holds(p, 'validator', r.actorId);
}

/**
 * Following the work on a report — its comments and the changes between its
 * submissions: the secretariat and the actor's own people, never the public,
 * even once the report is published.
 */
export const canFollowReport = (p: Principal | null, actorId: string): boolean =>
  isSecretariat(p) || holds(p, 'focal_point', actorId) || holds(p, 'validator', actorId);

/** As what someone comments on a report of `actorId`: a reviewer (secretariat, then validator) or its focal point. */
export function commentRole(p: Principal | null, actorId: string): 'secretariat' | 'validator' | 'focal_point' | null {
  if (isSecretariat(p)) return 'secretariat';
  if (holds(p, 'validator', actorId)) return 'validator';
  if (holds(p, 'focal_point', actorId)) return 'focal_point';
  return null;
}

export const canEditReport = (p: Principal | null, r: ReportScope): boolean => holds(p, 'focal_point', r.actorId);
export const canSubmitReport = canEditReport;
export const canApproveReport = (p: Principal | null, r: ReportScope): boolean => holds(p, 'validator', r.actorId);
export const canAcceptReport = (p: Principal | null): boolean => isSecretariat(p);
export const canReturnReport = (p: Principal | null, r: ReportScope): boolean =>
  isSecretariat(p) || holds(p, 'validator', r.actorId);

export type ReportStep = 'submit' | 'withdraw' | 'approve' | 'accept' | 'return';

/** Who may move a report along the workflow, step by step. */
export function canTakeStep(p: Principal | null, step: ReportStep, r: ReportScope): boolean {
  switch (step) {
    case 'submit':
    case 'withdraw':
      return canSubmitReport(p, r);
    case 'approve':
      return canApproveReport(p, r);
    case 'accept':
      return canAcceptReport(p);
    case 'return':
      return canReturnReport(p, r);
  }
}
