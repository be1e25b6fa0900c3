/** API routes of reporting cycles and reports. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { canAdminister } from '../../domain/authz.ts';
import { AppError } from '../../errors.ts';
import { createApiRouter, ProblemSchema, problemResponses, problemsFor, readJsonBody } from '../../http/api.ts';
import { allowOnly, authorize, baseUrl, requirePrincipal } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { isMultipart } from '../../http/multipart.ts';
import { writeUnseenByVisitors } from '../../http/page-cache.ts';
import { fieldErrorsFromZod, problemBody } from '../../http/problem.ts';
import { changeAddressee } from './addressees.ts';
import {
  changeCycleState,
  createCycle,
  getCycle,
  listCycles,
  openCycle,
  orderChapters,
  undoCycleStep,
  updateCycleTexts,
} from './cycle.service.ts';
import { addLinkEvidence, evidenceHeaders, getEvidenceFile, removeEvidence } from './evidence.service.ts';
import { uploadEvidence } from './evidence-upload.ts';
import { remindedActor, remindNow } from './reminder.service.ts';
import { getReport, listCycleReports, transitionReport } from './report.service.ts';
import { addReportComment, listReportComments } from './report-comments.service.ts';
import { ReportConflictError, saveReport } from './report-save.ts';
import { presentComment, presentCycle, presentReport, presentReportSummary } from './reporting.presenter.ts';
import {
  AddresseeInput,
  ChapterOrderInput,
  CommentInput,
  CommentSchema,
  CreateCycleInput,
  CycleIdParam,
  CycleSchema,
  LinkEvidenceInput,
  RemindInput,
  ReportContentSchema,
  ReportPatch,
  ReportSchema,
  ReportSummarySchema,
  ReturnInput,
  StatusDecisionInput,
  StatusProposalSchema,
  StepBackInput,
  UpdateCycleInput,
  VersionConflictSchema,
} from './reporting.schema.ts';
import { decideStatusProposals, listStatusProposals } from './status-proposals.service.ts';

const tags = ['Reporting'];

const stepBackRoute = (action: 'reopen' | 'unpublish') =>
  createRoute({
    method: 'post',
    path: `/cycles/{id}/${action}`,
    tags,
    summary:
      action === 'reopen'
        ? 'Reopens a closed cycle: its reports can be edited and submitted again until it closes (secretariat; the reason goes to the audit log)'
        : 'Unpublishes a published cycle: it is closed again and leaves the public pages (secretariat; the reason goes to the audit log)',
    middleware: [allowOnly(canAdminister)] as const,
    request: {
      params: CycleIdParam,
      body: { content: { 'application/json': { schema: StepBackInput } }, required: true },
    },
    responses: done(action === 'reopen' ? 'Reopened' : 'Unpublished'),
  });
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const ok = (description: string, schema: z.ZodType) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...problemResponses,
});
/** A change the cycle's or report's state does not allow is a 409. */
const inState = (description: string, schema: z.ZodType) => ({ ...ok(description, schema), ...problemsFor(409) });
const done = (description: string) => ({ 204: { description }, ...problemResponses, ...problemsFor(409) });

/** `If-Match: 3` or `If-Match: "3"`: the version a save is based on. */
function baseVersion(c: Context<AppEnv>): number {
  const header = c.req.header('if-match');
  if (header === undefined)
    throw new AppError('precondition_required', 428, 'error.ifMatchRequired', {
      fields: [{ field: 'If-Match', messageKey: 'error.field.required' }],
    });
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match?.[1])
    throw new AppError('invalid_input', 400, 'error.invalidInput', {
      fields: [{ field: 'If-Match', messageKey: 'error.field.invalid' }],
    });
  return Number(match[1]);
}

type Step = 'submit' | 'withdraw' | 'approve' | 'accept';
const STEP_SUMMARIES: Record<Step, string> = {
  submit: 'Report workflow: submit',
  withdraw: 'Report workflow: withdraw a submission not yet approved (focal point); the report is a draft again',
  approve: 'Report workflow: approve',
  accept: 'Report workflow: accept',
};

const actionRoute = (action: Step) =>
  createRoute({
    method: 'post',
    path: `/reports/{id}/${action}`,
    tags,
    summary: STEP_SUMMARIES[action],
    request: { params: CycleIdParam },
    responses: inState('The report after the change', ReportSchema),
  });

export const reportingApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/cycles',
      tags,
      summary: 'Reporting cycles (anonymous callers: published ones only)',
      responses: ok('Cycles', z.array(CycleSchema)),
    }),
    async (c) => {
      const rows = await listCycles(c.var.deps.db, c.var.principal);
      return c.json(
        rows.map((r) => presentCycle(c.var.i18n, r.cycle, r.programme)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/cycles',
      tags,
      summary: 'Creates a cycle (secretariat)',
      request: { body: json(CreateCycleInput) },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: z.object({ id: z.uuid() }) } } },
        ...problemResponses,
        ...problemsFor(409),
      },
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      return c.json(await createCycle(c.var.deps.db, c.req.valid('json'), by), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cycles/{id}',
      tags,
      summary: 'A cycle',
      request: { params: CycleIdParam },
      responses: ok('The cycle', CycleSchema),
    }),
    async (c) => {
      const { cycle, programme } = await getCycle(c.var.deps.db, c.req.valid('param').id, c.var.principal);
      return c.json(presentCycle(c.var.i18n, cycle, programme), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/cycles/{id}',
      tags,
      summary: "Edits the cycle's title, introduction, background and conclusion (secretariat)",
      request: { params: CycleIdParam, body: json(UpdateCycleInput) },
      responses: done('Saved'),
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      await updateCycleTexts(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'), by);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/cycles/{id}/order',
      tags,
      summary:
        'Sets the order of the chapters (every addressed actor, once) and the groups they are printed under (secretariat)',
      request: { params: CycleIdParam, body: json(ChapterOrderInput) },
      responses: done('Saved'),
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      const { actorIds, groups } = c.req.valid('json');
      await orderChapters(c.var.deps.db, c.req.valid('param').id, actorIds, by, groups);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/cycles/{id}/open',
      tags,
      summary: 'Opens a cycle: one report per addressed actor (secretariat)',
      request: { params: CycleIdParam },
      responses: inState('Opened: how many reports were made', z.object({ reports: z.number().int() })),
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      return c.json(await openCycle(c.var.deps.db, c.req.valid('param').id, by), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/cycles/{id}/close',
      tags,
      summary: 'Closes (locks) a cycle (secretariat)',
      request: { params: CycleIdParam },
      responses: done('Closed'),
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      await changeCycleState(c.var.deps.db, c.req.valid('param').id, 'closed', by);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/cycles/{id}/publish',
      tags,
      summary: 'Publishes a closed cycle (secretariat)',
      request: { params: CycleIdParam },
      responses: done('Published'),
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      await changeCycleState(c.var.deps.db, c.req.valid('param').id, 'published', by);
      return c.body(null, 204);
    },
  )
  .openapi(stepBackRoute('reopen'), async (c) => {
    const by = requirePrincipal(c);
    await undoCycleStep(c.var.deps.db, c.req.valid('param').id, 'reopen', c.req.valid('json').reason, by);
    return c.body(null, 204);
  })
  .openapi(
    createRoute({
      method: 'post',
      path: '/cycles/{id}/reminders',
      tags,
      summary:
        "Reminds now, by e-mail, the focal points of one actor's report or of every report of the open cycle not yet submitted (secretariat; at most once a day per report and person)",
      middleware: [allowOnly(canAdminister)] as const,
      request: { params: CycleIdParam, body: json(RemindInput) },
      responses: inState('How many messages were written', z.object({ written: z.number().int() })),
    }),
    async (c) => {
      const by = requirePrincipal(c);
      const { actor } = c.req.valid('json');
      const actorId = actor ? await remindedActor(c.var.deps.db, actor) : null;
      const written = await remindNow(c.var.deps.db, c.req.valid('param').id, actorId, by, baseUrl(c));
      return c.json({ written }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/cycles/{id}/addressees',
      tags,
      summary: 'Adds an actor to those a cycle addresses, before it opens (secretariat)',
      middleware: [allowOnly(canAdminister)] as const,
      request: { params: CycleIdParam, body: json(AddresseeInput) },
      responses: done('Added'),
    }),
    async (c) => {
      const by = requirePrincipal(c);
      await changeAddressee(c.var.deps.db, c.req.valid('param').id, { add: c.req.valid('json').actor }, by);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/cycles/{id}/addressees/{actor}',
      tags,
      summary: 'Removes an actor from those a cycle addresses, before it opens (secretariat)',
      middleware: [allowOnly(canAdminister)] as const,
      request: {
        params: CycleIdParam.extend({
          actor: z
            .string()
            .min(1)
            .max(200)
            .openapi({ param: { name: 'actor', in: 'path' } }),
        }),
      },
      responses: done('Removed'),
    }),
    async (c) => {
      const by = requirePrincipal(c);
      const { id, actor } = c.req.valid('param');
      await changeAddressee(c.var.deps.db, id, { remove: actor }, by);
      return c.body(null, 204);
    },
  )
  .openapi(stepBackRoute('unpublish'), async (c) => {
    const by = requirePrincipal(c);
    await undoCycleStep(c.var.deps.db, c.req.valid('param').id, 'unpublish', c.req.valid('json').reason, by);
    return c.body(null, 204);
  })
  .openapi(
    createRoute({
      method: 'get',
      path: '/cycles/{id}/reports',
      tags,
      summary: "A cycle's reports that the caller may read",
      request: { params: CycleIdParam },
      responses: ok('Reports', z.array(ReportSummarySchema)),
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await getCycle(c.var.deps.db, id, c.var.principal);
      const rows = await listCycleReports(c.var.deps.db, id, c.var.principal);
      return c.json(
        rows.map((r) => presentReportSummary(c.var.i18n, r)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}',
      tags,
      summary: 'A report with its version, state, entries and sections',
      request: { params: CycleIdParam },
      responses: ok('The report', ReportSchema),
    }),
    async (c) => {
      const report = await getReport(c.var.deps.db, c.req.valid('param').id, c.var.principal);
      c.header('ETag', `"${report.report.version}"`);
      return c.json(presentReport(c.var.i18n, report), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/reports/{id}',
      tags,
      summary:
        'Saves a draft; `If-Match: <version>` is required. Changes based on an older version are merged field by field with what was saved since; a field both changed gets 409 with both versions and the fields in conflict',
      request: {
        params: CycleIdParam,
        body: json(ReportPatch),
        headers: z.object({ 'if-match': z.string().optional() }),
      },
      responses: {
        ...ok(
          'Saved: the new version and the content it holds (with what others saved since your version)',
          z.object({ version: z.number().int(), content: ReportContentSchema }),
        ),
        409: {
          description:
            'Based on an old version (`current` and `yours`), or the report can no longer be edited (a plain problem)',
          content: { 'application/problem+json': { schema: z.union([VersionConflictSchema, ProblemSchema]) } },
        },
        ...problemsFor(428),
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      // Only a draft can be saved, and visitors see no draft: their cached pages stay.
      writeUnseenByVisitors(c);
      const { id } = c.req.valid('param');
      try {
        const saved = await saveReport(c.var.deps.db, id, baseVersion(c), c.req.valid('json'), p);
        c.header('ETag', `"${saved.version}"`);
        return c.json({ version: saved.version, content: saved.content }, 200);
      } catch (err) {
        if (!(err instanceof ReportConflictError)) throw err;
        const body = {
          ...problemBody(err, c.var.i18n, c.req.path),
          current: err.conflict.current,
          yours: err.conflict.yours,
          conflicts: err.conflict.conflicts,
        };
        return c.json(body, 409, { 'content-type': 'application/problem+json; charset=utf-8' });
      }
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/status-proposals',
      tags,
      summary:
        "An accepted report's status assessments that differ from its items' status, waiting for the secretariat to apply or dismiss them",
      middleware: [allowOnly(canAdminister)] as const,
      request: { params: CycleIdParam },
      responses: ok('Pending proposals', z.array(StatusProposalSchema)),
    }),
    async (c) => {
      const proposals = await listStatusProposals(c.var.deps.db, c.req.valid('param').id, c.var.principal);
      return c.json(
        proposals.map((p) => ({
          entryId: p.entryId,
          item: { id: p.itemId as string, code: p.code, text: p.text ?? '' },
          current: p.itemStatus,
          proposed: p.assessment as NonNullable<typeof p.assessment>,
        })),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/status-proposals',
      tags,
      summary:
        "Applies the proposals to their items (recorded in each item's history with the report as source) or dismisses them (secretariat)",
      middleware: [allowOnly(canAdminister)] as const,
      request: { params: CycleIdParam, body: json(StatusDecisionInput) },
      responses: inState('How many proposals were decided', z.object({ decided: z.number().int() })),
    }),
    async (c) => {
      const by = requirePrincipal(c);
      const decided = await decideStatusProposals(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'), by);
      return c.json({ decided }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/reports/{id}/comments',
      tags,
      summary:
        "The comments on a report's activities, oldest first (the secretariat and the actor's focal points and validators)",
      request: { params: CycleIdParam },
      responses: ok('Comments', z.array(CommentSchema)),
    }),
    async (c) => {
      const comments = await listReportComments(c.var.deps.db, c.req.valid('param').id, c.var.principal);
      return c.json(comments.map(presentComment), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/comments',
      tags,
      summary:
        'Comments on one activity: a validator or the secretariat asks, a focal point answers; e-mailed to the others in the thread (and to the focal points when a reviewer writes). Open while the cycle is open and until the report is accepted',
      request: { params: CycleIdParam, body: json(CommentInput) },
      responses: {
        201: { description: 'Added', content: { 'application/json': { schema: z.object({ id: z.uuid() }) } } },
        ...problemResponses,
        ...problemsFor(409),
      },
    }),
    async (c) => {
      const by = requirePrincipal(c);
      writeUnseenByVisitors(c);
      const added = await addReportComment(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'), by);
      return c.json(added, 201);
    },
  )
  .openapi(actionRoute('submit'), async (c) => transition(c, 'submit'))
  .openapi(actionRoute('withdraw'), async (c) => transition(c, 'withdraw'))
  .openapi(actionRoute('approve'), async (c) => transition(c, 'approve'))
  .openapi(actionRoute('accept'), async (c) => transition(c, 'accept'))
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/return',
      tags,
      summary: 'Returns a report with comments',
      request: { params: CycleIdParam, body: json(ReturnInput) },
      responses: inState('The report after the change', ReportSchema),
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const { id } = c.req.valid('param');
      await transitionReport(c.var.deps.db, id, 'return', p, c.req.valid('json').comment);
      return c.json(presentReport(c.var.i18n, await getReport(c.var.deps.db, id, p)), 200);
    },
  );

const evidenceBody = {
  content: {
    // A plain schema, not zod: the form streams through the route (`uploadEvidence`), never parsed whole beforehand.
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        required: ['file'],
        properties: {
          file: { type: 'string' as const, format: 'binary' },
          title: { type: 'string' as const, maxLength: 300 },
          entryId: { type: 'string' as const, format: 'uuid' },
        },
      },
    },
    'application/json': { schema: LinkEvidenceInput },
  },
  // Each content type is validated only when the request carries it.
  required: false,
};

export const evidenceApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports/{id}/evidence',
      tags,
      summary:
        'Adds evidence: a file (multipart, ≤ 10 MB, PDF/Office/ODF/PNG/JPEG/CSV/TXT, within the report’s quota) or a link (JSON)',
      request: { params: CycleIdParam, body: evidenceBody },
      responses: {
        201: { description: 'Added', content: { 'application/json': { schema: z.object({ id: z.uuid() }) } } },
        ...problemResponses,
        413: {
          description: 'The file is over 10 MB, or does not fit in the report’s quota (`ENLACE_UPLOAD_QUOTA_MB`)',
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
      // Evidence is only ever added to or removed from a report being drafted, which no visitor can see.
      writeUnseenByVisitors(c);
      const { id } = c.req.valid('param');
      const type = c.req.header('content-type') ?? '';
      if (isMultipart(type)) {
        const created = await uploadEvidence(c, id, p);
        if (!created)
          throw new AppError('invalid_input', 400, 'error.invalidInput', {
            fields: [{ field: 'file', messageKey: 'error.field.required' }],
          });
        return c.json(created, 201);
      }
      // A link comes as JSON. The route's media type check lets an urlencoded form pass as a form, which it is not here.
      if (/^application\/x-www-form-urlencoded/i.test(type))
        throw new HTTPException(415, { message: 'Unsupported Media Type' });
      const parsed = LinkEvidenceInput.safeParse(await readJsonBody(c));
      if (!parsed.success)
        throw new AppError('invalid_input', 400, 'error.invalidInput', {
          fields: fieldErrorsFromZod(parsed.error, ''),
        });
      return c.json(await addLinkEvidence(c.var.deps.db, id, parsed.data, p), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/attachments/{id}',
      tags,
      summary: 'Downloads an evidence file',
      request: { params: CycleIdParam },
      responses: {
        200: {
          description: 'The file, in the type it was checked to be (PDF, Office, ODF, PNG, JPEG, CSV, TXT)',
          content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const file = await getEvidenceFile(c.var.deps.db, c.req.valid('param').id, c.var.principal);
      return c.body(new Uint8Array(file.data ?? Buffer.alloc(0)), 200, evidenceHeaders(file));
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/attachments/{id}',
      tags,
      summary: 'Removes evidence from a draft report',
      request: { params: CycleIdParam },
      responses: done('Removed'),
    }),
    async (c) => {
      const p = requirePrincipal(c);
      // Evidence is only ever added to or removed from a report being drafted, which no visitor can see.
      writeUnseenByVisitors(c);
      await removeEvidence(c.var.deps.db, c.req.valid('param').id, p);
      return c.body(null, 204);
    },
  );

async function transition(c: Context<AppEnv>, action: Step) {
  const p = requirePrincipal(c);
  const id = c.req.param('id') ?? '';
  await transitionReport(c.var.deps.db, id, action, p);
  return c.json(presentReport(c.var.i18n, await getReport(c.var.deps.db, id, p)), 200);
}
