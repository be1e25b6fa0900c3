/**
 * A plan in a Word document: every table in it, read through mammoth, which
 * turns Word's vertical merges (`w:vMerge`) and spans (`w:gridSpan`) into
 * rowspan and colspan. Each cell's paragraphs are its lines; an empty
 * paragraph between them is a blank line. The spans are laid back on the
 * grid as covered cells, so a Word table reads as a sheet with merges does.
 */
import { Parser } from 'htmlparser2';
import type { SourceCell, SourceRow, SourceTable } from '../../domain/plan-import/source-table.ts';
import { fileProblem } from './file-problem.ts';

type HtmlCell = { text: string; rowspan: number; colspan: number };

export async function readDocx(bytes: Uint8Array): Promise<SourceTable[]> {
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    html = (
      await mammoth.convertToHtml(
        { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
        { ignoreEmptyParagraphs: false },
      )
    ).value;
  } catch {
    throw fileProblem('error.field.fileUnreadable');
  }
  return htmlTables(html).map((rows, i) => ({ kind: 'table' as const, name: String(i + 1), rows: layOut(rows) }));
}

/** The top-level tables of mammoth's HTML, as rows of cells with their spans (tables inside cells become text). */
export function htmlTables(html: string): HtmlCell[][][] {
  const tables: HtmlCell[][][] = [];
  let depth = 0;
  let rows: HtmlCell[][] = [];
  let cell: HtmlCell | null = null;
  let paragraph: string[] = [];
  let lines: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'table') {
          depth += 1;
          if (depth === 1) rows = [];
        } else if (depth === 1 && name === 'tr') rows.push([]);
        else if (depth === 1 && (name === 'td' || name === 'th')) {
          cell = {
            text: '',
            rowspan: Math.max(1, Number(attributes.rowspan ?? 1) || 1),
            colspan: Math.max(1, Number(attributes.colspan ?? 1) || 1),
          };
          lines = [];
          paragraph = [];
        } else if (cell && name === 'br') paragraph.push('\n');
      },
      ontext(text) {
        if (cell) paragraph.push(text);
      },
      onclosetag(name) {
        if (cell && (name === 'p' || name === 'li' || name.match(/^h[1-6]$/))) {
          lines.push(paragraph.join('').trim());
          paragraph = [];
        } else if (depth === 1 && cell && (name === 'td' || name === 'th')) {
          if (paragraph.join('').trim()) lines.push(paragraph.join('').trim());
          cell.text = lines.join('\n').trim();
          rows.at(-1)?.push(cell);
          cell = null;
        } else if (name === 'table') {
          if (depth === 1) tables.push(rows);
          depth -= 1;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return tables;
}

/** Rows of spanning cells laid on a grid: the cells a span covers are marked, as a workbook's merges are. */
export function layOut(rows: HtmlCell[][]): SourceRow[] {
  const grid: SourceCell[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let col = 0;
    for (const cell of cells) {
      while (grid[r]?.[col]) col++;
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) {
          const target = grid[r + dr] as SourceCell[];
          target[col + dc] = dr === 0 && dc === 0 ? { text: cell.text } : { text: '', merged: dr > 0 ? 'up' : 'left' };
        }
      }
      col += cell.colspan;
    }
  });
  return grid.map((cells, i) => ({
    number: i + 1,
    cells: Array.from({ length: cells.length }, (_, c) => cells[c] ?? { text: '' }),
  }));
}
