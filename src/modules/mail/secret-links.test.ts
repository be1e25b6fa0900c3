import { describe, expect, it } from 'vitest';
import { MASK, maskSecretLinks, secretTokensIn } from './secret-links.ts';

const token = 'Ab3_dEf-Gh1JkLmNoPqRsTuVwXyZ0123456789abcd';
const text = `Hola Ana:\nElija su contraseña: https://enlace.example/invitations/${token}\nO restablezca: http://localhost:3000/reset-password/${token.slice(0, 30)}.\nSu informe: https://enlace.example/reports/0b6a3a9e-8c77-5d0e-9a43-2f0f7f3f1e11`;

describe('secret links in messages', () => {
  it('finds the tokens of invitation and reset links', () => {
    expect(secretTokensIn(text)).toEqual([token, token.slice(0, 30)]);
  });

  it('masks them and leaves every other link as it was', () => {
    const masked = maskSecretLinks(text);
    expect(masked).not.toContain(token.slice(0, 20));
    expect(masked).toContain(`https://enlace.example/invitations/${MASK}`);
    expect(masked).toContain(`http://localhost:3000/reset-password/${MASK}.`);
    expect(masked).toContain('https://enlace.example/reports/0b6a3a9e-8c77-5d0e-9a43-2f0f7f3f1e11');
    expect(secretTokensIn(masked)).toEqual([]);
  });
});
