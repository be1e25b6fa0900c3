/** The first secretariat account: from ENLACE_ADMIN_EMAIL/PASSWORD, or with a random password printed once. */
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import { countUsers, createUserWithPassword } from './account.service.ts';
import { randomPassword } from './secrets.ts';

export const DEFAULT_ADMIN_EMAIL = 'admin@enlace.localhost';

export async function ensureFirstAdmin(
  db: Db,
  admin: Config['admin'],
  log: Logger,
  print: (line: string) => void = console.log,
) {
  if ((await countUsers(db)) > 0) return null;
  const email = admin.email ?? DEFAULT_ADMIN_EMAIL;
  const generated = admin.password === undefined;
  const password = admin.password ?? randomPassword();
  await createUserWithPassword(db, { email, name: 'Secretaría', password, grants: [{ role: 'secretariat' }] });
  log.info({ email }, 'first secretariat account created');
  if (generated) {
    print(
      `\nFirst secretariat account created (this password is shown only once):\n  e-mail:   ${email}\n  password: ${password}\n`,
    );
  }
  return { email };
}
