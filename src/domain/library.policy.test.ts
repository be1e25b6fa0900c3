import { describe, expect, it } from 'vitest';
import type { Grant, Principal } from './authz.ts';
import { canAddDocument, canAddDocuments, canSeeRecord, documentRefusal, visibilitiesFor } from './library.policy.ts';

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
