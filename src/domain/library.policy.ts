/**
 * Who sees and adds library records. Each record has a visibility: public
 * (anyone, signed in or not), members (the private space: anyone signed in
 * with a grant) or secretariat. The secretariat adds anything; a focal point
 * adds documents about its own actors only, for the public or the members.
 */
import { canReadPrivate, isSecretariat, type Principal } from './authz.ts';
import type { CycleState } from './cycle-workflow.ts';
import type { ReportState } from './report-workflow.ts';
import {
  type DocumentType,
  type EntryState,
  LIBRARY_LANGUAGES,
  type LibraryLanguage,
  type LibraryVisibility,
} from './vocabulary.ts';

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

/**
 * Whether this person may change or remove a document as it stands: whoever
 * could have added it — the secretariat any, a focal point one about its own
 * actors only, not kept to the secretariat. (What it is changed to is then
 * checked as a new document is, by `documentRefusal`.)
 */
export const canChangeDocument = (
  p: Principal | null,
  document: { actorIds: readonly string[]; visibility: LibraryVisibility },
): boolean => documentRefusal(p, document) === null;

/** A best practice or a law, as the policy sees it: whose it is, where it stands, who sees it once published. */
export type Entry = { actorId: string; state: EntryState; visibility: LibraryVisibility };

/**
 * Whether this person sees an entry: the secretariat all of them; anyone a
 * published one its visibility allows; a focal point also the proposals about
 * its own actor. A candidate offered from a report is the secretariat's to confirm.
 */
export function canSeeEntry(p: Principal | null, entry: Entry): boolean {
  if (isSecretariat(p)) return true;
  if (entry.state === 'published') return canSeeRecord(p, entry.visibility);
  return entry.state === 'proposed' && focalActors(p).includes(entry.actorId);
}

/** The actors whose unpublished proposals this person sees besides the published entries (all, for the secretariat). */
export const proposalsSeenOf = (p: Principal | null): 'all' | string[] => (isSecretariat(p) ? 'all' : focalActors(p));

/** Why this person may not propose an entry about `actorId`, as for a document about it (null: they may). */
export const entryRefusal = (p: Principal | null, entry: Pick<Entry, 'actorId' | 'visibility'>) =>
  documentRefusal(p, { actorIds: [entry.actorId], visibility: entry.visibility });

/** What a new entry is: published when the secretariat enters it, a proposal when a focal point does. */
export const stateOfNewEntry = (p: Principal | null): EntryState => (isSecretariat(p) ? 'published' : 'proposed');

/**
 * Whether this person may change an entry: the secretariat any; a focal point
 * its own actor's proposal, until the secretariat publishes it.
 */
export function canEditEntry(p: Principal | null, entry: Pick<Entry, 'actorId' | 'state'>): boolean {
  if (isSecretariat(p)) return true;
  return entry.state === 'proposed' && focalActors(p).includes(entry.actorId);
}

/** Publishing, confirming a candidate and discarding are the secretariat's. */
export const canPublishEntries = (p: Principal | null): boolean => isSecretariat(p);

/**
 * Who sees an accepted report's evidence in the library: whoever may read the
 * report (`canReadReport`). Anyone, once its cycle is published; before that
 * the secretariat alone — the report's own focal point and validator have the
 * evidence in the report itself, and 'members' would show one state's
 * evidence to every other state before its report may be read.
 */
export const evidenceVisibility = (report: { state: ReportState; cycleState: CycleState }): LibraryVisibility =>
  report.state === 'accepted' && report.cycleState === 'published' ? 'public' : 'secretariat';

/** A meeting's documents are seen in the library by whoever sees the meeting. */
export const meetingDocumentVisibility = (meetingVisibility: 'public' | 'members'): LibraryVisibility =>
  meetingVisibility;

/** The library type of a meeting's document: its minutes and presentations as such, an agenda as any other paper. */
export function meetingDocumentType(kind: 'agenda' | 'presentation' | 'minutes' | 'other'): DocumentType {
  return kind === 'minutes' || kind === 'presentation' ? kind : 'other';
}

/** The library languages among `languages`, the first being the one titles are kept in; Spanish when none is. */
export function libraryLanguagesOf(languages: readonly string[]): LibraryLanguage[] {
  const known = languages.filter((l): l is LibraryLanguage => (LIBRARY_LANGUAGES as readonly string[]).includes(l));
  return known.length > 0 ? [...new Set(known)] : ['es'];
}
