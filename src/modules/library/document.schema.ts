/** Inputs and answers of library documents, shared by the API and the pages. */
import { z } from '@hono/zod-openapi';
import {
  DOCUMENT_TYPES,
  LIBRARY_LANGUAGES,
  LIBRARY_VISIBILITIES,
  type LibraryLanguage,
  TEXT_STATUSES,
} from '../../domain/vocabulary.ts';

export const Language = z.enum(LIBRARY_LANGUAGES);

/** A text in one language, or in several keyed by language. */
export const Localized = (max: number) =>
  z.union([z.string().trim().min(1).max(max), z.partialRecord(Language, z.string().trim().min(1).max(max))]);

export const Ref = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[a-z0-9]+(-[a-z0-9]+)*$/i)
  .max(120);

/** What a document says of itself, whether it is a file or a link. */
export const DocumentFields = z.object({
  title: Localized(500).openapi({
    description: 'In the document’s first language, or by language ({"es": "…", "en": "…"})',
    example: 'Plan de Acción de la CRM',
  }),
  summary: Localized(5000).optional(),
  type: z.enum(DOCUMENT_TYPES),
  languages: z
    .array(Language)
    .min(1)
    .max(4)
    .openapi({ description: 'The languages it is written in', example: ['es'] }),
  countries: z
    .array(Ref)
    .max(60)
    .default([])
    .openapi({ description: 'Member states it covers, by ISO code or key', example: ['MX', 'gt'] }),
  actors: z.array(Ref).max(60).default([]).openapi({ description: 'Actors it concerns, by key or id' }),
  items: z.array(z.uuid()).max(200).default([]).openapi({ description: 'Programme items it serves' }),
  meetings: z.array(z.uuid()).max(50).default([]).openapi({ description: 'Meetings it belongs to' }),
  issuedOn: z.iso.date().optional().openapi({ description: 'The date it bears', example: '2006-11-29' }),
  visibility: z.enum(LIBRARY_VISIBILITIES).default('public'),
});
export type DocumentFields = z.infer<typeof DocumentFields>;

/** A file's fields: its name is the title when none is given. */
export const FileDocumentFields = DocumentFields.partial({ title: true });
export type FileDocumentFields = z.infer<typeof FileDocumentFields>;

/** A link: the fields and its address. */
export const LinkDocumentInput = DocumentFields.extend({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .openapi({ example: 'https://www.oas.org/dil/migrant_workers.htm' }),
});
export type LinkDocumentInput = z.infer<typeof LinkDocumentInput>;

/** A document's new description: a link's address may change with it. */
export const DocumentChangeInput = DocumentFields.extend({
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional()
    .openapi({ description: 'A link’s new address (a file’s document keeps its file)' }),
}).openapi('DocumentChange');
export type DocumentChangeInput = z.infer<typeof DocumentChangeInput>;

/** A title or summary as stored: by language. */
export function byLanguage(
  value: string | Partial<Record<LibraryLanguage, string>> | undefined,
  language: LibraryLanguage,
): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value === 'string') return { [language]: value };
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

export const Named = z.object({ id: z.uuid(), key: z.string(), name: z.string() });

export const DocumentSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    titles: z.record(z.string(), z.string()),
    summary: z.string().nullable(),
    type: z.enum(DOCUMENT_TYPES),
    languages: z.array(z.string()),
    issuedOn: z.string().nullable(),
    visibility: z.enum(LIBRARY_VISIBILITIES),
    url: z.string().nullable().openapi({ description: 'The link, for a document that is a link' }),
    file: z.object({ name: z.string(), contentType: z.string(), size: z.number().int(), href: z.string() }).nullable(),
    textStatus: z.enum(TEXT_STATUSES).openapi({
      description: '`pending` while the text is being extracted; `no_text` for a scan, an image or a link',
    }),
    pageCount: z.number().int(),
    countries: z.array(Named),
    actors: z.array(Named),
    items: z.array(z.object({ id: z.uuid(), code: z.string(), text: z.string(), programme: z.string() })),
    meetings: z.array(z.object({ id: z.uuid(), title: z.string(), startsOn: z.string() })),
    report: z
      .object({ id: z.uuid(), period: z.string(), actor: z.string(), href: z.string() })
      .nullable()
      .openapi({ description: 'The report it is evidence of, for those who may read the report' }),
    addedAt: z.string(),
  })
  .openapi('LibraryDocument');

export const DocumentSummarySchema = DocumentSchema.pick({
  id: true,
  title: true,
  type: true,
  languages: true,
  issuedOn: true,
  visibility: true,
  textStatus: true,
  url: true,
}).openapi('LibraryDocumentSummary');

export const DocumentListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
