/**
 * Which new passwords are refused (NIST SP 800-63B §3.1.1.2): too short or too
 * long, known to be common (a blocklist the caller passes in), one character
 * repeated, a short pattern repeated, a run of consecutive characters, a common
 * password padded with digits or symbols, or the account's own e-mail or name.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'repetitive' | 'sequential' | 'personal';

export type PasswordContext = { email?: string; name?: string };

/** Built from a pattern repeated: `aaaaaaaaaaaa`, `abcabcabcabc`, `121212121212`. */
function isRepetitive(value: string): boolean {
  for (let size = 1; size <= value.length / 2; size++) {
    if (value.length % size !== 0) continue;
    if (value.slice(0, size).repeat(value.length / size) === value) return true;
  }
  return false;
}

/** Every character one after (or one before) the last: `123456789012` wraps 9 → 0. */
function isSequential(value: string): boolean {
  const step = (a: string, b: string) => {
    const d = b.charCodeAt(0) - a.charCodeAt(0);
    if (a === '9' && b === '0') return 1;
    if (a === '0' && b === '9') return -1;
    return d;
  };
  const first = step(value[0] ?? '', value[1] ?? '');
  if (first !== 1 && first !== -1) return false;
  for (let i = 1; i < value.length - 1; i++) {
    if (step(value[i] as string, value[i + 1] as string) !== first) return false;
  }
  return true;
}

/** The password without digits and symbols around it: `Password2024!!` → `password`. */
const core = (value: string) => value.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

export function passwordProblem(
  password: string,
  blocklist: ReadonlySet<string>,
  context: PasswordContext = {},
): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  const lower = password.toLowerCase();
  if (isRepetitive(lower)) return 'repetitive';
  if (isSequential(lower)) return 'sequential';
  const stem = core(lower);
  if (blocklist.has(lower) || (stem.length >= 4 && blocklist.has(stem)) || isRepetitive(stem)) return 'common';
  const email = context.email?.toLowerCase();
  const local = email?.split('@')[0] ?? '';
  const name = context.name?.toLowerCase().replace(/\s+/g, '') ?? '';
  const compact = lower.replace(/\s+/g, '');
  const compactStem = core(compact);
  if (email && (compact.includes(email) || (local.length >= 4 && compactStem === local))) return 'personal';
  if (name.length >= 4 && compactStem === name) return 'personal';
  return null;
}
