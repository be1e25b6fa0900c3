import { describe, expect, it } from 'vitest';
import { shorten } from './shorten.ts';

describe('shorten', () => {
  it('keeps a text that fits, and cuts a longer one to the length with an ellipsis and no space before it', () => {
    expect(shorten('Taller regional', 15)).toBe('Taller regional');
    expect(shorten('Taller regional sobre', 16)).toBe('Taller regional…');
    expect(shorten('Taller regional sobre', 16)).toHaveLength(16);
    expect(shorten('Taller de OIM', 11)).toBe('Taller de…');
  });
});
