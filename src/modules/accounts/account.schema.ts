/** Inputs of the accounts API and forms. */
import { z } from '@hono/zod-openapi';
import { GRANT_ROLES, TOKEN_SCOPES } from '../../db/schema/index.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../domain/password-policy.ts';

export const Email = z.string().trim().toLowerCase().email().max(254).openapi({ example: 'focal.point@example.org' });
export const Password = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).openapi({
  description:
    'At least 12 characters; common passwords, one character or a pattern repeated, runs such as 123456789012 and the account’s own address or name are refused',
});

export const LoginInput = z.object({ email: Email, password: z.string().min(1).max(200) }).openapi('LoginInput');

export const GrantInput = z
  .object({ role: z.enum(GRANT_ROLES), actorId: z.uuid().optional() })
  .refine(
    (g) => (g.role === 'focal_point' || g.role === 'validator' ? g.actorId !== undefined : g.actorId === undefined),
    {
      message: 'actorId is required for focal_point and validator, and only for them',
      path: ['actorId'],
    },
  );
export type GrantInput = z.infer<typeof GrantInput>;

export const CreateUserInput = z
  .object({
    email: Email,
    name: z.string().trim().min(1).max(200),
    grants: z.array(GrantInput).max(50).default([]),
    locale: z.enum(['es', 'en']).optional(),
  })
  .openapi('CreateUserInput');
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const SetPasswordInput = z.object({ password: Password }).openapi('SetPasswordInput');
export const ForgotPasswordInput = z.object({ email: Email }).openapi('ForgotPasswordInput');
export const TOKEN_LIFETIMES = [30, 90, 365, 730] as const;
export const CreateTokenInput = z
  .object({
    name: z.string().trim().min(1).max(100).default('API token'),
    scope: z
      .enum(TOKEN_SCOPES)
      .default('read_write')
      .openapi({ description: '`read`: only GET requests; `read_write`: everything the user may do' }),
    // A number, not any string JavaScript reads as one ("0x10", "1e2"): the form sends its digits as one.
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(730)
      .default(365)
      .openapi({ description: 'Days until the token stops working (at most two years)' }),
  })
  .strict()
  .openapi('CreateTokenInput');

export const UserChangeInput = z
  .object({
    active: z.boolean().optional().openapi({ description: 'false deactivates the account at once; true restores it' }),
  })
  .strict()
  .refine((v) => v.active !== undefined, { params: { messageKey: 'error.field.nothingToChange' } })
  .openapi('UserChangeInput');

export const TokenListQuery = z.object({
  all: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: '`true`: every user’s tokens, with their owner (secretariat only)' }),
});
export const TokenParam = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,100}$/)
    .openapi({ param: { name: 'token', in: 'path' } }),
});
