import { describe, expect, it } from 'vitest';
import { type LayoutItem, layoutColumns, planLayout } from './plan-layout.ts';

const item = (code: string, level: string, children: LayoutItem[] = [], extra: Partial<LayoutItem> = {}) => ({
  code,
  text: `Texto ${code}`,
  level,
  actors: [],
  status: '',
  calendar: '',
  notes: [],
  children,
  ...extra,
});

describe('planLayout', () => {
  it('gives each item without children a row, its ancestors at their levels spanning their descendants', () => {
    const rows = planLayout(
      [
        item('1', 'theme', [item('1.1', 'objective', [item('1.1.1', 'activity'), item('1.1.2', 'activity')])]),
        item('2', 'theme'),
        item('O-9', 'objective', [], { actors: ['OIM', 'ACNUR'], status: 'Continuo', notes: ['a', 'b'] }),
      ],
      ['theme', 'objective', 'activity'],
    );
    expect(rows.map((r) => r.levels.map((c) => (c.code ? `${c.code}×${c.span}` : '')))).toEqual([
      ['1×2', '1.1×2', '1.1.1×1'],
      ['1×0', '1.1×0', '1.1.2×1'],
      ['2×1', '', ''],
      ['', 'O-9×1', ''],
    ]);
    expect(rows[0]?.levels[0]?.text).toBe('Texto 1');
    expect(rows[3]).toMatchObject({ status: 'Continuo', notes: 'a\nb' });
    expect(rows[3]?.levels[1]?.actors).toBe('OIM\nACNUR');
  });
});

describe('layoutColumns', () => {
  it('asks for the actors of each level that has any, and for status, calendar and notes only when leaves have them', () => {
    const roots = [item('1', 'theme', [item('1.1', 'objective', [], { calendar: '2026' })], { actors: ['OIM'] })];
    expect(layoutColumns(roots, ['theme', 'objective'])).toEqual({
      actorLevels: ['theme'],
      status: false,
      calendar: true,
      notes: false,
    });
    expect(layoutColumns([item('1', 'theme', [], { status: 'Continuo', notes: ['n'] })], ['theme'])).toEqual({
      actorLevels: [],
      status: true,
      calendar: false,
      notes: true,
    });
  });
});
