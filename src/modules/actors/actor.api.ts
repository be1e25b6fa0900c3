/** API routes of actors. */
import { createRoute, z } from '@hono/zod-openapi';
import { today } from '../../domain/zoned-time.ts';
import { createApiRouter, LangQuery, problemResponses } from '../../http/api.ts';
import { presentActor, presentActorDetail } from './actor.presenter.ts';
import { ActorDetailSchema, ActorFilterSchema, ActorIdParam, ActorSchema } from './actor.schema.ts';
import { getActor, listActors } from './actor.service.ts';

const tags = ['Actors'];

export const actorApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/actors',
      tags,
      summary: 'Actors, optionally of one type',
      request: { query: ActorFilterSchema.extend(LangQuery.shape) },
      responses: {
        200: { description: 'Actors', content: { 'application/json': { schema: z.array(ActorSchema) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const rows = await listActors(c.var.deps.db, { type: c.req.valid('query').type });
      return c.json(
        rows.map((a) => presentActor(c.var.i18n, a)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/actors/{id}',
      tags,
      summary: 'An actor with its memberships and everything assigned to it (directly or through its groups)',
      request: { params: ActorIdParam, query: LangQuery },
      responses: {
        200: { description: 'The actor', content: { 'application/json': { schema: ActorDetailSchema } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const onDate = today();
      const detail = await getActor(c.var.deps.db, c.req.valid('param').id, onDate);
      return c.json(presentActorDetail(c.var.i18n, detail, onDate), 200);
    },
  );
