/** API routes of the programme registry. */
import { createRoute, z } from '@hono/zod-openapi';
import { createApiRouter, LangQuery, problemResponses, UuidParam } from '../../http/api.ts';
import { presentItem, presentItemDetail, presentProgramme, presentProgrammeSummary } from './programme.presenter.ts';
import {
  ItemDetailSchema,
  ItemFilterSchema,
  ItemSchema,
  ProgrammeSchema,
  ProgrammeSummarySchema,
  SlugParam,
} from './programme.schema.ts';
import { findProgrammeItems, getItem, getProgramme, listProgrammes } from './programme.service.ts';

const tags = ['Programmes'];

export const programmeApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/programmes',
      tags,
      summary: 'Every programme, plan of action and work plan',
      request: { query: LangQuery },
      responses: {
        200: {
          description: 'Programmes',
          content: { 'application/json': { schema: z.array(ProgrammeSummarySchema) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const rows = await listProgrammes(c.var.deps.db);
      return c.json(
        rows.map((p) => presentProgrammeSummary(c.var.i18n, p)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/programmes/{slug}',
      tags,
      summary: 'A programme with its levels, mandates, actors and recorded sections',
      request: { params: SlugParam, query: LangQuery },
      responses: {
        200: { description: 'The programme', content: { 'application/json': { schema: ProgrammeSchema } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const programme = await getProgramme(c.var.deps.db, slug);
      const { all } = await findProgrammeItems(c.var.deps.db, slug, {});
      const counts = new Map<string, number>();
      for (const item of all) counts.set(item.levelKey, (counts.get(item.levelKey) ?? 0) + 1);
      return c.json(presentProgramme(c.var.i18n, programme, counts), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/programmes/{slug}/items',
      tags,
      summary: "A programme's items, flat, in document order",
      request: { params: SlugParam, query: ItemFilterSchema.extend(LangQuery.shape) },
      responses: {
        200: { description: 'Items', content: { 'application/json': { schema: z.array(ItemSchema) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const { matching } = await findProgrammeItems(c.var.deps.db, slug, c.req.valid('query'));
      return c.json(
        matching.map((item) => presentItem(c.var.i18n, item)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/items/{id}',
      tags,
      summary: 'An item with its actors, parent, children, status history, notes and links',
      request: { params: UuidParam, query: LangQuery },
      responses: {
        200: { description: 'The item', content: { 'application/json': { schema: ItemDetailSchema } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const detail = await getItem(c.var.deps.db, c.req.valid('param').id);
      return c.json(presentItemDetail(c.var.i18n, detail), 200);
    },
  );
