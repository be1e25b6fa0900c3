/** API of best practices and legislation, with the comparative legal matrix. */
import { createRoute, z } from '@hono/zod-openapi';
import { createApiRouter, problemResponses, problemsFor } from '../../http/api.ts';
import { requirePrincipal } from '../../http/auth.ts';
import { fileResponses } from '../../http/content-disposition.ts';
import { addBestPractice, getBestPractice, listBestPractices, updateBestPractice } from './best-practice.service.ts';
import {
  presentBestPractice,
  presentBestPracticeSummary,
  presentLegislation,
  presentLegislationDetail,
} from './entry.presenter.ts';
import {
  BestPracticeInput,
  BestPracticeSchema,
  EntryListQuery,
  LegislationInput,
  LegislationSchema,
  MatrixQuery,
  TopicInput,
} from './entry.schema.ts';
import { discardEntry, type EntryKind, publishEntry } from './entry-workflow.ts';
import { matrixDownload, matrixQuery, XLSX } from './legal-matrix.download.ts';
import {
  addLegislation,
  getLegislation,
  legalMatrix,
  listLegislation,
  listTopics,
  saveTopic,
  updateLegislation,
} from './legislation.service.ts';

const tags = ['Library'];
const Params = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const ok = (description: string, schema: z.ZodType) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...problemResponses,
});
const created = {
  201: { description: 'Added', content: { 'application/json': { schema: z.object({ id: z.uuid() }) } } },
  ...problemResponses,
};
const TopicSchema = z.object({ key: z.string(), name: z.string(), names: z.record(z.string(), z.string()) });

/** Publish and discard, the same for both kinds of entry. */
function workflowRoutes(kind: EntryKind, path: string) {
  return createApiRouter()
    .openapi(
      createRoute({
        method: 'post',
        path: `${path}/{id}/publish`,
        tags,
        summary: 'Publishes a proposal, or confirms a candidate offered from a report (secretariat)',
        request: { params: Params },
        responses: { 204: { description: 'Published' }, ...problemResponses, ...problemsFor(409) },
      }),
      async (c) => {
        await publishEntry(c.var.deps.db, kind, c.req.valid('param').id, requirePrincipal(c));
        return c.body(null, 204);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: `${path}/{id}`,
        tags,
        summary: 'Discards an entry (secretariat)',
        request: { params: Params },
        responses: { 204: { description: 'Discarded' }, ...problemResponses },
      }),
      async (c) => {
        await discardEntry(c.var.deps.db, kind, c.req.valid('param').id, requirePrincipal(c));
        return c.body(null, 204);
      },
    );
}

export const bestPracticeApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/best-practices',
      tags,
      summary:
        'Best practices the caller sees (published ones; a focal point also its own proposals; the secretariat all), of a country or actor if asked',
      request: { query: EntryListQuery },
      responses: ok(
        'A page of best practices',
        z.object({
          total: z.number().int(),
          page: z.number().int(),
          bestPractices: z.array(BestPracticeSchema.partial()),
        }),
      ),
    }),
    async (c) => {
      const { page, country, actor } = c.req.valid('query');
      const { rows, total } = await listBestPractices(c.var.deps.db, c.var.principal, {
        actor: actor ?? country,
        page,
      });
      return c.json(
        { total, page, bestPractices: rows.map((r) => presentBestPracticeSummary(c.var.i18n, r.practice, r.actor)) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/best-practices',
      tags,
      summary:
        'Adds a best practice: published when the secretariat adds it, a proposal from a focal point (its own actor)',
      request: { body: json(BestPracticeInput) },
      responses: created,
    }),
    async (c) => c.json(await addBestPractice(c.var.deps.db, c.req.valid('json'), requirePrincipal(c)), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/best-practices/{id}',
      tags,
      summary: 'A best practice',
      request: { params: Params },
      responses: ok('The best practice', BestPracticeSchema),
    }),
    async (c) => {
      const detail = await getBestPractice(c.var.deps.db, c.req.valid('param').id, c.var.principal);
      return c.json(presentBestPractice(c.var.i18n, detail), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/best-practices/{id}',
      tags,
      summary: 'Changes a best practice (the secretariat; a focal point its own proposal)',
      request: { params: Params, body: json(BestPracticeInput) },
      responses: { 204: { description: 'Changed' }, ...problemResponses },
    }),
    async (c) => {
      await updateBestPractice(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'), requirePrincipal(c));
      return c.body(null, 204);
    },
  )
  .route('/', workflowRoutes('best_practice', '/best-practices'));

export const legislationApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/legislation/topics',
      tags,
      summary: 'The topics acts are compared by, in order',
      responses: ok('The topics', z.object({ topics: z.array(TopicSchema) })),
    }),
    async (c) => {
      const topics = await listTopics(c.var.deps.db);
      return c.json({ topics: topics.map((t) => ({ key: t.key, name: c.var.i18n.pick(t.name), names: t.name })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/legislation/topics',
      tags,
      summary: 'Adds a topic, or renames one by its key (secretariat)',
      request: { body: json(TopicInput) },
      responses: { 204: { description: 'Saved' }, ...problemResponses },
    }),
    async (c) => {
      await saveTopic(c.var.deps.db, c.req.valid('json'), requirePrincipal(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/legislation/matrix',
      tags,
      summary: 'The comparative legal matrix: countries × topics, each cell the acts (in force unless status=all)',
      request: { query: MatrixQuery },
      responses: ok(
        'The matrix',
        z.object({
          updatedAt: z.string().nullable(),
          topics: z.array(z.object({ key: z.string(), name: z.string() })),
          countries: z.array(
            z.object({
              country: z.object({ key: z.string(), name: z.string() }),
              cells: z.record(z.string(), z.array(z.any())),
            }),
          ),
        }),
      ),
    }),
    async (c) => {
      const i18n = c.var.i18n;
      const matrix = await legalMatrix(c.var.deps.db, c.var.principal, matrixQuery(c));
      return c.json(
        {
          updatedAt: matrix.updatedAt?.toISOString() ?? null,
          topics: matrix.topics.map((t) => ({ key: t.key, name: i18n.pick(t.name) })),
          countries: matrix.countries.map((line) => ({
            country: { key: line.country.key, name: i18n.pick(line.country.name) },
            cells: Object.fromEntries(
              Object.entries(line.cells).map(([key, acts]) => [
                key,
                acts.map((a) => ({
                  id: a.id,
                  title: i18n.pick(a.title),
                  kind: a.kind,
                  number: a.number,
                  adoptedOn: a.adoptedOn,
                  status: a.status,
                })),
              ]),
            ),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/legislation/matrix.xlsx',
      tags,
      summary: 'The comparative legal matrix in Excel, dated, with a sheet of the acts',
      request: { query: MatrixQuery },
      responses: fileResponses(XLSX, 'Excel workbook'),
    }),
    async (c) => matrixDownload(c, 'xlsx'),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/legislation/matrix.csv',
      tags,
      summary: 'The comparative legal matrix as CSV: a row per country, a column per topic',
      request: { query: MatrixQuery },
      responses: fileResponses('text/csv', 'CSV'),
    }),
    async (c) => matrixDownload(c, 'csv'),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/legislation',
      tags,
      summary: 'Acts the caller sees, of a country (ISO code or key) or on a topic if asked',
      request: { query: EntryListQuery },
      responses: ok(
        'A page of acts',
        z.object({ total: z.number().int(), page: z.number().int(), legislation: z.array(LegislationSchema) }),
      ),
    }),
    async (c) => {
      const { page, country, topic } = c.req.valid('query');
      const [{ rows, total }, topics] = await Promise.all([
        listLegislation(c.var.deps.db, c.var.principal, { country, topic, page }),
        listTopics(c.var.deps.db),
      ]);
      return c.json(
        { total, page, legislation: rows.map((r) => presentLegislation(c.var.i18n, r.act, r.country, topics)) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/legislation',
      tags,
      summary: 'Adds an act: published when the secretariat adds it, a proposal from a focal point (its own state)',
      request: { body: json(LegislationInput) },
      responses: created,
    }),
    async (c) => c.json(await addLegislation(c.var.deps.db, c.req.valid('json'), requirePrincipal(c)), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/legislation/{id}',
      tags,
      summary: 'An act',
      request: { params: Params },
      responses: ok('The act', LegislationSchema),
    }),
    async (c) => {
      const detail = await getLegislation(c.var.deps.db, c.req.valid('param').id, c.var.principal);
      return c.json(presentLegislationDetail(c.var.i18n, detail), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/legislation/{id}',
      tags,
      summary:
        'Changes an act: amended or repealed (by which act), its topics… (the secretariat; a focal point its proposal)',
      request: { params: Params, body: json(LegislationInput) },
      responses: { 204: { description: 'Changed' }, ...problemResponses },
    }),
    async (c) => {
      await updateLegislation(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'), requirePrincipal(c));
      return c.body(null, 204);
    },
  )
  .route('/', workflowRoutes('legislation', '/legislation'));
