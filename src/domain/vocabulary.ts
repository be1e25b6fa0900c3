/** Closed vocabularies of the domain (SPEC §1), shared by schemas, API and pages. */
import { z } from 'zod';

export const ACTOR_TYPES = [
  'member_state',
  'oas_organ',
  'specialized_organization',
  'multilateral',
  'regional_process',
  'civil_society',
  'academia',
  'diaspora_network',
  'migrant_organization',
  'group',
] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** Actor types an import may create from a name its plan gives (states and groups are bundled). */
export const CREATABLE_ACTOR_TYPES: readonly ActorType[] = ACTOR_TYPES.filter(
  (t) => t !== 'member_state' && t !== 'group',
);

/** Actor types whose assignments count for each of their current members. */
export const EXPANDABLE_ACTOR_TYPES: readonly ActorType[] = ['group', 'regional_process'];

export const ASSIGNMENT_ROLES = ['responsible', 'cooperating', 'invited', 'sponsor'] as const;
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number];

export const PROGRAMME_KINDS = ['programme', 'plan_of_action', 'work_plan'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];
export const PROGRAMME_STATUSES = ['draft', 'in_force', 'superseded'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];
export const PROGRAMME_ACTOR_ROLES = ['programme_actor', 'coordinator', 'secretariat', 'invited'] as const;
export type ProgrammeActorRole = (typeof PROGRAMME_ACTOR_ROLES)[number];
export const MEMBERSHIP_ROLES = ['member', 'observer'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** A programme level's key (`general_objective`, `theme`…): programmes define their own. */
export const LEVEL_KEY = z.string().regex(/^[a-z]+(_[a-z]+)*$/);

/** What a library document is. */
export const DOCUMENT_TYPES = [
  'report',
  'legislation',
  'study',
  'best_practice',
  'minutes',
  'presentation',
  'manual',
  'resolution',
  'plan',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** Who sees a library record: anyone, the private space's members, or the secretariat only. */
export const LIBRARY_VISIBILITIES = ['public', 'members', 'secretariat'] as const;
export type LibraryVisibility = (typeof LIBRARY_VISIBILITIES)[number];
/** The languages the library searches in, each with its own stemming. */
export const LIBRARY_LANGUAGES = ['es', 'en', 'pt', 'fr'] as const;
export type LibraryLanguage = (typeof LIBRARY_LANGUAGES)[number];
/** A document's text: being extracted, extracted, or none to be had (a scan, an image, a link). */
export const TEXT_STATUSES = ['pending', 'extracted', 'no_text'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];

/**
 * Where a best practice or a law stands: offered from an accepted report for
 * the secretariat to confirm (`candidate`), proposed by a focal point, or
 * published by the secretariat.
 */
export const ENTRY_STATES = ['candidate', 'proposed', 'published'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];
/** Where a best practice was told: a report's section, a meeting, or entered directly. */
export const BEST_PRACTICE_SOURCES = ['report', 'meeting', 'direct'] as const;
export type BestPracticeSource = (typeof BEST_PRACTICE_SOURCES)[number];
export const LEGISLATION_KINDS = ['constitution', 'law', 'decree', 'regulation', 'treaty', 'policy'] as const;
export type LegislationKind = (typeof LEGISLATION_KINDS)[number];
/** Whether an act is in force, or was amended or repealed (by the act it names). */
export const LEGAL_STATUSES = ['in_force', 'amended', 'repealed'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
