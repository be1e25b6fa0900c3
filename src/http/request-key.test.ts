import { describe, expect, it } from 'vitest';
import { dayOf, splitAddress } from './request-key.ts';

describe('the parts of a kept answer’s key', () => {
  it('the UTC day, changing at midnight and not before', () => {
    const lastSecond = Date.parse('2026-12-03T23:59:59.999Z');
    expect(dayOf(lastSecond)).toBe('2026-12-03');
    expect(dayOf(lastSecond + 1)).toBe('2026-12-04');
    expect(dayOf(Date.parse('2026-12-03T00:00:00Z'))).toBe('2026-12-03');
    expect(dayOf(lastSecond)).toBe('2026-12-03');
  });

  it('splits an address into its origin and its path and query as sent', () => {
    expect(splitAddress('http://127.0.0.1:3000/cycles/1?state=draft&lang=en')).toEqual({
      origin: 'http://127.0.0.1:3000',
      pathAndQuery: '/cycles/1?state=draft&lang=en',
    });
    expect(splitAddress('https://enlace.example.org/')).toEqual({
      origin: 'https://enlace.example.org',
      pathAndQuery: '/',
    });
    expect(splitAddress('https://enlace.example.org')).toEqual({
      origin: 'https://enlace.example.org',
      pathAndQuery: '/',
    });
  });
});
