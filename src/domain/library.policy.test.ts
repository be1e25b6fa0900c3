import { describe, expect, it } from 'vitest';
import type { Grant, Principal } from './authz.ts';
import type { CycleState } from './cycle-workflow.ts';
import {
  canAddDocument,
  canAddDocuments,
  canChangeDocument,
  canEditEntry,
  canPublishEntries,
  canSeeEntry,
  canSeeRecord,
  documentRefusal,
  entryRefusal,
  evidenceVisibility,
  libraryLanguagesOf,
  meetingDocumentType,
  meetingDocumentVisibility,
  proposalsSeenOf,
  stateOfNewEntry,
  visibilitiesFor,
} from './library.policy.ts';
import { canReadReport } from './report.policy.ts';
import type { ReportState } from './report-workflow.ts';

const person = (...grants: Grant[]): Principal => ({ userId: 'u', email: 'u@example.org', name: 'U', grants });
const secretariat = person({ role: 'secretariat', actorId: null });
const mexico = person({ role: 'focal_point', actorId: 'mx' });
const validator = person({ role: 'validator', actorId: 'mx' });
const member = person({ role: 'member', actorId: null });
const signedInWithoutGrant = person();

describe('who sees library records', () => {
  it('shows an anonymous visitor, and someone signed in without a grant, public records only', () => {
    for (const p of [null, signedInWithoutGrant]) {
      expect(visibilitiesFor(p)).toEqual(['public']);
      expect(canSeeRecord(p, 'members')).toBe(false);
      expect(canSeeRecord(p, 'secretariat')).toBe(false);
    }
  });

  it('shows the private space’s members public and members’ records, not the secretariat’s', () => {
    for (const p of [member, mexico, validator]) {
      expect(visibilitiesFor(p)).toEqual(['public', 'members']);
      expect(canSeeRecord(p, 'public')).toBe(true);
      expect(canSeeRecord(p, 'secretariat')).toBe(false);
    }
  });

  it('shows the secretariat everything', () => {
    expect(visibilitiesFor(secretariat)).toEqual(['public', 'members', 'secretariat']);
    expect(canSeeRecord(secretariat, 'secretariat')).toBe(true);
  });
});

describe('who adds documents', () => {
  it('lets the secretariat add any document, about anyone or no one, for any audience', () => {
    expect(canAddDocuments(secretariat)).toBe(true);
    expect(canAddDocument(secretariat, { actorIds: [], visibility: 'secretariat' })).toBe(true);
    expect(canAddDocument(secretariat, { actorIds: ['gt'], visibility: 'public' })).toBe(true);
  });

  it('lets a focal point add documents about its own actor, for the public or the members', () => {
    expect(canAddDocuments(mexico)).toBe(true);
    expect(canAddDocument(mexico, { actorIds: ['mx'], visibility: 'public' })).toBe(true);
    expect(canAddDocument(mexico, { actorIds: ['mx'], visibility: 'members' })).toBe(true);
  });

  it('refuses a focal point a document about another actor, about no one, or hidden from itself', () => {
    expect(canAddDocument(mexico, { actorIds: ['mx', 'gt'], visibility: 'public' })).toBe(false);
    expect(canAddDocument(mexico, { actorIds: ['gt'], visibility: 'public' })).toBe(false);
    expect(canAddDocument(mexico, { actorIds: [], visibility: 'public' })).toBe(false);
    expect(canAddDocument(mexico, { actorIds: ['mx'], visibility: 'secretariat' })).toBe(false);
  });

  it('says why a focal point is refused, so the form can point at the field', () => {
    expect(documentRefusal(mexico, { actorIds: ['gt'], visibility: 'public' })).toBe('actors');
    expect(documentRefusal(mexico, { actorIds: [], visibility: 'public' })).toBe('actors');
    expect(documentRefusal(mexico, { actorIds: ['mx'], visibility: 'secretariat' })).toBe('visibility');
    expect(documentRefusal(mexico, { actorIds: ['mx', 'gt'], visibility: 'secretariat' })).toBe('actors');
    expect(documentRefusal(member, { actorIds: ['mx'], visibility: 'public' })).toBe('forbidden');
    expect(documentRefusal(secretariat, { actorIds: [], visibility: 'secretariat' })).toBeNull();
  });

  it('refuses validators, members and visitors', () => {
    for (const p of [validator, member, signedInWithoutGrant, null]) {
      expect(canAddDocuments(p)).toBe(false);
      expect(canAddDocument(p, { actorIds: ['mx'], visibility: 'public' })).toBe(false);
    }
  });
});

describe('who changes and removes documents', () => {
  const otherFocal = person({ role: 'focal_point', actorId: 'gt' });
  it('lets the secretariat change any document, and a focal point its own actor’s only', () => {
    const mexican = { actorIds: ['mx'], visibility: 'public' as const };
    expect(canChangeDocument(secretariat, { actorIds: [], visibility: 'secretariat' })).toBe(true);
    expect(canChangeDocument(mexico, mexican)).toBe(true);
    expect(canChangeDocument(mexico, { ...mexican, visibility: 'members' })).toBe(true);
    expect(canChangeDocument(otherFocal, mexican)).toBe(false);
    expect(canChangeDocument(mexico, { actorIds: ['mx', 'gt'], visibility: 'public' })).toBe(false);
    expect(canChangeDocument(mexico, { actorIds: [], visibility: 'public' })).toBe(false);
    expect(canChangeDocument(mexico, { ...mexican, visibility: 'secretariat' })).toBe(false);
    for (const p of [null, member, validator, signedInWithoutGrant]) expect(canChangeDocument(p, mexican)).toBe(false);
  });
});

describe('best practices and legislation', () => {
  const published = { actorId: 'mx', state: 'published', visibility: 'public' } as const;
  const proposal = { actorId: 'mx', state: 'proposed', visibility: 'public' } as const;
  const candidate = { actorId: 'mx', state: 'candidate', visibility: 'public' } as const;

  it('shows a published entry to whom its visibility allows', () => {
    expect(canSeeEntry(null, published)).toBe(true);
    expect(canSeeEntry(null, { ...published, visibility: 'members' })).toBe(false);
    expect(canSeeEntry(member, { ...published, visibility: 'members' })).toBe(true);
    expect(canSeeEntry(member, { ...published, visibility: 'secretariat' })).toBe(false);
  });

  it('shows a proposal to its own focal point and the secretariat only, a candidate to the secretariat only', () => {
    expect(canSeeEntry(mexico, proposal)).toBe(true);
    expect(canSeeEntry(secretariat, proposal)).toBe(true);
    expect(canSeeEntry(secretariat, candidate)).toBe(true);
    for (const p of [null, member, validator, person({ role: 'focal_point', actorId: 'gt' })])
      expect(canSeeEntry(p, proposal)).toBe(false);
    expect(canSeeEntry(mexico, candidate)).toBe(false);
    expect(proposalsSeenOf(secretariat)).toBe('all');
    expect(proposalsSeenOf(mexico)).toEqual(['mx']);
    expect(proposalsSeenOf(null)).toEqual([]);
  });

  it('publishes what the secretariat enters, and makes a focal point’s entry a proposal', () => {
    expect(stateOfNewEntry(secretariat)).toBe('published');
    expect(stateOfNewEntry(mexico)).toBe('proposed');
    expect(canPublishEntries(secretariat)).toBe(true);
    expect(canPublishEntries(mexico)).toBe(false);
    expect(canPublishEntries(null)).toBe(false);
  });

  it('lets a focal point propose for its own actor only, never kept from itself', () => {
    expect(entryRefusal(mexico, { actorId: 'mx', visibility: 'members' })).toBeNull();
    expect(entryRefusal(mexico, { actorId: 'gt', visibility: 'public' })).toBe('actors');
    expect(entryRefusal(mexico, { actorId: 'mx', visibility: 'secretariat' })).toBe('visibility');
    expect(entryRefusal(member, { actorId: 'mx', visibility: 'public' })).toBe('forbidden');
    expect(entryRefusal(secretariat, { actorId: 'gt', visibility: 'secretariat' })).toBeNull();
  });

  it('lets a focal point change its own proposal until it is published; the secretariat any entry', () => {
    expect(canEditEntry(mexico, proposal)).toBe(true);
    expect(canEditEntry(mexico, published)).toBe(false);
    expect(canEditEntry(mexico, candidate)).toBe(false);
    expect(canEditEntry(person({ role: 'focal_point', actorId: 'gt' }), proposal)).toBe(false);
    expect(canEditEntry(validator, proposal)).toBe(false);
    expect(canEditEntry(secretariat, published)).toBe(true);
    expect(canEditEntry(null, proposal)).toBe(false);
  });
});

describe('documents drawn from reports and meetings', () => {
  const reportStates: ReportState[] = ['draft', 'submitted', 'approved', 'returned', 'accepted'];
  const cycleStates: CycleState[] = ['draft', 'open', 'closed', 'published'];
  const otherState = person({ role: 'focal_point', actorId: 'gt' });

  it('shows an accepted report’s evidence to anyone once its cycle is published, to the secretariat only before', () => {
    expect(evidenceVisibility({ state: 'accepted', cycleState: 'published' })).toBe('public');
    for (const cycleState of ['draft', 'open', 'closed'] as const)
      expect(evidenceVisibility({ state: 'accepted', cycleState })).toBe('secretariat');
  });

  it('never shows evidence in the library to someone who may not read its report, and hides none from the public that it may', () => {
    for (const state of reportStates)
      for (const cycleState of cycleStates) {
        const visibility = evidenceVisibility({ state, cycleState });
        for (const p of [null, member, otherState, mexico, validator, secretariat]) {
          if (canSeeRecord(p, visibility)) expect(canReadReport(p, { actorId: 'mx', cycleState, state })).toBe(true);
        }
        expect(canSeeRecord(null, visibility)).toBe(canReadReport(null, { actorId: 'mx', cycleState, state }));
        expect(canSeeRecord(secretariat, visibility)).toBe(true);
      }
  });

  it('shows a meeting’s documents to whoever sees the meeting', () => {
    expect(meetingDocumentVisibility('public')).toBe('public');
    expect(meetingDocumentVisibility('members')).toBe('members');
    expect(canSeeRecord(null, meetingDocumentVisibility('members'))).toBe(false);
    expect(canSeeRecord(member, meetingDocumentVisibility('members'))).toBe(true);
  });

  it('files minutes and presentations as such, an agenda or anything else as other', () => {
    expect(meetingDocumentType('minutes')).toBe('minutes');
    expect(meetingDocumentType('presentation')).toBe('presentation');
    expect(meetingDocumentType('agenda')).toBe('other');
    expect(meetingDocumentType('other')).toBe('other');
  });

  it('keeps the library’s languages of a record, in order and once, Spanish when it names none of them', () => {
    expect(libraryLanguagesOf(['en', 'es', 'en'])).toEqual(['en', 'es']);
    expect(libraryLanguagesOf(['de', 'fr'])).toEqual(['fr']);
    expect(libraryLanguagesOf([])).toEqual(['es']);
    expect(libraryLanguagesOf(['de'])).toEqual(['es']);
  });
});
