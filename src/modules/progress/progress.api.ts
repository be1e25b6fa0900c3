/** API of progress: a cycle's roll-ups by objective, actor, actor type and country; trends across cycles. */
import { createRoute, z } from '@hono/zod-openapi';
import { canAdminister } from '../../domain/authz.ts';
import { createApiRouter, problemResponses } from '../../http/api.ts';
import { SlugParam } from '../programmes/programme.schema.ts';
import { presentProgress } from './progress.presenter.ts';
import { ProgressSchema, TrendSchema } from './progress.schema.ts';
import { cycleProgress, programmeTrends } from './progress.service.ts';

const tags = ['Progress'];
const Params = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const progressApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/cycles/{id}/progress',
      tags,
      summary:
        "A cycle's progress: by objective (with coverage), by actor, by actor type and by country. The public counts accepted reports; the secretariat every report",
      request: { params: Params },
      responses: {
        200: { description: 'Progress', content: { 'application/json': { schema: ProgressSchema } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const scope = canAdminister(c.var.principal) ? 'all' : 'accepted';
      const p = await cycleProgress(c.var.deps.db, c.req.valid('param').id, c.var.principal, scope);
      return c.json(presentProgress(c.var.i18n, p, scope), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/programmes/{slug}/trends',
      tags,
      summary: 'Coverage and progress of each cycle of a programme, oldest first',
      request: { params: SlugParam },
      responses: {
        200: { description: 'Trends', content: { 'application/json': { schema: z.array(TrendSchema) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const scope = canAdminister(c.var.principal) ? 'all' : 'accepted';
      const { rows } = await programmeTrends(c.var.deps.db, c.req.valid('param').slug, c.var.principal, scope);
      return c.json(rows, 200);
    },
  );
