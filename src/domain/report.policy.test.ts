import { describe, expect, it } from 'vitest';
import type { Principal } from './authz.ts';
import {
  canAcceptReport,
  canApproveReport,
  canEditReport,
  canFollowReport,
  canReadReport,
  canReturnReport,
  commentRole,
  type ReportPermissions,
  reportPermissions,
} from './report.policy.ts';
import type { CycleState, ReportState } from './report-workflow.ts';

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
  it("let the secretariat and the actor's people, and nobody else, follow comments and submissions", () => {
    expect(canFollowReport(secretariat, 'mx')).toBe(true);
    expect(canFollowReport(focalMx, 'mx')).toBe(true);
    expect(canFollowReport(validatorMx, 'mx')).toBe(true);
    expect(canFollowReport(focalMx, 'ca')).toBe(false);
    expect(canFollowReport(validatorMx, 'ca')).toBe(false);
    expect(canFollowReport(member, 'mx')).toBe(false);
    expect(canFollowReport(null, 'mx')).toBe(false);
  });
  it('names a comment by the role its author reviews or writes the report in', () => {
    expect(commentRole(secretariat, 'mx')).toBe('secretariat');
    expect(commentRole(person([...validatorMx.grants, ...focalMx.grants]), 'mx')).toBe('validator');
    expect(commentRole(focalMx, 'mx')).toBe('focal_point');
    expect(commentRole(focalMx, 'ca')).toBeNull();
    expect(commentRole(person([{ role: 'validator', actorId: 'ca' }]), 'mx')).toBeNull();
    expect(commentRole(member, 'mx')).toBeNull();
    expect(commentRole(null, 'mx')).toBeNull();
  });
});

describe('what a report page offers', () => {
  const place = (state: ReportState, cycle: CycleState = 'open', actorId = 'mx') => ({
    report: { actorId, state },
    cycle: { state: cycle },
  });
  const offered = (p: Principal | null, state: ReportState, cycle?: CycleState, actorId?: string) => {
    const can = reportPermissions(p, place(state, cycle, actorId));
    return (Object.keys(can) as (keyof ReportPermissions)[]).filter((k) => can[k]).sort();
  };

  it('offers the focal point editing and sending a draft, and taking back a sent report', () => {
    expect(offered(focalMx, 'draft')).toEqual(['comment', 'edit', 'follow', 'submit']);
    expect(offered(focalMx, 'returned')).toEqual(['comment', 'edit', 'follow', 'submit']);
    expect(offered(focalMx, 'submitted')).toEqual(['comment', 'follow', 'withdraw']);
    expect(offered(focalMx, 'draft', 'open', 'ca')).toEqual([]);
  });

  it('offers the validator approving or returning what was sent, the secretariat accepting or returning what was approved', () => {
    expect(offered(validatorMx, 'submitted')).toEqual(['approve', 'comment', 'follow', 'return']);
    expect(offered(validatorMx, 'draft')).toEqual(['comment', 'follow']);
    expect(offered(secretariat, 'approved')).toEqual(['accept', 'comment', 'follow', 'return']);
    expect(offered(secretariat, 'draft')).toEqual(['comment', 'follow']);
  });

  it('once the cycle is closed, offers no writing or commenting, only the review of what was sent; nothing to the public', () => {
    expect(offered(focalMx, 'draft', 'closed')).toEqual(['follow']);
    expect(offered(secretariat, 'approved', 'closed')).toEqual(['accept', 'follow', 'return']);
    expect(offered(validatorMx, 'accepted')).toEqual(['follow']);
    expect(offered(focalMx, 'accepted', 'published')).toEqual(['follow']);
    expect(offered(null, 'accepted', 'published')).toEqual([]);
    expect(offered(member, 'submitted')).toEqual([]);
  });
});
