/** The search as an API: the same records, ranks, facets and visibility as the search page. */
import { createRoute } from '@hono/zod-openapi';
import { createApiRouter, problemResponses } from '../../http/api.ts';
import { presentSearch } from './search.presenter.ts';
import { SearchParams, SearchResultSchema } from './search.schema.ts';
import { search } from './search.service.ts';

export const searchApi = createApiRouter().openapi(
  createRoute({
    method: 'get',
    path: '/search',
    tags: ['Search'],
    summary:
      'Searches documents and programme items in Spanish, English, Portuguese and French (stemmed, accents and case ignored), ranked, with snippets and facets; only what the caller may see',
    request: { query: SearchParams },
    responses: {
      200: { description: 'A page of results', content: { 'application/json': { schema: SearchResultSchema } } },
      ...problemResponses,
    },
  }),
  async (c) => {
    const params = c.req.valid('query');
    const result = await search(c.var.deps.db, c.var.principal, params);
    return c.json(presentSearch(c.var.i18n, result, params.page, params.q), 200);
  },
);
