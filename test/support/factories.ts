/** Test data built through the real use cases: users with grants and API tokens, cycles. */
import type { Db } from '../../src/db/connect.ts';
import type { GrantRole } from '../../src/db/schema/index.ts';
import type { Principal } from '../../src/domain/authz.ts';
import { createApiToken, createUserWithPassword, grantsOf } from '../../src/modules/accounts/account.service.ts';
import { findActor } from '../../src/modules/actors/actor.service.ts';

let counter = 0;
export const PASSWORD = 'correct horse battery staple';

export type TestUser = { id: string; email: string; token: string; principal: Principal; auth: Record<string, string> };

export async function buildUser(
  db: Db,
  grants: { role: GrantRole; actor?: string }[] = [],
  name = 'Test user',
): Promise<TestUser> {
  counter += 1;
  const email = `user${counter}-${Date.now()}@example.org`;
  const resolved = await Promise.all(
    grants.map(async (g) => ({ role: g.role, ...(g.actor ? { actorId: (await findActor(db, g.actor)).id } : {}) })),
  );
  const id = await createUserWithPassword(db, {
    email,
    name: `${name} ${counter}`,
    password: PASSWORD,
    grants: resolved,
  });
  const { token } = await createApiToken(db, id, { name: 'tests' });
  return {
    id,
    email,
    token,
    principal: { userId: id, email, name, grants: await grantsOf(db, id) },
    auth: { authorization: `Bearer ${token}` },
  };
}

/** The cast of the authorization tests: every role, of the right actor and of another. */
export async function buildCast(db: Db, actor = 'mx', otherActor = 'ca') {
  return {
    anonymous: null,
    secretariat: await buildUser(db, [{ role: 'secretariat' }], 'Secretariat'),
    focalPoint: await buildUser(db, [{ role: 'focal_point', actor }], 'Focal point'),
    otherFocalPoint: await buildUser(db, [{ role: 'focal_point', actor: otherActor }], 'Other focal point'),
    validator: await buildUser(db, [{ role: 'validator', actor }], 'Validator'),
    otherValidator: await buildUser(db, [{ role: 'validator', actor: otherActor }], 'Other validator'),
    member: await buildUser(db, [{ role: 'member' }], 'Member'),
  };
}
export type Cast = Awaited<ReturnType<typeof buildCast>>;
