/**
 * Who may do what, as tables of principals written out by hand: anonymous,
 * signed in without grants, member, focal point and validator of actor A,
 * focal point and validator of actor B, secretariat.
 */
import { describe, expect, it } from 'vitest';
import { actorsInScope, canAdminister, canReadPrivate, isSecretariat, type Principal, refusalFor } from './authz.ts';
import { canSeeCycle } from './cycle.policy.ts';
import {
  canAcceptReport,
  canApproveReport,
  canEditReport,
  canReadReport,
  canReturnReport,
  canSubmitReport,
  canTakeStep,
  type ReportStep,
} from './report.policy.ts';
import type { CycleState, ReportState } from './report-workflow.ts';

const person = (grants: Principal['grants']): Principal => ({ userId: 'u', email: 'e@x', name: 'N', grants });

// The columns of every table below, in this order.
const principals: [string, Principal | null][] = [
  ['anonymous', null],
  ['no grant', person([])],
  ['member', person([{ role: 'member', actorId: null }])],
  ['focal point of A', person([{ role: 'focal_point', actorId: 'A' }])],
  ['validator of A', person([{ role: 'validator', actorId: 'A' }])],
  ['focal point of B', person([{ role: 'focal_point', actorId: 'B' }])],
  ['validator of B', person([{ role: 'validator', actorId: 'B' }])],
  ['secretariat', person([{ role: 'secretariat', actorId: null }])],
];
type Row<T> = [T, T, T, T, T, T, T, T];

const byPrincipal = <T>(expected: Row<T>) => principals.map(([name, p], i) => ({ name, p, expected: expected[i] }));

describe.each([
  ['isSecretariat', isSecretariat, [false, false, false, false, false, false, false, true]],
  ['canAdminister', canAdminister, [false, false, false, false, false, false, false, true]],
  ['canAcceptReport', canAcceptReport, [false, false, false, false, false, false, false, true]],
  ['canReadPrivate', canReadPrivate, [false, false, true, true, true, true, true, true]],
] as const)('%s', (_name, rule, expected) => {
  it.each(byPrincipal<boolean>([...expected] as Row<boolean>))('$name: $expected', ({ p, expected }) => {
    expect(rule(p)).toBe(expected);
  });
});

describe('refusalFor', () => {
  it.each(
    byPrincipal([
      'not_found',
      'not_found',
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
      'forbidden',
    ]),
  )('$name: $expected', ({ p, expected }) => {
    expect(refusalFor(p)).toBe(expected);
  });
});

describe('actorsInScope', () => {
  it.each(byPrincipal<string[]>([[], [], [], ['A'], ['A'], ['B'], ['B'], []]))(
    '$name: $expected',
    ({ p, expected }) => {
      expect(actorsInScope(p)).toEqual(expected);
    },
  );
  it('lists each actor once, from focal point and validator grants only', () => {
    const many = person([
      { role: 'focal_point', actorId: 'A' },
      { role: 'validator', actorId: 'A' },
      { role: 'member', actorId: 'C' },
      { role: 'validator', actorId: 'B' },
      { role: 'focal_point', actorId: null },
      { role: 'secretariat', actorId: 'D' },
    ]);
    expect(actorsInScope(many)).toEqual(['A', 'B']);
  });
});

describe('canSeeCycle', () => {
  it.each([
    ['draft', [false, false, true, true, true, true, true, true]],
    ['open', [false, false, true, true, true, true, true, true]],
    ['closed', [false, false, true, true, true, true, true, true]],
    ['published', [true, true, true, true, true, true, true, true]],
  ] as [CycleState, Row<boolean>][])('a %s cycle', (state, expected) => {
    expect(principals.map(([, p]) => canSeeCycle(p, state))).toEqual(expected);
  });
});

describe('canReadReport, a report of actor A', () => {
  const insiders: Row<boolean> = [false, false, false, true, true, false, false, true];
  const everyone: Row<boolean> = [true, true, true, true, true, true, true, true];
  it.each([
    ['draft', 'draft', insiders],
    ['draft', 'accepted', insiders],
    ['open', 'draft', insiders],
    ['open', 'submitted', insiders],
    ['open', 'approved', insiders],
    ['open', 'accepted', insiders],
    ['open', 'returned', insiders],
    ['closed', 'draft', insiders],
    ['closed', 'submitted', insiders],
    ['closed', 'approved', insiders],
    ['closed', 'accepted', insiders],
    ['closed', 'returned', insiders],
    // Publishing shows the accepted reports to everyone, and nothing else.
    ['published', 'draft', insiders],
    ['published', 'submitted', insiders],
    ['published', 'approved', insiders],
    ['published', 'accepted', everyone],
    ['published', 'returned', insiders],
  ] as [CycleState, ReportState, Row<boolean>][])('in a %s cycle, a %s report', (cycleState, state, expected) => {
    expect(principals.map(([, p]) => canReadReport(p, { actorId: 'A', cycleState, state }))).toEqual(expected);
  });
});

describe('acting on a report of actor A', () => {
  const scope = { actorId: 'A', cycleState: 'open' as const };
  it.each([
    ['canEditReport', canEditReport, [false, false, false, true, false, false, false, false]],
    ['canSubmitReport', canSubmitReport, [false, false, false, true, false, false, false, false]],
    ['canApproveReport', canApproveReport, [false, false, false, false, true, false, false, false]],
    ['canReturnReport', canReturnReport, [false, false, false, false, true, false, false, true]],
  ] as const)('%s', (_name, rule, expected) => {
    expect(principals.map(([, p]) => rule(p, scope))).toEqual(expected);
  });
  it.each([
    ['submit', [false, false, false, true, false, false, false, false]],
    ['withdraw', [false, false, false, true, false, false, false, false]],
    ['approve', [false, false, false, false, true, false, false, false]],
    ['accept', [false, false, false, false, false, false, false, true]],
    ['return', [false, false, false, false, true, false, false, true]],
  ] as [ReportStep, Row<boolean>][])('canTakeStep %s', (step, expected) => {
    expect(principals.map(([, p]) => canTakeStep(p, step, scope))).toEqual(expected);
  });
});
