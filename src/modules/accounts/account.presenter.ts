/** Accounts as the API shows them: users with their grants, tokens without their secrets, the feed URL. */
import type { TokenRow, UserSummary } from './account.service.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentToken(r: TokenRow) {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scope: r.scope,
    createdAt: r.createdAt.toISOString(),
    expiresAt: iso(r.expiresAt),
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  };
}

export function presentUser(u: UserSummary) {
  return { id: u.id, email: u.email, name: u.name, active: u.active, invited: u.invited, grants: u.grants };
}

/** The personal calendar subscription: every meeting the user may see, opened with the feed secret. */
export const feedUrl = (base: string, secret: string) => `${base}/calendar.ics?feed=${encodeURIComponent(secret)}`;
