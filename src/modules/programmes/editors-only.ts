/** Routes of programme editing check the role before the body is read: a stranger gets 401/403, never a 400 that tells them more. */
import { createMiddleware } from 'hono/factory';
import { authorize } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { canEditProgrammes } from './programme-editing.policy.ts';

export const editorsOnly = createMiddleware<AppEnv>(async (c, next) => {
  authorize(c, canEditProgrammes);
  await next();
});
