/** API schemas of editions: deriving a new one, and the difference between two. */
import { z } from '@hono/zod-openapi';
import { Slug } from './programme-creation.schema.ts';

export const EditionInput = z
  .object({
    slug: Slug,
    edition: z.string().trim().min(1).max(60).openapi({ example: '2016 (adoptado)' }),
    copyItems: z.boolean().default(true).openapi({
      description:
        'false: the new edition starts without items, for its plan to be imported; the items of the import take the actors, alignments and status of the previous edition’s items of the same code',
    }),
  })
  .strict()
  .openapi('EditionInput');

export const DiffQuery = z.object({
  against: Slug.openapi({ description: 'The other edition (usually the previous one)' }),
  lang: z.enum(['es', 'en']).optional(),
});

const DiffItemSchema = z.object({
  code: z.string(),
  level: z.string(),
  text: z.string(),
  parent: z.string().nullable(),
});

export const EditionDiffSchema = z
  .object({
    programme: z.string(),
    against: z.string(),
    added: z.array(DiffItemSchema),
    removed: z.array(DiffItemSchema),
    changed: z.array(z.object({ code: z.string(), level: z.string(), before: z.string(), after: z.string() })),
    moved: z.array(
      z.object({
        code: z.string(),
        level: z.string(),
        text: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
      }),
    ),
  })
  .openapi('EditionDiff');
