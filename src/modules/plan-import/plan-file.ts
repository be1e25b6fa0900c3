/**
 * What kind of file a plan came in, told by its content (not its name), and
 * the tables read from it. A file that is none of the kinds Enlace reads, a
 * password-protected workbook, or one that would unpack beyond the bound is
 * refused with a message that says which.
 */
import type { SourceTable } from '../../domain/plan-import/source-table.ts';
import { fileProblem } from './file-problem.ts';
import { readCsv } from './read-csv.ts';
import { readDocx } from './read-docx.ts';
import { readXlsx } from './read-xlsx.ts';
import { unpacksBeyond, zipEntries } from './zip-bounds.ts';

export type PlanFormat = 'xlsx' | 'csv' | 'docx';

/** What a plan's file may unpack to: far more than any plan, far less than the memory of a small server. */
export const UNPACKED_LIMIT = 256 * 1024 * 1024;

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** Binary content that no CSV file holds: NUL bytes in its first kilobytes. */
const looksBinary = (bytes: Uint8Array) => bytes.subarray(0, 8192).includes(0);

/** A text file is taken as CSV when its name says it is text, or says nothing (`plan`, `plan.csv`, `plan.txt`). */
const TEXT_NAME = /(^|\/)[^./]+$|\.(csv|txt|tsv)$/i;

export function planFormat(bytes: Uint8Array, fileName = 'plan.csv'): PlanFormat {
  // An encrypted .xlsx/.docx is an OLE compound file, as are the old .xls and .doc.
  if (startsWith(bytes, OLE)) throw fileProblem('error.field.fileProtectedOrOld');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const entries = zipEntries(bytes);
    if (!entries) throw fileProblem('error.field.fileUnreadable');
    if (unpacksBeyond(entries, UNPACKED_LIMIT)) throw fileProblem('error.field.fileUnpacksTooLarge');
    if (entries.some((e) => e.name === 'xl/workbook.xml')) return 'xlsx';
    if (entries.some((e) => e.name === 'word/document.xml')) return 'docx';
    throw fileProblem('error.field.fileNotAPlan');
  }
  if (looksBinary(bytes) || !TEXT_NAME.test(fileName)) throw fileProblem('error.field.fileNotAPlan');
  return 'csv';
}

/** Every table of the file: a workbook's sheets, a document's tables, or the CSV file's one. */
export async function readPlanFile(
  bytes: Uint8Array,
  fileName?: string,
): Promise<{ format: PlanFormat; tables: SourceTable[] }> {
  const format = planFormat(bytes, fileName);
  const tables = format === 'xlsx' ? await readXlsx(bytes) : format === 'docx' ? await readDocx(bytes) : readCsv(bytes);
  if (tables.length === 0) throw fileProblem(format === 'docx' ? 'error.field.fileNoTable' : 'error.field.fileEmpty');
  return { format, tables };
}
