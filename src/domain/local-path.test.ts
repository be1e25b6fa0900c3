import { describe, expect, it } from 'vitest';
import { localPathOr } from './local-path.ts';

describe('localPathOr', () => {
  it.each(['/', '/programmes/programa-interamericano-2016', '/cycles?state=open&actor=mx', '/actors/mx#reports'])(
    'keeps the local path %s',
    (path) => {
      expect(localPathOr(path)).toBe(path);
    },
  );

  it.each([
    ['tab', '/\t/other.host'],
    ['newline', '/\n/other.host'],
    ['carriage return', '/\r\n/x'],
    ['backslash', '/\\/other.host'],
    ['leading backslash', '/\\other.host'],
    ['two slashes', '//other.host'],
    ['space', '/ /other.host'],
    ['absolute URL', 'https://other.host/'],
    ['scheme-relative with spaces', ' //other.host'],
    ['javascript URL', 'javascript:alert(1)'],
    ['relative path', 'programmes'],
    ['empty', ''],
    ['non-ASCII', '/acción'],
    ['NUL', '/\u0000/x'],
  ])('sends %s home', (_, value) => {
    expect(localPathOr(value)).toBe('/');
  });

  it('sends anything that is not a string home, or to the given fallback', () => {
    expect(localPathOr(undefined)).toBe('/');
    expect(localPathOr(['/a'])).toBe('/');
    expect(localPathOr('//x', '/account')).toBe('/account');
  });

  it('normalizes dot segments without leaving the site', () => {
    expect(localPathOr('/a/../../b')).toBe('/b');
  });

  it('keeps a local path that ends in two slashes', () => {
    expect(localPathOr('/reports//')).toBe('/reports//');
  });
});
