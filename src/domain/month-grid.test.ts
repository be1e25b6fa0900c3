import { describe, expect, it } from 'vitest';
import { monthGrid } from './month-grid.ts';

describe('monthGrid', () => {
  it('lays a month out in whole weeks from Monday to Sunday', () => {
    // February 2019 starts on a Friday and ends on a Thursday.
    const weeks = monthGrid('2019-02', []);
    expect(weeks).toHaveLength(5);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0]?.[0]).toEqual({ date: '2019-01-28', inMonth: false, meetings: [] });
    expect(weeks[0]?.[4]).toEqual({ date: '2019-02-01', inMonth: true, meetings: [] });
    expect(weeks[4]?.[3]?.date).toBe('2019-02-28');
    expect(weeks[4]?.[6]).toEqual({ date: '2019-03-03', inMonth: false, meetings: [] });
  });

  it('needs no padding when the month starts on a Monday and ends on a Sunday', () => {
    const weeks = monthGrid('2021-02', []);
    expect(weeks).toHaveLength(4);
    expect(weeks[0]?.[0]?.date).toBe('2021-02-01');
    expect(weeks[3]?.[6]?.date).toBe('2021-02-28');
    expect(weeks.flat().every((d) => d.inMonth)).toBe(true);
  });

  it('puts a meeting on each of its days, across weeks and months', () => {
    const seminar = { id: 's', startsOn: '2019-02-28', endsOn: '2019-03-02' };
    const day = { id: 'd', startsOn: '2019-02-04', endsOn: '2019-02-04' };
    const weeks = monthGrid('2019-02', [seminar, day]);
    const on = (date: string) =>
      weeks
        .flat()
        .find((d) => d.date === date)
        ?.meetings.map((m) => m.id);
    expect(on('2019-02-04')).toEqual(['d']);
    expect(on('2019-02-05')).toEqual([]);
    expect(on('2019-02-27')).toEqual([]);
    expect(on('2019-02-28')).toEqual(['s']);
    expect(on('2019-03-02')).toEqual(['s']);
    expect(on('2019-03-03')).toEqual([]);
  });
});
