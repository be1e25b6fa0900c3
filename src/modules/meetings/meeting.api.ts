/** API of meetings and agreements. */
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { agreements } from '../../db/schema/index.ts';
import { canAdminister } from '../../domain/authz.ts';
import { AppError } from '../../errors.ts';
import { createApiRouter, problemResponses } from '../../http/api.ts';
import { authorize, baseUrl } from '../../http/auth.ts';
import { presentAgreement, presentMeeting, presentMeetingDetail } from './meeting.presenter.ts';
import {
  AgendaItemInput,
  AgreementSchema,
  CreateAgreementInput,
  CreatedSchema,
  CreateMeetingInput,
  MeetingDetailSchema,
  MeetingDocumentInput,
  MeetingFilter,
  MeetingSchema,
  UpdateAgreementInput,
  UpdateMeetingInput,
} from './meeting.schema.ts';
import {
  addAgendaItem,
  addMeetingDocument,
  agreementsWhere,
  createAgreement,
  createMeeting,
  getMeeting,
  listMeetings,
  removeAgendaItem,
  removeMeetingDocument,
  updateAgreementStatus,
  updateMeeting,
} from './meeting.service.ts';
import { notifyMeetingChange } from './meeting-mail.service.ts';

const tags = ['Meetings'];
const Params = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const AgendaItemParams = Params.extend({
  itemId: z.uuid().openapi({ param: { name: 'itemId', in: 'path' } }),
});
const DocumentParams = Params.extend({
  documentId: z.uuid().openapi({ param: { name: 'documentId', in: 'path' } }),
});
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const ok = (description: string, schema: z.ZodType) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...problemResponses,
});
const created = (description: string) => ({
  201: { description, content: { 'application/json': { schema: CreatedSchema } } },
  ...problemResponses,
});

const secretariat = (c: Parameters<typeof authorize>[0]) => authorize(c, canAdminister);

export const meetingApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings',
      tags,
      summary: 'Meetings between dates, of a body, kind, actor or programme item (members-only ones for members)',
      request: { query: MeetingFilter },
      responses: {
        200: { description: 'Meetings', content: { 'application/json': { schema: z.array(MeetingSchema) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const rows = await listMeetings(c.var.deps.db, c.req.valid('query'), c.var.principal);
      return c.json(
        rows.map((r) => presentMeeting(c.var.i18n, r.meeting, r.body)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/meetings/{id}',
      tags,
      summary: 'A meeting with its participants, agenda, documents and agreements',
      request: { params: Params },
      responses: ok('The meeting', MeetingDetailSchema),
    }),
    async (c) => {
      return c.json(
        presentMeetingDetail(c.var.i18n, await getMeeting(c.var.deps.db, c.req.valid('param').id, c.var.principal)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meetings',
      tags,
      summary: 'Creates a meeting (secretariat); invited actors are e-mailed an invitation with an .ics',
      request: { body: json(CreateMeetingInput) },
      responses: created('Created'),
    }),
    async (c) => {
      const by = secretariat(c);
      // The invitations are queued with the meeting: a crash between the two cannot lose them.
      const { id } = await c.var.deps.db.transaction(async (tx) => {
        const created = await createMeeting(tx, c.req.valid('json'), by);
        await notifyMeetingChange(tx, created.id, baseUrl(c));
        return created;
      });
      return c.json({ id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/meetings/{id}',
      tags,
      summary: 'Changes a meeting (secretariat); a change of time, place or state is e-mailed with the updated .ics',
      request: { params: Params, body: json(UpdateMeetingInput) },
      responses: ok('The meeting', MeetingDetailSchema),
    }),
    async (c) => {
      const by = secretariat(c);
      const { id } = c.req.valid('param');
      await c.var.deps.db.transaction(async (tx) => {
        const result = await updateMeeting(tx, id, c.req.valid('json'), by);
        if (result.changed) await notifyMeetingChange(tx, id, baseUrl(c));
      });
      return c.json(presentMeetingDetail(c.var.i18n, await getMeeting(c.var.deps.db, id, by)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/agenda',
      tags,
      summary: 'Adds an agenda item, optionally linked to a programme item (secretariat)',
      request: { params: Params, body: json(AgendaItemInput) },
      responses: created('Added'),
    }),
    async (c) => {
      const by = secretariat(c);
      return c.json(await addAgendaItem(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'), by), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/meetings/{id}/agenda/{itemId}',
      tags,
      summary: 'Removes an agenda item; the items after it move up (secretariat)',
      request: { params: AgendaItemParams },
      responses: { 204: { description: 'Removed' }, ...problemResponses },
    }),
    async (c) => {
      const by = secretariat(c);
      const { id, itemId } = c.req.valid('param');
      await removeAgendaItem(c.var.deps.db, id, itemId, by);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/documents',
      tags,
      summary: 'Adds a document link (agenda, presentation, minutes) (secretariat)',
      request: { params: Params, body: json(MeetingDocumentInput) },
      responses: created('Added'),
    }),
    async (c) => {
      const by = secretariat(c);
      return c.json(await addMeetingDocument(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'), by), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/meetings/{id}/documents/{documentId}',
      tags,
      summary: 'Removes a document from a meeting, and from the library (secretariat)',
      request: { params: DocumentParams },
      responses: { 204: { description: 'Removed' }, ...problemResponses },
    }),
    async (c) => {
      const by = secretariat(c);
      const { id, documentId } = c.req.valid('param');
      await removeMeetingDocument(c.var.deps.db, id, documentId, by);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/meetings/{id}/agreements',
      tags,
      summary: 'Records an agreement: text, owner actors, due date, programme items (secretariat)',
      request: { params: Params, body: json(CreateAgreementInput) },
      responses: created('Created'),
    }),
    async (c) => {
      const by = secretariat(c);
      return c.json(await createAgreement(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'), by), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/agreements/{id}',
      tags,
      summary: "Changes an agreement's status with a dated note (secretariat)",
      request: { params: Params, body: json(UpdateAgreementInput) },
      responses: ok('The agreement', AgreementSchema),
    }),
    async (c) => {
      const by = secretariat(c);
      const { id } = c.req.valid('param');
      await updateAgreementStatus(c.var.deps.db, id, c.req.valid('json'), by);
      const [row] = await agreementsWhere(c.var.deps.db, eq(agreements.id, id));
      if (!row) throw new AppError('not_found', 404, 'error.notFound');
      return c.json(presentAgreement(c.var.i18n, row), 200);
    },
  );
