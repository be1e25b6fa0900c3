import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { utf8, windows1252, wordDocumentOf, workbookOf } from '../../../test/support/plan-files.ts';
import type { SourceTable } from '../../domain/plan-import/source-table.ts';
import { readPlanFile } from './plan-file.ts';

/** The table's rows as texts, `^` and `<` where a merge covers the cell. */
const texts = (table: SourceTable | undefined) =>
  table?.rows.map((row) => [
    row.number,
    ...row.cells.map((c) => (c.merged === 'up' ? '^' : c.merged === 'left' ? '<' : c.text)),
  ]);

/** The message key a refused file gets, with its values. */
async function refusal(bytes: Uint8Array) {
  try {
    await readPlanFile(bytes);
    return 'read';
  } catch (error) {
    const field = (error as { fields: { field: string; messageKey: string; params?: object }[] }).fields[0];
    return { ...field };
  }
}

describe('readPlanFile', () => {
  it('reads every sheet of a workbook with its merged cells, by sheet row', async () => {
    const bytes = await workbookOf(
      {
        name: 'Plan 2006',
        rows: [
          ['PLAN DE ACCIÓN', null, null],
          ['Tema', 'Objetivo', 'Actividad'],
          ['Políticas', 'Intercambio', 'Seminario\nsobre legislación'],
          [null, null, 'Calendario'],
        ],
        merges: ['A1:C1', 'A3:A4', 'B3:B4'],
      },
      { name: 'Notas', rows: [['Nota']] },
    );
    const { format, tables } = await readPlanFile(bytes);
    expect(format).toBe('xlsx');
    expect(tables.map((t) => [t.kind, t.name])).toEqual([
      ['sheet', 'Plan 2006'],
      ['sheet', 'Notas'],
    ]);
    expect(texts(tables[0])).toEqual([
      [1, 'PLAN DE ACCIÓN', '<', '<'],
      [2, 'Tema', 'Objetivo', 'Actividad'],
      [3, 'Políticas', 'Intercambio', 'Seminario\nsobre legislación'],
      [4, '^', '^', 'Calendario'],
    ]);
  });

  it('reads every table of a Word document, its spans laid on the grid and its paragraphs as lines', async () => {
    const bytes = await wordDocumentOf([
      [
        [{ text: 'Tema' }, { text: 'Objetivo' }, { text: 'Actividad' }],
        [{ text: 'Políticas', rows: 2 }, { text: 'Intercambio', rows: 2 }, { text: 'Seminario\n\nTaller' }],
        [{ text: 'Calendario' }],
        [{ text: 'Nota del cuadro', columns: 3 }],
      ],
      [[{ text: 'Otro' }, { text: 'cuadro' }]],
    ]);
    const { format, tables } = await readPlanFile(bytes);
    expect(format).toBe('docx');
    expect(tables.map((t) => [t.kind, t.name])).toEqual([
      ['table', '1'],
      ['table', '2'],
    ]);
    expect(texts(tables[0])).toEqual([
      [1, 'Tema', 'Objetivo', 'Actividad'],
      [2, 'Políticas', 'Intercambio', 'Seminario\n\nTaller'],
      [3, '^', '^', 'Calendario'],
      [4, 'Nota del cuadro', '<', '<'],
    ]);
  });

  it.each([
    ['UTF-8 with a BOM, semicolons', utf8('Tema;Objetivo\r\nPolíticas;"Uno; dos"\r\n', true)],
    ['UTF-8, commas', utf8('Tema,Objetivo\nPolíticas,"Uno; dos"\n')],
    ['Windows-1252, semicolons', windows1252('Tema;Objetivo\r\nPolíticas;"Uno; dos"\r\n')],
  ])('reads CSV in %s', async (_name, bytes) => {
    const { format, tables } = await readPlanFile(bytes);
    expect(format).toBe('csv');
    expect(texts(tables[0])?.slice(0, 2)).toEqual([
      [1, 'Tema', 'Objetivo'],
      [2, 'Políticas', 'Uno; dos'],
    ]);
  });

  it('names each CSV row by the line it starts on, when a quoted cell spans lines', async () => {
    const { tables } = await readPlanFile(utf8('Tema,Actividad\nA,"uno\ndos"\nB,tres\n'));
    expect(texts(tables[0])?.map((r) => r[0])).toEqual([1, 2, 4]);
  });

  it('refuses a file that is no plan, a protected workbook, a broken CSV and a zip bomb, saying which', async () => {
    expect(await refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).toEqual({
      field: 'file',
      messageKey: 'error.field.fileNotAPlan',
    });
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(ole)).toEqual({ field: 'file', messageKey: 'error.field.fileProtectedOrOld' });
    expect(await refusal(utf8('Tema,Objetivo\nA,"sin cerrar\n'))).toEqual({
      field: 'file',
      messageKey: 'error.field.fileCsvBroken',
      params: { line: 2 },
    });
    // A workbook whose one sheet inflates to 300 MB of zeros, packed to a few hundred kilobytes.
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', new Uint8Array(300 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    expect(await refusal(bomb)).toEqual({ field: 'file', messageKey: 'error.field.fileUnpacksTooLarge' });
    const other = new JSZip();
    other.file('mimetype', 'application/vnd.oasis.opendocument.text');
    expect(await refusal(await other.generateAsync({ type: 'uint8array' }))).toEqual({
      field: 'file',
      messageKey: 'error.field.fileNotAPlan',
    });
  });

  it('takes text as CSV only when its name says it is text', async () => {
    expect((await readPlanFile(utf8('Tema,Objetivo\n'), 'plan.CSV')).format).toBe('csv');
    expect((await readPlanFile(utf8('Tema,Objetivo\n'), 'plan')).format).toBe('csv');
    await expect(readPlanFile(utf8('<html><script>alert(1)</script></html>'), 'informe.pdf')).rejects.toMatchObject({
      fields: [{ field: 'file', messageKey: 'error.field.fileNotAPlan' }],
    });
  });

  it('refuses a Word document without a table', async () => {
    const bytes = await wordDocumentOf([], { before: ['Sólo texto'], after: [] });
    expect(await refusal(bytes)).toEqual({ field: 'file', messageKey: 'error.field.fileNoTable' });
  });
});
