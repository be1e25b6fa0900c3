/** Inputs of the accounts API and forms. */
import { z } from '@hono/zod-openapi';
import { GRANT_ROLES } from '../../db/schema/index.ts';

export const Email = z.string().trim().toLowerCase().email().max(254).openapi({ example: 'focal.point@example.org' });
export const Password = z.string().min(12).max(200).openapi({ description: 'At least 12 characters' });

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
export const CreateTokenInput = z
  .object({ name: z.string().trim().min(1).max(100).default('API token') })
  .openapi('CreateTokenInput');
export const TokenParam = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,100}$/)
    .openapi({ param: { name: 'token', in: 'path' } }),
});
