/** `enlace user add | grant | reset-password`: accounts from the command line. */
import { parseArgs } from 'node:util';
import type { Db } from '../db/connect.ts';
import { GRANT_ROLES, type GrantRole } from '../db/schema/index.ts';
import {
  addGrants,
  createUserWithPassword,
  findUserByEmail,
  setPassword,
} from '../modules/accounts/account.service.ts';
import { randomPassword } from '../modules/accounts/secrets.ts';
import { findActor } from '../modules/actors/actor.service.ts';

export const USER_USAGE = `enlace user add --email E --name N [--role R --actor A] [--password P]
enlace user grant --email E --role R [--actor A]
enlace user reset-password --email E [--password P]

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
