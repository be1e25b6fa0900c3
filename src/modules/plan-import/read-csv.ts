/**
 * A plan saved as CSV: comma or semicolon (as Excel writes it where the comma
 * is the decimal sign), UTF-8 with or without its BOM, or Windows-1252 (what
 * Excel writes on Windows). Each row keeps its line in the file.
 */
import { parse } from 'csv-parse/sync';
import type { SourceTable } from '../../domain/plan-import/source-table.ts';
import { fileProblem } from './file-problem.ts';

/** The text of the file: UTF-8 when it decodes as such, else Windows-1252. */
export function decodeCsv(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

/** The separator of the first line that has one, counted outside quotes: `;` or `,` (or a tab). */
export function sniffDelimiter(text: string): string {
  let quoted = false;
  const counts = new Map<string, number>([
    [';', 0],
    [',', 0],
    ['\t', 0],
  ]);
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n' && [...counts.values()].some((n) => n > 0)) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

type ParsedRecord = { record: string[]; info: { lines: number } };

export function readCsv(bytes: Uint8Array): SourceTable[] {
  const text = decodeCsv(bytes);
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw line ? fileProblem('error.field.fileCsvBroken', { line }) : fileProblem('error.field.fileUnreadable');
  }
  if (records.length === 0) return [];
  return [
    {
      kind: 'csv',
      name: '',
      // A record spanning several lines (a quoted cell with line breaks) is named by its first line.
      rows: records.map(({ record }, i) => ({
        number: i === 0 ? 1 : (records[i - 1] as ParsedRecord).info.lines + 1,
        cells: record.map((value) => ({ text: value })),
      })),
    },
  ];
}
