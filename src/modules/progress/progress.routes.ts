/** API of progress: a cycle's roll-ups by objective, actor, actor type and country; trends across cycles. */
import { createRoute, z } from '@hono/zod-openapi';
import { canAdminister } from '../../domain/authz.ts';
import { createApiRouter, problemResponses } from '../../http/api.ts';
import { SlugParam } from '../programmes/programme.schema.ts';
import { cycleProgress, programmeTrends } from './progress.service.ts';

const tags = ['Progress'];
const Params = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const Anything = z.record(z.string(), z.unknown());

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
        200: { description: 'Progress', content: { 'application/json': { schema: Anything } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const scope = canAdminister(c.var.principal) ? 'all' : 'accepted';
      const p = await cycleProgress(c.var.deps.db, c.req.valid('param').id, c.var.principal, scope);
      return c.json(
        {
          cycle: { id: p.cycle.id, period: p.cycle.period, state: p.cycle.state },
          scope,
          totals: p.totals,
          objectives: p.objectives.map((o) => ({
            code: o.code,
            level: o.level,
            activities: o.activities,
            counts: o.counts,
            covered: o.covered,
            assigned: o.assigned,
            progress: o.progress,
          })),
          byActor: p.actors.map((a) => ({
            actor: { key: a.key, type: a.type, iso: a.iso, name: c.var.i18n.pick(a.name) },
            report: a.report ? { id: a.report.id, state: a.report.state, late: a.report.late } : null,
            entries: a.progress?.entries ?? 0,
            covered: a.progress?.covered ?? 0,
            counts: a.progress?.counts ?? null,
          })),
          byType: Object.fromEntries(
            [...p.byType].map(([type, row]) => [
              type,
              { entries: row.entries, covered: row.covered, counts: row.counts },
            ]),
          ),
        },
        200,
      );
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
        200: { description: 'Trends', content: { 'application/json': { schema: z.array(Anything) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const scope = canAdminister(c.var.principal) ? 'all' : 'accepted';
      const { rows } = await programmeTrends(c.var.deps.db, c.req.valid('param').slug, c.var.principal, scope);
      return c.json(rows, 200);
    },
  );
