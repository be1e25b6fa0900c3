/** Administration API of the secretariat: the e-mail outbox and the audit trail. */

import { createRoute, z } from '@hono/zod-openapi';
import { canAdminister } from '../../domain/authz.ts';
import { createApiRouter, problemResponses } from '../../http/api.ts';
import { allowOnly, authorize } from '../../http/auth.ts';
import { listAudit } from '../audit/audit.service.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { presentAuditEvent, presentOutboxEntry } from './admin.presenter.ts';
import { AuditEventSchema, AuditQuery, ListQuery, OutboxEntrySchema } from './admin.schema.ts';

const tags = ['Administration'];

const administratorsOnly = allowOnly(canAdminister);

export const adminApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/outbox',
      tags,
      summary: 'Every e-mail written, newest first, with whether it was sent (secretariat)',
      middleware: [administratorsOnly] as const,
      request: { query: ListQuery },
      responses: {
        200: { description: 'Messages', content: { 'application/json': { schema: z.array(OutboxEntrySchema) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      authorize(c, canAdminister);
      const rows = await listOutbox(c.var.deps.db, c.req.valid('query'));
      return c.json(rows.map(presentOutboxEntry), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags,
      summary: 'The audit trail, newest first: who changed what, when, before and after (secretariat)',
      middleware: [administratorsOnly] as const,
      request: { query: AuditQuery },
      responses: {
        200: { description: 'Audit events', content: { 'application/json': { schema: z.array(AuditEventSchema) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      authorize(c, canAdminister);
      const rows = await listAudit(c.var.deps.db, c.req.valid('query'));
      return c.json(rows.map(presentAuditEvent), 200);
    },
  );
