/** API of the library's documents. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../errors.ts';
import { createApiRouter, ProblemSchema, problemResponses, readJsonBody } from '../../http/api.ts';
import { requirePrincipal } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { isMultipart } from '../../http/multipart.ts';
import { fieldErrorsFromZod } from '../../http/problem.ts';
import { evidenceHeaders } from '../reporting/evidence.service.ts';
import { presentDocument, presentDocumentSummary } from './document.presenter.ts';
import {
  DocumentChangeInput,
  DocumentListQuery,
  DocumentSchema,
  DocumentSummarySchema,
  LinkDocumentInput,
} from './document.schema.ts';
import { addDocument, getDocument, getDocumentFile, listDocuments } from './document.service.ts';
import { deleteDocument, updateDocument } from './document-edit.service.ts';
import { uploadDocument } from './document-upload.ts';

const tags = ['Library'];
const Params = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const list = { type: 'string' as const, description: 'Values separated by commas, or the field repeated' };

const documentBody = {
  content: {
    // A plain schema, not zod: the form streams through the route, never parsed whole beforehand.
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        required: ['file', 'type', 'languages'],
        properties: {
          file: { type: 'string' as const, format: 'binary' },
          title: { type: 'string' as const, maxLength: 500, description: 'The file’s name when left out' },
          summary: { type: 'string' as const, maxLength: 5000 },
          type: { type: 'string' as const },
          languages: list,
          countries: list,
          actors: list,
          items: list,
          meetings: list,
          issuedOn: { type: 'string' as const, format: 'date' },
          visibility: { type: 'string' as const, enum: ['public', 'members', 'secretariat'] },
        },
      },
    },
    'application/json': { schema: LinkDocumentInput },
  },
  required: false,
};

async function addFromRequest(c: Context<AppEnv>) {
  const p = requirePrincipal(c);
  const type = c.req.header('content-type') ?? '';
  if (isMultipart(type)) return uploadDocument(c, p);
  if (/^application\/x-www-form-urlencoded/i.test(type))
    throw new HTTPException(415, { message: 'Unsupported Media Type' });
  const parsed = LinkDocumentInput.safeParse(await readJsonBody(c));
  if (!parsed.success)
    throw new AppError('invalid_input', 400, 'error.invalidInput', { fields: fieldErrorsFromZod(parsed.error, '') });
  return addDocument(c.var.deps.db, parsed.data, p);
}

export const libraryApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/documents',
      tags,
      summary:
        'Adds a document to the library: a file (multipart, ≤ 10 MB, PDF/Office/ODF/PNG/JPEG/CSV/TXT; its text is extracted in the background) or a link (JSON). The secretariat adds any; a focal point, documents about its own actor',
      request: { body: documentBody },
      responses: {
        201: { description: 'Added', content: { 'application/json': { schema: z.object({ id: z.uuid() }) } } },
        ...problemResponses,
        413: {
          description: 'The file is over 10 MB',
          content: { 'application/problem+json': { schema: ProblemSchema } },
        },
      },
    }),
    async (c) => c.json(await addFromRequest(c), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/documents',
      tags,
      summary: 'The documents the caller may see, latest first, 50 a page',
      request: { query: DocumentListQuery },
      responses: {
        200: {
          description: 'A page of documents',
          content: {
            'application/json': {
              schema: z.object({
                total: z.number().int(),
                page: z.number().int(),
                documents: z.array(DocumentSummarySchema),
              }),
            },
          },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { page } = c.req.valid('query');
      const { rows, total } = await listDocuments(c.var.deps.db, c.var.principal, page);
      return c.json({ total, page, documents: rows.map((d) => presentDocumentSummary(c.var.i18n, d)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/documents/{id}',
      tags,
      summary: 'A document, with whether its text is extracted (`textStatus`)',
      request: { params: Params },
      responses: {
        200: { description: 'The document', content: { 'application/json': { schema: DocumentSchema } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const detail = await getDocument(c.var.deps.db, c.req.valid('param').id, c.var.principal);
      return c.json(presentDocument(c.var.i18n, detail), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/documents/{id}',
      tags,
      summary:
        'Changes a document’s description (and a link’s address; a file stays): the secretariat any, a focal point its own actor’s, to what it could add',
      request: { params: Params, body: { content: { 'application/json': { schema: DocumentChangeInput } } } },
      responses: { 204: { description: 'Changed' }, ...problemResponses },
    }),
    async (c) => {
      await updateDocument(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'), requirePrincipal(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/documents/{id}',
      tags,
      summary:
        'Takes a document and its file out of the library (not a meeting’s document, removed from its meeting, nor an accepted report’s evidence)',
      request: { params: Params },
      responses: {
        204: { description: 'Removed' },
        ...problemResponses,
        409: {
          description: 'A meeting’s document (removed from its meeting) or an accepted report’s evidence',
          content: { 'application/problem+json': { schema: ProblemSchema } },
        },
      },
    }),
    async (c) => {
      await deleteDocument(c.var.deps.db, c.req.valid('param').id, requirePrincipal(c));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/documents/{id}/file',
      tags,
      summary: 'Downloads a document’s file',
      request: { params: Params },
      responses: {
        200: {
          description: 'The file, in the type it was checked to be',
          content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const file = await getDocumentFile(c.var.deps.db, c.req.valid('param').id, c.var.principal);
      return c.body(new Uint8Array(file.bytes), 200, evidenceHeaders(file));
    },
  );
