/**
 * Who sees and adds library records. Each record has a visibility: public
 * (anyone, signed in or not), members (the private space: anyone signed in
 * with a grant) or secretariat. The secretariat adds anything; a focal point
 * adds documents about its own actors only, for the public or the members.
 */
import { canReadPrivate, isSecretariat, type Principal } from './authz.ts';
import type { LibraryVisibility } from './vocabulary.ts';

/** The visibilities whose records this person may see, widest audience first. */
export function visibilitiesFor(p: Principal | null): LibraryVisibility[] {
  if (isSecretariat(p)) return ['public', 'members', 'secretariat'];
  if (canReadPrivate(p)) return ['public', 'members'];
  return ['public'];
}

export const canSeeRecord = (p: Principal | null, visibility: LibraryVisibility): boolean =>
  visibilitiesFor(p).includes(visibility);

/** The actors this person adds documents for as focal point. */
const focalActors = (p: Principal | null): string[] =>
  p?.grants.flatMap((g) => (g.role === 'focal_point' && g.actorId ? [g.actorId] : [])) ?? [];

/** Whether anything may be added by this person: the form and the button are offered on this. */
export const canAddDocuments = (p: Principal | null): boolean => isSecretariat(p) || focalActors(p).length > 0;

/**
 * Why this person may not add a document about `actorIds` (its countries and
 * actors) seen by `visibility`, or null if they may: the secretariat always
 * may; a focal point when the document names at least one actor and only its
 * own (`actors`), and is not kept from the focal point itself (`visibility`);
 * anyone else may not (`forbidden`).
 */
export function documentRefusal(
  p: Principal | null,
  document: { actorIds: readonly string[]; visibility: LibraryVisibility },
): 'actors' | 'visibility' | 'forbidden' | null {
  if (isSecretariat(p)) return null;
  const own = focalActors(p);
  if (own.length === 0) return 'forbidden';
  if (document.actorIds.length === 0 || !document.actorIds.every((id) => own.includes(id))) return 'actors';
  if (document.visibility === 'secretariat') return 'visibility';
  return null;
}

export const canAddDocument = (
  p: Principal | null,
  document: { actorIds: readonly string[]; visibility: LibraryVisibility },
): boolean => documentRefusal(p, document) === null;
