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
