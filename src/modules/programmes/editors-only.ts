/** The role check of programme editing routes, before their body is read. */

import { canEditProgrammes } from '../../domain/programme.policy.ts';
import { allowOnly } from '../../http/auth.ts';

export const editorsOnly = allowOnly(canEditProgrammes);
