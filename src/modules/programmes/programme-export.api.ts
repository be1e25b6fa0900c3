/** API: a programme's plan downloaded as an Excel workbook or a Word table, in the reader's language. */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createApiRouter, LangQuery } from '../../http/api.ts';
import { download, fileResponses as file } from '../../http/content-disposition.ts';
import type { AppEnv } from '../../http/env.ts';
import { translator } from '../../web/i18n/i18n.ts';
import { SlugParam } from './programme.schema.ts';
import { programmePlan } from './programme-export.service.ts';

const tags = ['Programmes'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function plan(c: Context<AppEnv>, slug: string, lang: 'es' | 'en' | undefined) {
  const i18n = lang ? translator(lang) : c.var.i18n;
  return { i18n, table: await programmePlan(c.var.deps.db, slug, i18n), name: `${slug}-${i18n.locale}` };
}

export const programmeExportApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/programmes/{slug}/export.xlsx',
      tags,
      summary: 'The plan as an Excel workbook: one row per item without children, its ancestors to its left',
      request: { params: SlugParam, query: LangQuery },
      responses: file(XLSX, 'Excel workbook'),
    }),
    async (c) => {
      const { i18n, table, name } = await plan(c, c.req.valid('param').slug, c.req.valid('query').lang);
      // The document libraries load on first use, not at start-up.
      const { renderPlanXlsx } = await import('../../render/documents/plan-xlsx.ts');
      return download(c, await renderPlanXlsx(table, i18n.t('export.sheet')), XLSX, `${name}.xlsx`);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/programmes/{slug}/export.docx',
      tags,
      summary: 'The plan as a Word table, ancestors merged down the rows of their items',
      request: { params: SlugParam, query: LangQuery },
      responses: file(DOCX, 'Word document'),
    }),
    async (c) => {
      const { table, name } = await plan(c, c.req.valid('param').slug, c.req.valid('query').lang);
      const { renderPlanDocx } = await import('../../render/documents/plan-docx.ts');
      return download(c, await renderPlanDocx(table), DOCX, `${name}.docx`);
    },
  );
