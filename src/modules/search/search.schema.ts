/** The search's query and answer, shared by the API and the search page. */
import { z } from '@hono/zod-openapi';
import { DOCUMENT_TYPES, LIBRARY_LANGUAGES } from '../../domain/vocabulary.ts';
import { RECORD_KINDS } from './search-records.ts';

/** What a search narrows to: a document type or a kind of record (`legislation` and `best_practice` are both). */
export const SEARCH_TYPES = [...new Set([...DOCUMENT_TYPES, ...RECORD_KINDS])] as [string, ...string[]];

export const SearchParams = z.object({
  q: z.string().trim().min(1).max(200).openapi({
    description: 'Words; "a phrase" in quotes, -word to leave out, or between alternatives',
    example: 'protección consular',
  }),
  type: z.enum(SEARCH_TYPES).optional().openapi({
    description:
      'A document type, or a kind of record: `item` (programme items), `best_practice`, `legislation`, `meeting`, `agreement`, `report_entry` (published reports)',
  }),
  country: z
    .string()
    .trim()
    .regex(/^[a-z]{2}$/i)
    .optional()
    .openapi({ description: 'A member state, by ISO code or key', example: 'MX' }),
  lang: z.enum(LIBRARY_LANGUAGES).optional().openapi({ description: 'Records written in this language' }),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
});
export type SearchParams = z.infer<typeof SearchParams>;

const Facet = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const SearchResultSchema = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    results: z.array(
      z.object({
        type: z.enum(['document', ...RECORD_KINDS]),
        id: z.uuid(),
        title: z.string(),
        documentType: z.string().nullable(),
        snippet: z.string().openapi({ description: 'HTML: the text around the words found, each in <mark>' }),
        url: z.string(),
      }),
    ),
    facets: z.object({ type: Facet, country: Facet, language: Facet, year: Facet }),
  })
  .openapi('SearchResult');
