/** Passwords (argon2id) and random tokens (stored only as SHA-256). */
import { createHash, randomBytes } from 'node:crypto';
import type Argon2 from 'argon2';

/** The native hashing library, loaded when a password is first hashed or checked rather than at every start. */
let library: Promise<typeof Argon2> | undefined;
const argon2 = () => {
  library ??= import('argon2').then((m) => m.default);
  return library;
};

export const hashPassword = async (password: string) => {
  const { hash, argon2id } = await argon2();
  return hash(password, { type: argon2id });
};

/**
 * A hash of a password nobody has, checked when the account is unknown or has
 * no password, so the answer takes as long and says nothing of who exists.
 */
let decoy: Promise<string> | undefined;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    decoy ??= hashPassword(randomToken());
    await (await argon2()).verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await (await argon2()).verify(hash, password);
  } catch {
    // A malformed stored hash is a failed login, not a crash.
    return false;
  }
}

/** A URL-safe random token with `bytes` of entropy. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A password the console can print once: 20 characters, no ambiguous ones. */
export function randomPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}
