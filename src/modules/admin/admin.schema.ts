/** Inputs and outputs of the administration API and pages: paging, the audit filter, the invitation form. */
import { z } from '@hono/zod-openapi';
import { GRANT_ROLES, MAIL_KINDS, OUTBOX_STATUSES } from '../../db/schema/index.ts';
import { USER_STATES } from '../../domain/user-filter.ts';
import { Email } from '../accounts/account.schema.ts';

export const PAGE_SIZE = 50;

/** A user and one of their grants (or tokens) in a page's path. */
export const UserGrantParams = z.object({ id: z.uuid(), grantId: z.uuid() });
export const UserTokenParams = z.object({ id: z.uuid(), tokenId: z.uuid() });

const EntityType = z
  .string()
  .regex(/^[a-z]+(_[a-z]+)*$/)
  .max(60)
  .openapi({ description: 'Only events about this kind of entity (`user`, `item`, `report`…)', example: 'item' });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(PAGE_SIZE).openapi({ description: 'At most 200' }),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const AuditQuery = ListQuery.extend({ entityType: EntityType.optional() });

/** A page of a server-rendered list: `?page=` counts from 1. */
export const PageQuery = z.object({ page: z.coerce.number().int().min(1).max(20_000).default(1) });
/** The users page's filters; a blank one is no filter. */
export const UsersQuery = z.object({
  q: z.string().max(200).optional(),
  role: z.enum(GRANT_ROLES).optional(),
  actor: z.uuid().optional(),
  state: z.enum(USER_STATES).optional(),
});

export const AuditPageQuery = PageQuery.extend({ entityType: EntityType.optional() });

export const OutboxEntrySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(MAIL_KINDS).openapi({ description: 'Why the message was sent' }),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    createdAt: z.string().openapi({ description: 'ISO 8601' }),
    status: z.enum(OUTBOX_STATUSES).openapi({
      description:
        "`queued`: waiting to go out; `sent`: the SMTP server took it (`smtpResponse`); `failed`: the last attempt failed (`lastError`), retried with back-off; `not_configured`: no mail server is configured, kept and not delivered; `held`: waiting for its recipient's daily digest; `digested`: sent as part of a digest",
    }),
    sentAt: z.string().nullable(),
    smtpResponse: z.string().nullable().openapi({ description: 'What the SMTP server answered' }),
    attempts: z.number().int(),
    lastError: z.string().nullable().openapi({ description: 'Why the last delivery attempt failed' }),
  })
  .openapi('OutboxEntry');

export const AuditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.string().openapi({ description: 'ISO 8601' }),
    user: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    action: z.string().openapi({ example: 'item.status' }),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('AuditEvent');

const ROLES_WITH_ACTOR: readonly string[] = ['focal_point', 'validator'];
const blankAsUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The invitation form: one role; an actor for focal points and validators, ignored for the others. */
export const InviteForm = z
  .object({
    email: Email,
    name: z.string().trim().min(1).max(200),
    locale: z.enum(['es', 'en']),
    role: z.enum(GRANT_ROLES),
    actorId: z.preprocess(blankAsUndefined, z.uuid().optional()),
  })
  .refine((f) => !ROLES_WITH_ACTOR.includes(f.role) || f.actorId !== undefined, {
    message: 'an actor is required for focal points and validators',
    path: ['actorId'],
  })
  .transform(({ role, actorId, ...rest }) => ({
    ...rest,
    grants: [ROLES_WITH_ACTOR.includes(role) ? { role, actorId } : { role }],
  }));
export type InviteForm = z.input<typeof InviteForm>;
