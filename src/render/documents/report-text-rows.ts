/**
 * The chapters' texts as rows to read in a spreadsheet: one row per activity
 * and part of the report (what was mandated, carried out, planned) and per
 * section of a chapter (best practices…), each with the actor and the
 * activity it belongs to so that it can be filtered. A text longer than a row
 * can show (Excel stops a row at 409 points) goes on over the next rows,
 * split between paragraphs, or between sentences where a paragraph is longer.
 */
import type { ConsolidatedReport } from '../../domain/consolidated-report.ts';
import { htmlToText } from './html-text.ts';

export type TextRow = {
  chapter: string;
  code: string;
  /** The activity's text, on the first row of its entry only. */
  activity: string;
  status: string;
  part: string;
  text: string;
  /** The row goes on with the text of the one above. */
  continued: boolean;
};

/** About 25 lines of a 90-character column: what a row of 409 points shows. */
export const ROW_CHARACTERS = 2000;

/** The text cut at paragraph breaks, sentence ends or spaces, in pieces of at most `limit` characters. */
export function splitText(text: string, limit = ROW_CHARACTERS): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const head = rest.slice(0, limit);
    const cut = [/\n\n(?=[^\n]*$)/, /[.;:!?](?=\s[^.;:!?]*$)/, /\s(?=\S*$)/]
      .map((pattern) => head.search(pattern))
      .find((at) => at > limit / 4);
    const end = cut === undefined ? limit : cut + 1;
    pieces.push(rest.slice(0, end).trim());
    rest = rest.slice(end).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

export function reportTextRows(report: ConsolidatedReport): TextRow[] {
  const { labels } = report;
  const rows: TextRow[] = [];
  for (const chapter of report.chapters) {
    const before = rows.length;
    /** The parts of one entry (or of the chapter's sections): the activity printed once, on the first. */
    const entryRows = (code: string, activity: string, status: string, parts: [string, string | null][]) => {
      let first = true;
      for (const [part, html] of parts) {
        splitText(htmlToText(html)).forEach((text, i) => {
          rows.push({
            chapter: chapter.heading,
            code,
            activity: first ? activity : '',
            status,
            part: i === 0 ? part : `${part} ${labels.workbook.continued}`,
            text,
            continued: i > 0,
          });
          first = false;
        });
      }
    };
    for (const entry of chapter.entries) {
      entryRows(entry.code ?? '', entry.itemText ?? '', entry.status ? labels.statuses[entry.status] : '', [
        [labels.mandate, entry.mandate],
        [labels.carriedOut, entry.carriedOut],
        [labels.planned, entry.planned],
      ]);
    }
    entryRows('', '', '', [
      [labels.bestPractices, chapter.sections.bestPractices],
      [labels.newProposals, chapter.sections.newProposals],
      [labels.calendar, chapter.sections.calendar],
    ]);
    if (rows.length === before) {
      rows.push({
        chapter: chapter.heading,
        code: '',
        activity: '',
        status: '',
        part: '',
        text: labels.noInformation,
        continued: false,
      });
    }
  }
  return rows;
}
