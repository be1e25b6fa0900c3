/** API of editions: derive the next edition of a programme (secretariat); what changed between two editions. */
import { createRoute } from '@hono/zod-openapi';
import { createApiRouter, problemResponses, problemsFor } from '../../http/api.ts';
import { requirePrincipal } from '../../http/auth.ts';
import { editorsOnly } from './editors-only.ts';
import { SlugParam } from './programme.schema.ts';
import { CreatedProgrammeSchema } from './programme-creation.schema.ts';
import { DiffQuery, EditionDiffSchema, EditionInput } from './programme-editions.schema.ts';
import { compareEditions, deriveEdition } from './programme-editions.service.ts';

const tags = ['Programmes'];

export const programmeEditionsApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/programmes/{slug}/editions',
      tags: ['Programme editing'],
      summary:
        'Derives the next edition of a programme, a draft copy of its levels and items with their actors, alignments and status (secretariat)',
      middleware: [editorsOnly] as const,
      request: {
        params: SlugParam,
        body: { content: { 'application/json': { schema: EditionInput } }, required: true },
      },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: CreatedProgrammeSchema } } },
        ...problemResponses,
        ...problemsFor(409),
      },
    }),
    async (c) => {
      const principal = requirePrincipal(c);
      const slug = await deriveEdition(c.var.deps.db, c.req.valid('param').slug, c.req.valid('json'), principal);
      return c.json({ slug }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/programmes/{slug}/diff',
      tags,
      summary: 'What changed from another edition to this one, item by item: added, removed, reworded, moved',
      request: { params: SlugParam, query: DiffQuery },
      responses: {
        200: { description: 'The difference', content: { 'application/json': { schema: EditionDiffSchema } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const { programme, against, diff } = await compareEditions(c.var.deps.db, slug, c.req.valid('query').against);
      return c.json({ programme: programme.slug, against: against.slug, ...diff }, 200);
    },
  );
