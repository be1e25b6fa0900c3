/** The comparative legal matrix as a file to download, for the API and the page alike. */
import type { Context } from 'hono';
import { download } from '../../http/content-disposition.ts';
import type { AppEnv } from '../../http/env.ts';
import { parseOr400 } from '../../http/pages.ts';
import { renderTableCsv, renderTableXlsx } from '../../render/documents/table-files.ts';
import { matrixFile } from './entry.presenter.ts';
import { MatrixQuery } from './entry.schema.ts';
import { legalMatrix } from './legislation.service.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The query of a matrix request: lists as the field repeated or values separated by commas. */
export function matrixQuery(c: Context<AppEnv>): MatrixQuery {
  const all = c.req.queries();
  const list = (name: string) => all[name]?.join(',');
  return parseOr400(MatrixQuery, { ...c.req.query(), country: list('country'), topic: list('topic') }, '');
}

export async function matrixDownload(c: Context<AppEnv>, format: 'xlsx' | 'csv') {
  const today = new Date();
  const matrix = await legalMatrix(c.var.deps.db, c.var.principal, matrixQuery(c));
  const file = matrixFile(c.var.i18n, matrix, today);
  // Dated, as the CRM's matrix "updated every six months" is.
  const name = `${c.var.i18n.t('legislation.matrix.filename')}-${today.toISOString().slice(0, 10)}`;
  if (format === 'csv')
    return download(
      c,
      renderTableCsv(file.sheets[0] as (typeof file.sheets)[0]),
      'text/csv; charset=utf-8',
      `${name}.csv`,
    );
  return download(c, await renderTableXlsx(file), XLSX, `${name}.xlsx`);
}
