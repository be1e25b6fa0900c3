import { describe, expect, it } from 'vitest';
import {
  canAcceptReport,
  canApproveReport,
  canEditReport,
  canReadReport,
  canReturnReport,
  type Principal,
} from './authz.ts';

const person = (grants: Principal['grants']): Principal => ({ userId: 'u', email: 'e', name: 'n', grants });
const focalMx = person([{ role: 'focal_point', actorId: 'mx' }]);
const validatorMx = person([{ role: 'validator', actorId: 'mx' }]);
const secretariat = person([{ role: 'secretariat', actorId: null }]);
const member = person([{ role: 'member', actorId: null }]);
const open = { actorId: 'mx', cycleState: 'open' as const };

describe('report permissions', () => {
  it('let the focal point of the actor edit, and nobody else', () => {
    expect(canEditReport(focalMx, open)).toBe(true);
    expect(canEditReport(focalMx, { ...open, actorId: 'ca' })).toBe(false);
    expect(canEditReport(secretariat, open)).toBe(false);
    expect(canEditReport(validatorMx, open)).toBe(false);
  });
  it('let the validator of the actor approve, the secretariat accept, both return', () => {
    expect(canApproveReport(validatorMx, open)).toBe(true);
    expect(canApproveReport(person([{ role: 'validator', actorId: 'ca' }]), open)).toBe(false);
    expect(canAcceptReport(secretariat)).toBe(true);
    expect(canAcceptReport(validatorMx)).toBe(false);
    expect(canReturnReport(secretariat, open)).toBe(true);
    expect(canReturnReport(validatorMx, open)).toBe(true);
    expect(canReturnReport(focalMx, open)).toBe(false);
  });
  it('show accepted reports of published cycles to everyone, others only to their actor and the secretariat', () => {
    expect(canReadReport(null, { actorId: 'mx', cycleState: 'published', state: 'accepted' })).toBe(true);
    expect(canReadReport(null, { ...open, state: 'draft' })).toBe(false);
    expect(canReadReport(member, { ...open, state: 'submitted' })).toBe(false);
    expect(canReadReport(validatorMx, { ...open, state: 'draft' })).toBe(true);
    expect(canReadReport(secretariat, { ...open, state: 'draft' })).toBe(true);
  });
});
