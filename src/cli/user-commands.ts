/** `enlace user add | grant | reset-password`: accounts from the command line. */
import { parseArgs } from 'node:util';
import type { Db } from '../db/connect.ts';
import { GRANT_ROLES, type GrantRole } from '../db/schema/index.ts';
import {
  addGrants,
  createUserWithPassword,
  findUser,
  findUserByEmail,
  listApiTokens,
  removeGrant,
  revokeApiToken,
  setPassword,
  setUserActive,
} from '../modules/accounts/account.service.ts';
import { randomPassword } from '../modules/accounts/secrets.ts';
import { findActor } from '../modules/actors/actor.service.ts';

export const USER_USAGE = `enlace user add --email E --name N [--role R --actor A] [--password P]
enlace user grant --email E --role R [--actor A]
enlace user revoke --email E --role R [--actor A]      take a grant away
enlace user deactivate --email E                      sessions, tokens and feed end at once; no more sign-in
enlace user activate --email E                        restore a deactivated account
enlace user tokens --email E                          list the account's API tokens
enlace user revoke-token --email E --token ID         revoke one of them
enlace user reset-password --email E [--password P]   also ends every session and token of the account

Roles: ${GRANT_ROLES.join(', ')}; focal_point and validator need --actor (an actor key such as mx, or an id).
Without --password a random one is generated and printed once.`;

async function grantFrom(db: Db, role: string | undefined, actor: string | undefined) {
  if (role === undefined) return [];
  if (!(GRANT_ROLES as readonly string[]).includes(role))
    throw new Error(`unknown role ${role}; roles: ${GRANT_ROLES.join(', ')}`);
  const needsActor = role === 'focal_point' || role === 'validator';
  if (needsActor && !actor) throw new Error(`--actor is required for ${role}`);
  const actorId = needsActor && actor ? (await findActor(db, actor)).id : undefined;
  return [{ role: role as GrantRole, ...(actorId ? { actorId } : {}) }];
}

async function existingUser(db: Db, email: string) {
  const found = await findUserByEmail(db, email);
  if (!found) throw new Error(`no user ${email}`);
  return findUser(db, found.id);
}

export async function runUserCommand(db: Db, argv: string[], print: (line: string) => void): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      actor: { type: 'string' },
      password: { type: 'string' },
      token: { type: 'string' },
    },
    strict: true,
  });
  if (!values.email) throw new Error(`--email is required\n\n${USER_USAGE}`);
  if (values.password !== undefined && values.password.length < 12)
    throw new Error('--password needs at least 12 characters');
  switch (sub) {
    case 'add': {
      if (!values.name) throw new Error('--name is required');
      const password = values.password ?? randomPassword();
      const grants = await grantFrom(db, values.role, values.actor);
      await createUserWithPassword(db, { email: values.email, name: values.name, password, grants });
      print(`User ${values.email} created${values.password ? '' : ` with password: ${password}`}`);
      return 0;
    }
    case 'grant': {
      const user = await findUserByEmail(db, values.email);
      if (!user) throw new Error(`no user ${values.email}`);
      await addGrants(db, user.id, await grantFrom(db, values.role, values.actor));
      print(`Granted ${values.role} to ${values.email}`);
      return 0;
    }
    case 'revoke': {
      const user = await existingUser(db, values.email);
      const [wanted] = await grantFrom(db, values.role, values.actor);
      if (!wanted) throw new Error('--role is required');
      const grant = user.grants.find((g) => g.role === wanted.role && g.actorId === (wanted.actorId ?? null));
      if (!grant)
        throw new Error(`${values.email} has no grant ${values.role}${values.actor ? ` of ${values.actor}` : ''}`);
      await removeGrant(db, user.id, grant.id, null);
      print(`Revoked ${values.role} from ${values.email}`);
      return 0;
    }
    case 'deactivate':
    case 'activate': {
      const user = await existingUser(db, values.email);
      await setUserActive(db, user.id, sub === 'activate', null);
      print(
        sub === 'activate'
          ? `${values.email} can sign in again`
          : `${values.email} is deactivated: sessions and tokens ended`,
      );
      return 0;
    }
    case 'tokens': {
      const user = await existingUser(db, values.email);
      const tokens = await listApiTokens(db, user.id);
      if (tokens.length === 0) print(`${values.email} has no API tokens`);
      for (const t of tokens) {
        const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt <= new Date() ? 'expired' : 'active';
        const expires = t.expiresAt ? t.expiresAt.toISOString().slice(0, 10) : 'never';
        print(`${t.id}  ${t.prefix}…  ${t.scope}  expires ${expires}  ${state}  ${t.name}`);
      }
      return 0;
    }
    case 'revoke-token': {
      const user = await existingUser(db, values.email);
      if (!values.token) throw new Error('--token is required (see enlace user tokens)');
      if (!(await listApiTokens(db, user.id)).some((t) => t.id === values.token))
        throw new Error(`${values.email} has no token ${values.token}`);
      await revokeApiToken(db, null, values.token, true);
      print(`Token ${values.token} revoked`);
      return 0;
    }
    case 'reset-password': {
      const password = values.password ?? randomPassword();
      await setPassword(db, values.email, password);
      print(`Password of ${values.email} reset${values.password ? '' : ` to: ${password}`}`);
      return 0;
    }
    default:
      throw new Error(USER_USAGE);
  }
}
