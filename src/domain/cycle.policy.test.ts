import { describe, expect, it } from 'vitest';
import type { Principal } from './authz.ts';
import { type Edition, editionFor } from './cycle.policy.ts';

const person = (grants: Principal['grants']): Principal => ({ userId: 'u', email: 'e@x', name: 'N', grants });
const principals: (Principal | null)[] = [
  null,
  person([]),
  person([{ role: 'member', actorId: null }]),
  person([{ role: 'focal_point', actorId: 'A' }]),
  person([{ role: 'secretariat', actorId: null }]),
];

function outcome(cycleState: string, requested: Edition | undefined, p: Principal | null): string {
  try {
    return editionFor(cycleState, requested, p);
  } catch (error) {
    const e = error as { status: number; code: string; messageKey: string };
    return `${e.status} ${e.code} ${e.messageKey}`;
  }
}

const notFound = '404 not_found error.notFound';
const forbidden = '403 forbidden error.forbidden';
const unauthenticated = '401 unauthenticated error.unauthenticated';

describe('editionFor', () => {
  // Columns: anonymous, no grant, member, focal point of A, secretariat.
  it.each([
    ['draft', undefined, [notFound, forbidden, forbidden, forbidden, 'draft']],
    ['draft', 'draft', [notFound, forbidden, forbidden, forbidden, 'draft']],
    ['draft', 'published', [notFound, forbidden, forbidden, forbidden, 'draft']],
    ['open', undefined, [notFound, forbidden, forbidden, forbidden, 'draft']],
    ['open', 'published', [notFound, forbidden, forbidden, forbidden, 'draft']],
    ['closed', 'draft', [notFound, forbidden, forbidden, forbidden, 'draft']],
    ['closed', undefined, [notFound, forbidden, forbidden, forbidden, 'draft']],
    ['published', undefined, ['published', 'published', 'published', 'published', 'published']],
    ['published', 'published', ['published', 'published', 'published', 'published', 'published']],
    ['published', 'draft', [unauthenticated, forbidden, forbidden, forbidden, 'draft']],
  ] as [string, Edition | undefined, string[]][])('a %s cycle, %s edition asked', (cycleState, requested, expected) => {
    expect(principals.map((p) => outcome(cycleState, requested, p))).toEqual(expected);
  });
});
