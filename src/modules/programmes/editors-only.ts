/** The role check of programme editing routes, before their body is read. */
import { allowOnly } from '../../http/auth.ts';
import { canEditProgrammes } from './programme-editing.policy.ts';

export const editorsOnly = allowOnly(canEditProgrammes);
