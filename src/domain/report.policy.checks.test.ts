import { describe, expect, it } from 'vitest';
import type { Principal } from './authz.ts';
import { checkEditable, checkReadable, scopeOf } from './report.policy.ts';
import type { CycleState, ReportState } from './report-workflow.ts';

const person = (grants: Principal['grants']): Principal => ({ userId: 'u', email: 'e@x', name: 'N', grants });
const noGrant = person([]);
const member = person([{ role: 'member', actorId: null }]);
const focalA = person([{ role: 'focal_point', actorId: 'A' }]);
const validatorA = person([{ role: 'validator', actorId: 'A' }]);
const focalB = person([{ role: 'focal_point', actorId: 'B' }]);
const secretariat = person([{ role: 'secretariat', actorId: null }]);

const place = (cycle: CycleState, state: ReportState) => ({ report: { actorId: 'A', state }, cycle: { state: cycle } });

/** What a check throws, as the status and message key the caller sees, or 'ok'. */
function outcome(check: () => void): string {
  try {
    check();
    return 'ok';
  } catch (error) {
    const e = error as { status: number; messageKey: string };
    return `${e.status} ${e.messageKey}`;
  }
}

describe('scopeOf', () => {
  it('takes the actor of the report and the state of its cycle', () => {
    expect(scopeOf(place('closed', 'approved'))).toEqual({ actorId: 'A', cycleState: 'closed' });
  });
});

describe('checkReadable', () => {
  it.each([
    ['anonymous', null, 'open', 'submitted', '404 error.notFound'],
    ['no grant', noGrant, 'open', 'submitted', '404 error.notFound'],
    ['member', member, 'open', 'submitted', '403 error.forbidden'],
    ['focal point of B', focalB, 'open', 'submitted', '403 error.forbidden'],
    ['focal point of A', focalA, 'open', 'submitted', 'ok'],
    ['validator of A', validatorA, 'closed', 'draft', 'ok'],
    ['secretariat', secretariat, 'draft', 'draft', 'ok'],
    ['anonymous', null, 'published', 'approved', '404 error.notFound'],
    ['member', member, 'published', 'returned', '403 error.forbidden'],
    ['anonymous', null, 'published', 'accepted', 'ok'],
    ['no grant', noGrant, 'published', 'accepted', 'ok'],
  ] as [string, Principal | null, CycleState, ReportState, string][])(
    '%s, %s cycle, %s report: %s',
    (_name, p, cycle, state, expected) => {
      expect(outcome(() => checkReadable(place(cycle, state), p))).toBe(expected);
    },
  );
});

describe('checkEditable', () => {
  it.each([
    ['focal point of A', focalA, 'open', 'draft', 'ok'],
    ['focal point of A', focalA, 'open', 'returned', 'ok'],
    ['focal point of A', focalA, 'open', 'submitted', '409 error.reportNotEditable'],
    ['focal point of A', focalA, 'open', 'approved', '409 error.reportNotEditable'],
    ['focal point of A', focalA, 'closed', 'draft', '409 error.cycleLocked'],
    ['focal point of A', focalA, 'published', 'accepted', '409 error.cycleLocked'],
    ['validator of A', validatorA, 'open', 'draft', '403 error.forbidden'],
    ['secretariat', secretariat, 'open', 'draft', '403 error.forbidden'],
    ['focal point of B', focalB, 'open', 'draft', '403 error.forbidden'],
    ['no grant', noGrant, 'open', 'draft', '404 error.notFound'],
  ] as [string, Principal, CycleState, ReportState, string][])(
    '%s, %s cycle, %s report: %s',
    (_name, p, cycle, state, expected) => {
      expect(outcome(() => checkEditable(place(cycle, state), p))).toBe(expected);
    },
  );
  it('names the refusal by its reason', () => {
    const locked = () => checkEditable(place('closed', 'draft'), focalA);
    const wrong = () => checkEditable(place('open', 'submitted'), focalA);
    expect(locked).toThrow(expect.objectContaining({ code: 'cycle_locked' }));
    expect(wrong).toThrow(expect.objectContaining({ code: 'wrong_state' }));
  });

  it('says what was not found, for the problem document', () => {
    expect(() => checkEditable(place('open', 'draft'), noGrant)).toThrow('report not found');
  });
});
