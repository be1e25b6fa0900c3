import { afterEach, describe, expect, it, vi } from 'vitest';
import { today, wallClock, zonedInstant } from './zoned-time.ts';

describe('zonedInstant', () => {
  it('gives the offset of the zone on that day, daylight saving included', () => {
    expect(zonedInstant('2026-01-10', '10:00', 'America/New_York')).toBe('2026-01-10T10:00:00-05:00');
    // Daylight saving starts on 8 March 2026 in Washington.
    expect(zonedInstant('2026-03-10', '10:00', 'America/New_York')).toBe('2026-03-10T10:00:00-04:00');
    // Just after the clocks went forward (02:00 → 03:00 on 8 March 2026).
    expect(zonedInstant('2026-03-08', '03:30', 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
    expect(zonedInstant('2026-03-10', '09:30', 'America/Mexico_City')).toBe('2026-03-10T09:30:00-06:00');
    expect(zonedInstant('2026-07-01', '15:00', 'America/Sao_Paulo')).toBe('2026-07-01T15:00:00-03:00');
    expect(zonedInstant('2026-07-01', '15:00', 'UTC')).toBe('2026-07-01T15:00:00+00:00');
    expect(zonedInstant('2026-07-01', '08:00', 'Asia/Kolkata')).toBe('2026-07-01T08:00:00+05:30');
  });
  it('names the same instant the wall clock shows', () => {
    const instant = new Date(zonedInstant('2026-11-01', '01:30', 'America/New_York'));
    expect(wallClock(instant, 'America/New_York')).toEqual({ date: '2026-11-01', time: '01:30' });
    expect(wallClock(new Date('2026-03-10T14:00:00Z'), 'America/New_York')).toEqual({
      date: '2026-03-10',
      time: '10:00',
    });
    expect(wallClock(new Date('2026-03-11T03:00:00Z'), 'America/Los_Angeles')).toEqual({
      date: '2026-03-10',
      time: '20:00',
    });
  });
});

describe('today', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  it('is the day in UTC, even where it is still yesterday or already tomorrow', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-31T23:30:00-05:00'));
    expect(today()).toBe('2027-01-01');
    vi.setSystemTime(new Date('2026-12-02T00:10:00Z'));
    expect(today()).toBe('2026-12-02');
  });
});
