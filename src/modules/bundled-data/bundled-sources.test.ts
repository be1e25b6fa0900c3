/**
 * The bundled data against the documents it is transcribed from
 * (data/sources/), compared mechanically: a later edit of either that makes
 * them drift apart fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DATA = path.resolve(import.meta.dirname, '../../../data');
const source = (file: string) => readFileSync(path.join(DATA, 'sources', file), 'utf8').split('\n');
const yaml = <T>(file: string) => parse(readFileSync(path.join(DATA, file), 'utf8')) as T;

/** A paragraph as compared: rendering debris (stray tags, the footnote marker) out, spaces folded. */
const normalized = (text: string) =>
  text
    .normalize('NFC')
    .replace(/<\/?[bip]>|\uFFFD/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const paragraphsOf = (text: string | undefined) =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map(normalized)
    .filter(Boolean);

/** The lines of `lines` after the one that is `from` and before the first that `until` matches, as paragraphs. */
function part(lines: string[], from: string, until: RegExp): string[] {
  const start = lines.findIndex((line) => line.trim() === from);
  if (start < 0) throw new Error(`no line "${from}" in the source`);
  const end = lines.findIndex((line, i) => i > start && until.test(line));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .map(normalized)
    .filter(Boolean);
}

describe('the 2008 annual report (data/sources/002_…)', () => {
  const seed = source('002_f0108a1cdbcb2580.txt');
  const cycle = yaml<{ introduction: string; background: string; conclusion: string }>(
    'cycles/informe-anual-2008.yaml',
  );
  const programme = yaml<{ sections: { key: string; heading: string; body: string }[] }>(
    'programmes/programa-interamericano-2005.yaml',
  );

  it('has the introduction, background and conclusion of the cycle paragraph for paragraph', () => {
    expect(paragraphsOf(cycle.introduction)).toEqual(part(seed, 'I. Introducción', /^II\. Antecedentes/));
    expect(paragraphsOf(cycle.background)).toEqual(part(seed, 'II. Antecedentes', /^III\. /));
    // The conclusion ends where the footnotes begin.
    expect(paragraphsOf(cycle.conclusion)).toEqual(part(seed, 'VI. Conclusión', /^\s*\uFFFD/));
  });

  it('has section III, the objectives and structure of the 2005 Program, as the programme’s own sections', () => {
    const section = (key: string) => programme.sections.find((s) => s.key === key);
    expect(section('objectives')?.heading).toBe('A. Objetivos del Programa');
    expect(paragraphsOf(section('objectives')?.body)).toEqual(
      part(seed, 'A. Objetivos del Programa', /^B\. Estructura/),
    );
    expect(section('structure')?.heading).toBe('B. Estructura del Programa');
    expect(paragraphsOf(section('structure')?.body)).toEqual(part(seed, 'B. Estructura del Programa', /^IV\. /));
  });
});

type SourcedItem = {
  code: string;
  text: string;
  calendar?: string;
  notes?: { text: string }[];
  children?: SourcedItem[];
};
type SourcedProgramme = { items: SourcedItem[]; sections?: { key: string; body: string }[] };

/** A line as compared with its seed: a list marker the seed prints as "·" and the data as "- " is left out. */
const line = (text: string) => normalized(text).replace(/^[-·•]\s+/, '');
/** Text that Enlace adds and marks as its own: a whole line in square brackets. */
const editorial = (text: string) => /^\[.*\]$/.test(text);

/**
 * Every line the data holds of a programme (item texts, calendars, notes, section bodies) that is not marked
 * editorial, as `where: line`, with the lines missing from the seed.
 */
function missingFromSeed(file: string, seedFile: string, corrections: [printed: string, transcribed: string][] = []) {
  const programme = yaml<SourcedProgramme>(file);
  let seed = normalized(readFileSync(path.join(DATA, 'sources', seedFile), 'utf8')).replace(/ ?[·•] /g, ' ');
  for (const [printed, transcribed] of corrections) seed = seed.replace(printed, transcribed);
  const lines: [string, string][] = [];
  const walk = (items: SourcedItem[] | undefined) => {
    for (const item of items ?? []) {
      for (const text of [item.text, item.calendar ?? '', ...(item.notes ?? []).map((n) => n.text)]) {
        for (const l of text.split('\n')) lines.push([item.code, l]);
      }
      walk(item.children);
    }
  };
  walk(programme.items);
  for (const section of programme.sections ?? []) {
    for (const l of section.body.split('\n')) lines.push([`section ${section.key}`, l]);
  }
  const compared = lines.map(([where, l]) => [where, line(l)] as const).filter(([, l]) => l && !editorial(l));
  return {
    compared: compared.length,
    missing: compared.filter(([, l]) => !seed.includes(l)).map(([where, l]) => `${where}: ${l}`),
  };
}

describe('each bundled programme against its seed, line by line', () => {
  it('has the 2016 Program draft (000_…) word for word, its actor headings as printed before their text', () => {
    const { compared, missing } = missingFromSeed(
      'programmes/programa-interamericano-2016.yaml',
      '000_d6bb5e5f23986f61.txt',
      [
        // A stray slash of the source.
        ['residentes temporales /, y', 'residentes temporales, y'],
        // The data puts each actor heading before its text, as "Heading: text".
        ['C. ORGANIZACIONES MULTILATERALES: Instar', 'Organizaciones multilaterales: Instar'],
        ['D. OTROS ACTORES: Instar', 'Otros actores: Instar'],
      ],
    );
    expect(compared).toBeGreaterThan(90);
    expect(missing).toEqual([]);
  });

  it('has the CAM work plan (001_…) word for word', () => {
    const { compared, missing } = missingFromSeed(
      'programmes/cam-plan-de-trabajo-2018-2019.yaml',
      '001_cef371dfcb22717c.txt',
    );
    expect(compared).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('has the CRM plan of action (004_…) word for word, with what Enlace adds in brackets', () => {
    const { compared, missing } = missingFromSeed(
      'programmes/crm-plan-de-accion-2006.yaml',
      '004_6845f57f7fcc6925.txt',
    );
    expect(compared).toBeGreaterThan(300);
    expect(missing).toEqual([]);
  });

  it('has the 2005 Program as the 2008 report (002_…) quotes it', () => {
    const { compared, missing } = missingFromSeed(
      'programmes/programa-interamericano-2005.yaml',
      '002_f0108a1cdbcb2580.txt',
    );
    expect(compared).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
