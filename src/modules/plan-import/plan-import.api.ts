/**
 * API of programme creation and plan import (secretariat): create a
 * programme, upload a plan's file, correct the mapping, commit.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { today } from '../../domain/zoned-time.ts';
import { createApiRouter, ProblemSchema, problemResponses, problemsFor, UuidParam } from '../../http/api.ts';
import { requirePrincipal } from '../../http/auth.ts';
import { writeUnseenByVisitors } from '../../http/page-cache.ts';
import { parseOr400 } from '../../http/pages.ts';
import { editorsOnly } from '../programmes/editors-only.ts';
import { SlugParam } from '../programmes/programme.schema.ts';
import { CreatedProgrammeSchema, CreateProgrammeInput } from '../programmes/programme-creation.schema.ts';
import { createProgramme } from '../programmes/programme-creation.service.ts';
import { presentFinding, presentImport } from './plan-import.presenter.ts';
import { ImportProblemsSchema, ImportSchema, MappingInput } from './plan-import.schema.ts';
import { commitImport, getImport, mapImport, startImport } from './plan-import.service.ts';
import { receivePlanFile } from './plan-upload.ts';

const tags = ['Programme editing'];
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const importBody = (description: string) => ({
  description,
  content: { 'application/json': { schema: ImportSchema } },
});

const UploadFields = z.object({
  sheet: z.string().trim().min(1).max(200).optional(),
  table: z.coerce.number().int().min(1).max(1000).optional(),
});

export const planImportApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/programmes',
      tags,
      summary: 'Creates a programme with its levels (secretariat)',
      middleware: [editorsOnly] as const,
      request: { body: json(CreateProgrammeInput) },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: CreatedProgrammeSchema } } },
        ...problemResponses,
        ...problemsFor(409),
      },
    }),
    async (c) => {
      const slug = await createProgramme(c.var.deps.db, c.req.valid('json'), requirePrincipal(c));
      return c.json({ slug }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/programmes/{slug}/imports',
      tags,
      summary:
        'Reads a plan from an Excel (.xlsx), CSV or Word (.docx) file into a new import, with a guess of its columns and the preview (secretariat)',
      middleware: [editorsOnly] as const,
      request: {
        params: SlugParam,
        body: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object' as const,
                required: ['file'],
                properties: {
                  file: { type: 'string' as const, format: 'binary' },
                  sheet: { type: 'string' as const, description: 'The sheet of a workbook, by name' },
                  table: { type: 'integer' as const, description: 'The table of a Word document, from 1' },
                },
              },
            },
          },
          required: true,
        },
      },
      responses: {
        201: importBody('The import, its columns and its preview'),
        ...problemResponses,
        413: {
          description: 'The file is over 10 MB',
          content: { 'application/problem+json': { schema: ProblemSchema } },
        },
        429: {
          description: 'The caller already has 2 uploads in progress',
          content: { 'application/problem+json': { schema: ProblemSchema } },
        },
        ...problemsFor(409),
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      // Nothing visible changes until the import is committed.
      writeUnseenByVisitors(c);
      const { slug } = c.req.valid('param');
      const state = await receivePlanFile(c, p.userId, ({ fileName, bytes, fields }) => {
        const options = parseOr400(UploadFields, fields, '');
        return startImport(c.var.deps.db, slug, { fileName, bytes, ...options }, p);
      });
      return c.json(presentImport(c.var.i18n, state), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/imports/{id}',
      tags,
      summary: 'An import: its columns, mapping and preview (secretariat)',
      middleware: [editorsOnly] as const,
      request: { params: UuidParam },
      responses: { 200: importBody('The import'), ...problemResponses },
    }),
    async (c) => c.json(presentImport(c.var.i18n, await getImport(c.var.deps.db, c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/imports/{id}/mapping',
      tags,
      summary: 'Sets the header row, what each column holds and the actors matched by hand; answers the new preview',
      middleware: [editorsOnly] as const,
      request: { params: UuidParam, body: json(MappingInput) },
      responses: { 200: importBody('The import with its new preview'), ...problemResponses, ...problemsFor(409) },
    }),
    async (c) => {
      writeUnseenByVisitors(c);
      const state = await mapImport(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'));
      return c.json(presentImport(c.var.i18n, state), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/imports/{id}/commit',
      tags,
      summary: 'Writes the previewed tree into the programme, all or nothing; refused while problems are left',
      middleware: [editorsOnly] as const,
      request: { params: UuidParam },
      responses: {
        200: {
          description: 'Written: how many items',
          content: { 'application/json': { schema: z.object({ items: z.number().int() }) } },
        },
        ...problemResponses,
        ...problemsFor(409),
        422: {
          description: 'The preview has problems: nothing was written; `problems` lists them with their cells',
          content: { 'application/problem+json': { schema: ImportProblemsSchema } },
        },
      },
    }),
    async (c) => {
      const result = await commitImport(c.var.deps.db, c.req.valid('param').id, requirePrincipal(c), today());
      if (result.committed) return c.json({ items: result.items }, 200);
      const { state } = result;
      const levelNames = new Map(state.levels.map((l) => [l.key, c.var.i18n.pick(l.name, l.key)]));
      const body = {
        type: 'about:blank',
        title: c.var.i18n.t('error.importProblems', { count: state.tree.problems.length }),
        status: 422,
        code: 'import_problems',
        instance: c.req.path,
        problems: state.tree.problems.map((f) => presentFinding(c.var.i18n, f, levelNames)),
      };
      return c.json(body, 422, { 'content-type': 'application/problem+json; charset=utf-8' });
    },
  );
