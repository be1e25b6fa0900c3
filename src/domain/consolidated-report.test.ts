import { describe, expect, it } from 'vitest';
import { nextPeriod } from './consolidated-report.ts';

describe('the period a chapter’s plans are for', () => {
  it('is the next year after a one-year period', () => {
    expect(nextPeriod('2008')).toBe('2009');
    expect(nextPeriod('1999')).toBe('2000');
  });

  it('is not named for a period that is not one year', () => {
    for (const period of ['2018-2019', 'bench', '08', '20081', ' 2008', ''])
      expect(nextPeriod(period), period).toBeNull();
  });
});
