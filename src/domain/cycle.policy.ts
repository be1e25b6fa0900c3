/**
 * Cycles: who may see one, and which edition of its consolidated report a
 * caller gets — the published edition of a published cycle for anyone; the
 * draft edition (with what is missing) for the secretariat only.
 */
import { AppError, forbidden } from '../errors.ts';
import { canAdminister, canReadPrivate, type Principal } from './authz.ts';

export type Edition = 'published' | 'draft';

/** Cycles: a published one is public; the others are for the private space. */
export const canSeeCycle = (p: Principal | null, cycleState: string): boolean =>
  cycleState === 'published' || canReadPrivate(p);

export function editionFor(cycleState: string, requested: Edition | undefined, principal: Principal | null): Edition {
  const secretariat = canAdminister(principal);
  if (cycleState === 'published' && requested !== 'draft') return 'published';
  if (secretariat) return 'draft';
  if (cycleState !== 'published') {
    // The cycle's existence is not secret to signed-in people; to the public it is.
    if (principal) throw forbidden();
    throw new AppError('not_found', 404, 'error.notFound');
  }
  throw principal ? forbidden() : new AppError('unauthenticated', 401, 'error.unauthenticated');
}
