/** API of the consolidated annual report (PDF, Word, Excel, HTML, CSV), the map, progress and the matrix. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { editionFor } from '../../domain/cycle.policy.ts';
import { createApiRouter } from '../../http/api.ts';
import { download, fileResponses as file } from '../../http/content-disposition.ts';
import type { AppEnv } from '../../http/env.ts';
import { render } from '../../http/render.tsx';
import { rasterizeSvg } from '../../render/rasterize.ts';
import { isLocale, type Locale, translator } from '../../web/i18n/i18n.ts';
import { cycleProgress } from '../progress/progress.service.ts';
import { getCycle } from '../reporting/cycle.service.ts';
import { composeReport, type Edition, reportStateMap } from './compose.service.ts';
import { ConsolidatedReportPage } from './report-html.views.tsx';

const tags = ['Consolidated report'];
const Params = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const Query = z.object({
  lang: z.enum(['es', 'en']).optional(),
  edition: z
    .enum(['published', 'draft'])
    .optional()
    .openapi({ description: 'draft: the secretariat’s working edition, marking what is missing' }),
});
async function prepare(c: Context<AppEnv>) {
  const id = c.req.param('id') ?? '';
  const lang = c.req.query('lang');
  const locale: Locale = isLocale(lang) ? lang : c.var.locale;
  const requested = c.req.query('edition') as Edition | undefined;
  const { cycle } = await getCycle(c.var.deps.db, id, c.var.principal);
  const edition = editionFor(cycle.state, requested, c.var.principal);
  const report = await composeReport(c.var.deps.db, id, locale, edition, c.var.principal);
  const name = `informe-${cycle.period}-${edition === 'draft' ? 'borrador-' : ''}${locale}`;
  return { report, name };
}

export const consolidatedApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/cycles/{id}/report.docx',
      tags,
      summary: 'The consolidated annual report in Word',
      request: { params: Params, query: Query },
      responses: file('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Word document'),
    }),
    async (c) => {
      const { report, name } = await prepare(c);
      // The document libraries load on first use, not at start-up.
      const { renderReportDocx } = await import('../../render/documents/report-docx.ts');
      const docx = await renderReportDocx(report, { rasterize: rasterizeSvg });
      return download(
        c,
        docx,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        `${name}.docx`,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cycles/{id}/report.pdf',
      tags,
      summary: 'The consolidated annual report in PDF, with its contents, bookmarks and fonts',
      request: { params: Params, query: Query },
      responses: file('application/pdf', 'PDF document'),
    }),
    async (c) => {
      const { report, name } = await prepare(c);
      const { renderReportPdf } = await import('../../render/documents/report-pdf.ts');
      return download(c, await renderReportPdf(report, { rasterize: rasterizeSvg }), 'application/pdf', `${name}.pdf`);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cycles/{id}/report.xlsx',
      tags,
      summary: 'The actor × item matrix (one sheet per level) and the annex, in Excel',
      request: { params: Params, query: Query },
      responses: file('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Excel workbook'),
    }),
    async (c) => {
      const { report, name } = await prepare(c);
      const { renderReportXlsx } = await import('../../render/documents/report-xlsx.ts');
      return download(
        c,
        await renderReportXlsx(report),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        `${name}.xlsx`,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cycles/{id}/report.csv',
      tags,
      summary: 'Every report entry as CSV',
      request: { params: Params, query: Query },
      responses: file('text/csv', 'CSV'),
    }),
    async (c) => {
      const { report, name } = await prepare(c);
      const { renderReportCsv } = await import('../../render/documents/report-csv.ts');
      return download(c, renderReportCsv(report), 'text/csv; charset=utf-8', `${name}.csv`);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cycles/{id}/report.html',
      tags,
      summary: 'The consolidated annual report as a printable page',
      request: { params: Params, query: Query },
      responses: file('text/html', 'HTML'),
    }),
    async (c) => {
      const { report } = await prepare(c);
      return render(c, <ConsolidatedReportPage report={report} />);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cycles/{id}/map.svg',
      tags,
      summary: "Member states' report states on a map of the Americas (SVG)",
      request: { params: Params, query: Query },
      responses: file('image/svg+xml', 'SVG'),
    }),
    async (c) => {
      const progress = await cycleProgress(c.var.deps.db, c.req.valid('param').id, c.var.principal, 'all');
      const lang = c.req.valid('query').lang;
      const i18n = lang ? translator(lang) : c.var.i18n;
      const visible = progress.actors.map((a) => ({
        ...a,
        report:
          a.report && (progress.cycle.state === 'published' ? a.report.state === 'accepted' : true) ? a.report : null,
      }));
      return c.body(reportStateMap(i18n, visible), 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
    },
  );
