/**
 * Pages of a document as a reader finds them: in the text pdftotext gives
 * (pages separated by form feeds), the page on which each heading starts a
 * line, looking past the contents so that their own lines don't count.
 */
import { expect } from 'vitest';
import type { ConsolidatedReport } from '../../../src/domain/consolidated-report.ts';
import { ANNEX_STATUSES, annexRows } from '../../../src/render/documents/annex-rows.ts';

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The annex's totals line as a reader finds it in a PDF's text (with -layout): its first ten numbers. */
export function annexTotals(pdfText: string): number[] | undefined {
  const line = pdfText.split('\n').find((l) => /^\s*Total\s+\d/.test(l));
  return line?.match(/\d+/g)?.map(Number).slice(0, 10);
}

/** The same ten numbers from the report's data: activities, each status, covered and assigned. */
export function expectedAnnexTotals(report: ConsolidatedReport): number[] {
  const { total } = annexRows(report);
  return [total.activities, ...ANNEX_STATUSES.map((s) => total.counts[s]), total.covered, total.assigned];
}

export function headingPages(pdfText: string, headings: string[], from = 1): Map<string, number> {
  const pages = pdfText.split('\f').map((page) => page.split('\n').map(flat));
  const found = new Map<string, number>();
  let page = from - 1;
  for (const heading of headings) {
    const wanted = flat(heading);
    let at = page;
    // A long heading wraps: its first line is the start of it.
    while (at < pages.length && !pages[at]?.some((line) => line.length > 8 && wanted.startsWith(line))) at += 1;
    if (at === pages.length) continue;
    found.set(heading, at + 1);
    page = at;
  }
  return found;
}

/** The entries of a table of contents as pdftotext reads them: "I. Introducción ........ 3". */
export function contentsEntries(pdfText: string): { title: string; page: number }[] {
  return pdfText
    .split('\n')
    .map((line) => /^\s*(\S.*?)[\s.…]+(\d+)\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ title: flat(m[1] ?? '').replace(/[.\s]+$/, ''), page: Number(m[2]) }));
}

/** A PDF string object's text: a literal "(…)" with its escapes, UTF-16BE after a byte-order mark. */
function pdfString(literal: string): string {
  const bytes: number[] = [];
  for (let i = 1; i < literal.length - 1; i += 1) {
    const ch = literal.charCodeAt(i);
    if (ch !== 0x5c) {
      bytes.push(ch);
      continue;
    }
    i += 1;
    const next = literal[i] ?? '';
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (next in escapes) bytes.push(escapes[next] ?? 0);
    else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(literal.slice(i))?.[0] ?? '0';
      bytes.push(Number.parseInt(octal, 8));
      i += octal.length - 1;
    }
  }
  const buffer = Buffer.from(bytes);
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return buffer.subarray(2).swap16().toString('utf16le');
  return buffer.toString('latin1');
}

const LITERAL = String.raw`\((?:[^()\\]|\\[\s\S])*\)`;

/**
 * What a PDF says of itself, read from its objects (an uncompressed
 * cross-reference, as PDFKit writes): the bookmarks with their parents, the
 * document's language and title, and whether each font is embedded.
 */
export function pdfFacts(pdf: Uint8Array) {
  const raw = Buffer.from(pdf).toString('latin1');
  const objects = new Map<number, string>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*<<([\s\S]*?)>>\s*(?:stream|endobj)/g))
    objects.set(Number(m[1]), m[2] ?? '');
  const strings = new Map<number, string>();
  for (const m of raw.matchAll(new RegExp(`(\\d+) 0 obj\\s*(${LITERAL})\\s*endobj`, 'g')))
    strings.set(Number(m[1]), pdfString(m[2] ?? '()'));
  // A value is written in place, or as a reference to a string object (the document information does that).
  const title = (dict: string) => {
    const m = new RegExp(`/Title\\s*(?:(${LITERAL})|(\\d+) 0 R)`).exec(dict);
    if (!m) return null;
    return m[1] ? pdfString(m[1]) : (strings.get(Number(m[2])) ?? null);
  };
  const bookmarks: { title: string; parent: string | null }[] = [];
  for (const dict of objects.values()) {
    const own = title(dict);
    const parent = /\/Parent (\d+) 0 R/.exec(dict)?.[1];
    if (own === null || !parent || !/\/Dest\b/.test(dict)) continue;
    bookmarks.push({ title: own, parent: title(objects.get(Number(parent)) ?? '') });
  }
  const info = /\/Info (\d+) 0 R/.exec(raw)?.[1];
  const lang = new RegExp(`/Lang\\s*(${LITERAL})`).exec(raw)?.[1];
  return {
    bookmarks,
    title: info ? title(objects.get(Number(info)) ?? '') : null,
    language: lang ? pdfString(lang) : null,
    fonts: [...objects.values()]
      .filter((d) => /\/Type \/FontDescriptor/.test(d))
      .map((d) => ({
        name: /\/FontName \/(\S+)/.exec(d)?.[1] ?? '',
        embedded: /\/FontFile[23]? \d+ 0 R/.test(d),
      })),
  };
}

/** What a reader of the published English edition sees, whichever the format: English headings, no draft notice, the annex's totals. */
export function expectPublishedEnglish(pdfText: string, report: ConsolidatedReport): void {
  expect(flat(pdfText)).toContain('IV. Annual report on activities');
  expect(pdfText).not.toContain('Introducción');
  expect(flat(pdfText)).not.toContain(report.labels.draftNotice);
  expect(annexTotals(pdfText)).toEqual(expectedAnnexTotals(report));
}
