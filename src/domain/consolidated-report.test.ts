import { describe, expect, it } from 'vitest';
import { chapterHeading, chapterLetter, chapterNumbers, nextPeriod } from './consolidated-report.ts';

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

describe('chapter headings', () => {
  const iachr = { number: 'A.', name: 'Inter-American Commission on Human Rights', acronym: 'IACHR' };

  it('letters chapters A to Z, then AA, AB…', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(chapterLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });

  it('keeps the heading written for a chapter in the report’s language', () => {
    const written = 'E.1 Oficina del Secretario Ejecutivo. Programa de Migración';
    expect(chapterHeading({ ...iachr, written, writtenInReportLanguage: true })).toBe(written);
  });

  it('in another language, keeps the written heading’s number and names the actor in that language', () => {
    const heading = (written: string) => chapterHeading({ ...iachr, written, writtenInReportLanguage: false });
    expect(heading('A. Comisión Interamericana de Derechos Humanos (CIDH)')).toBe(
      'A. Inter-American Commission on Human Rights (IACHR)',
    );
    expect(heading('E.1 Oficina del Secretario Ejecutivo')).toBe(
      'E.1 Inter-American Commission on Human Rights (IACHR)',
    );
    expect(heading('H.2. Organización Internacional del Trabajo (OIT)')).toBe(
      'H.2. Inter-American Commission on Human Rights (IACHR)',
    );
    expect(heading('AB.12 Otro')).toBe('AB.12 Inter-American Commission on Human Rights (IACHR)');
    expect(heading('E.1.2. Otro')).toBe('E.1.2. Inter-American Commission on Human Rights (IACHR)');
    const fourth = (written: string) =>
      chapterHeading({ ...iachr, number: 'D.', written, writtenInReportLanguage: false });
    for (const unnumbered of ['Sin número', 'la A. de abajo', 'ABC. Tres letras', 'E.x Otro', 'E.1Pegado'])
      expect(fourth(unnumbered), unnumbered).toBe('D. Inter-American Commission on Human Rights (IACHR)');
  });

  it('without a written heading, numbers the chapter by its place and adds an acronym that differs from the name', () => {
    expect(chapterHeading({ ...iachr, number: 'AB.', written: null, writtenInReportLanguage: true })).toBe(
      'AB. Inter-American Commission on Human Rights (IACHR)',
    );
    expect(
      chapterHeading({ number: 'C.', name: 'CRM', acronym: 'CRM', written: null, writtenInReportLanguage: true }),
    ).toBe('C. CRM');
    expect(
      chapterHeading({ number: 'C.', name: 'Mexico', acronym: null, written: null, writtenInReportLanguage: false }),
    ).toBe('C. Mexico');
  });
});

describe('chapter numbers with groups', () => {
  it('letters chapters and groups in turn, and numbers a group’s chapters within it, as the 2008 report', () => {
    const groups = [null, null, null, null, 'sedi', 'sedi', 'sedi', 'saj', 'saj', 'ssm', 'additional', 'additional'];
    const numbers = chapterNumbers(groups);
    expect(numbers.map((n) => n.number)).toEqual([
      'A.',
      'B.',
      'C.',
      'D.',
      'E.1',
      'E.2',
      'E.3',
      'F.1',
      'F.2',
      'G.1',
      'H.1',
      'H.2',
    ]);
    expect(numbers.filter((n) => n.opensGroup).map((n) => n.group)).toEqual([
      { key: 'sedi', letter: 'E' },
      { key: 'saj', letter: 'F' },
      { key: 'ssm', letter: 'G' },
      { key: 'additional', letter: 'H' },
    ]);
    expect(numbers[5]).toEqual({ number: 'E.2', group: { key: 'sedi', letter: 'E' }, opensGroup: false });
    expect(numbers[0]).toEqual({ number: 'A.', group: null, opensGroup: false });
  });

  it('opens a new group, with a new letter, when a group comes back after other chapters', () => {
    expect(chapterNumbers(['sedi', null, 'sedi']).map((n) => [n.number, n.opensGroup])).toEqual([
      ['A.1', true],
      ['B.', false],
      ['C.1', true],
    ]);
    expect(chapterNumbers([])).toEqual([]);
  });
});
