import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX, passwordProblem } from './password-policy.ts';

const blocklist = new Set(['password', 'qwerty123456', 'monkey', 'contraseña']);
const check = (password: string) =>
  passwordProblem(password, blocklist, { email: 'ana.perez@example.org', name: 'Ana Pérez' });

describe('passwordProblem', () => {
  it('accepts a long password of its own', () => {
    expect(check('marea alta en Valparaíso')).toBeNull();
    expect(check('7Hq!vz2Lw#p9')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting characters rather than bytes', () => {
    expect(check('abc.def-gh1')).toBe('tooShort');
    expect(check('ñandú-ñandú')).toBe('tooShort');
    expect(check('ñandú-ñandú!')).toBeNull();
  });

  it('refuses more than the maximum', () => {
    expect(check(`${'a1b2'.repeat(50)}z`)).toBe('tooLong');
    expect(check(`${'x9'.repeat(PASSWORD_MAX / 2 - 1)}qz`)).toBeNull();
  });

  it('refuses one character repeated, however long', () => {
    expect(check('aaaaaaaaaaaa')).toBe('repetitive');
    expect(check('............................')).toBe('repetitive');
  });

  it('refuses a short pattern repeated', () => {
    expect(check('abcabcabcabc')).toBe('repetitive');
    expect(check('121212121212')).toBe('repetitive');
  });

  it('refuses runs of consecutive characters, up or down', () => {
    expect(check('123456789012')).toBe('sequential');
    expect(check('abcdefghijklm')).toBe('sequential');
    expect(check('987654321098')).toBe('sequential');
    expect(check('123456789013')).toBeNull();
  });

  it('refuses a common password, in any case, alone or padded with digits and symbols', () => {
    expect(check('QWERTY123456')).toBe('common');
    expect(check('Password2024!!')).toBe('common');
    expect(check('!!contraseña2026')).toBe('common');
    expect(check('monkey12345678')).toBe('common');
    expect(check('monkeys-are-12')).toBeNull();
  });

  it("refuses the account's own e-mail or name", () => {
    expect(check('ana.perez@example.org')).toBe('personal');
    expect(check('ana.perez2026')).toBe('personal');
    expect(check('Ana Pérez 2026')).toBe('personal');
  });

  it('finds a pattern repeated twice, as long as half the password', () => {
    expect(check('k9#mq2k9#mq2')).toBe('repetitive');
  });

  it('takes only steps of one character as a sequence', () => {
    expect(check('acegikmoqsuw')).toBeNull();
    expect(check('bcdefghijklm')).toBe('sequential');
  });

  it('finds a common word of four letters padded with digits and symbols', () => {
    expect(passwordProblem('2024!!love!!', new Set(['love']))).toBe('common');
    // Shorter words are too likely inside a good password to refuse it for them.
    expect(passwordProblem('2024!!!abc!!!', new Set(['abc']))).toBeNull();
  });

  it('needs no e-mail or name to judge a password', () => {
    expect(passwordProblem('7Hq!vz2Lw#p9', blocklist)).toBeNull();
    expect(passwordProblem('7Hq!vz2Lw#p9', blocklist, {})).toBeNull();
  });

  it('refuses an e-mail local part or a name of four letters, padded', () => {
    expect(passwordProblem('2024juan!!!!', blocklist, { email: 'juan@example.org' })).toBe('personal');
    expect(passwordProblem('!!!!anab2024', blocklist, { name: 'Ana B' })).toBe('personal');
    expect(passwordProblem('2024jua!!!!!', blocklist, { email: 'jua@example.org', name: 'Jua' })).toBeNull();
  });
});
