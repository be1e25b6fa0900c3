/**
 * Reports: who may read one, follow the work on it, comment, change it and
 * move it along the workflow; and the checks that refuse the others, as
 * services, pages and the board all ask them.
 */
import { AppError, forbidden, notFound } from '../errors.ts';
import { holds, isSecretariat, type Principal, refusalFor } from './authz.ts';
import { type CycleState, checkTransition, commentsOpen, type ReportState } from './report-workflow.ts';

export type ReportScope = { actorId: string; cycleState: 'draft' | 'open' | 'closed' | 'published' };

/** Reading a report: the secretariat, the actor's own people, and anyone once the cycle is published. */
export function canReadReport(p: Principal | null, r: ReportScope & { state: string }): boolean {
  if (r.cycleState === 'published' && r.state === 'accepted') return true;
  return isSecretariat(p) || holds(p, 'focal_point', r.actorId) || holds(p, 'validator', r.actorId);
}

/**
 * Following the work on a report — its comments and the changes between its
 * submissions: the secretariat and the actor's own people, never the public,
 * even once the report is published.
 */
export const canFollowReport = (p: Principal | null, actorId: string): boolean =>
  isSecretariat(p) || holds(p, 'focal_point', actorId) || holds(p, 'validator', actorId);

/** As what someone comments on a report of `actorId`: a reviewer (secretariat, then validator) or its focal point. */
export function commentRole(p: Principal | null, actorId: string): 'secretariat' | 'validator' | 'focal_point' | null {
  if (isSecretariat(p)) return 'secretariat';
  if (holds(p, 'validator', actorId)) return 'validator';
  if (holds(p, 'focal_point', actorId)) return 'focal_point';
  return null;
}

export const canEditReport = (p: Principal | null, r: ReportScope): boolean => holds(p, 'focal_point', r.actorId);
export const canSubmitReport = canEditReport;
export const canApproveReport = (p: Principal | null, r: ReportScope): boolean => holds(p, 'validator', r.actorId);
export const canAcceptReport = (p: Principal | null): boolean => isSecretariat(p);
export const canReturnReport = (p: Principal | null, r: ReportScope): boolean =>
  isSecretariat(p) || holds(p, 'validator', r.actorId);

export type ReportStep = 'submit' | 'withdraw' | 'approve' | 'accept' | 'return';

/** Who may move a report along the workflow, step by step. */
export function canTakeStep(p: Principal | null, step: ReportStep, r: ReportScope): boolean {
  switch (step) {
    case 'submit':
    case 'withdraw':
      return canSubmitReport(p, r);
    case 'approve':
      return canApproveReport(p, r);
    case 'accept':
      return canAcceptReport(p);
    case 'return':
      return canReturnReport(p, r);
  }
}

/** What the checks need of a loaded report. */
export type ReportPlace = { report: { actorId: string; state: ReportState }; cycle: { state: CycleState } };

export const scopeOf = (head: ReportPlace) => ({ actorId: head.report.actorId, cycleState: head.cycle.state });

/** Throws unless the caller may read the report: 404 for the anonymous and the grantless, 403 for other signed-in people. */
export function checkReadable(head: ReportPlace, principal: Principal | null): void {
  if (canReadReport(principal, { ...scopeOf(head), state: head.report.state })) return;
  throw refusalFor(principal) === 'forbidden' ? forbidden() : notFound('report');
}

/** Throws unless the caller may change the report now: its focal point, while a draft (or returned) in an open cycle. */
export function checkEditable(head: ReportPlace, principal: Principal): void {
  checkReadable(head, principal);
  if (!canEditReport(principal, scopeOf(head))) throw forbidden();
  const check = checkTransition('edit', head.report.state, head.cycle.state);
  if (!check.ok) {
    throw new AppError(
      check.reason,
      409,
      check.reason === 'cycle_locked' ? 'error.cycleLocked' : 'error.reportNotEditable',
    );
  }
}

export type ReportPermissions = {
  /** Seeing the comments and the changes between submissions; `comment` adding to them now. */
  follow: boolean;
  comment: boolean;
  edit: boolean;
} & Record<ReportStep, boolean>;

/**
 * What a person may do with a report now, as its page offers it: the same
 * rules the services enforce (the person's role for the actor, then whether
 * the report's state and its cycle's allow the step).
 */
export function reportPermissions(p: Principal | null, head: ReportPlace): ReportPermissions {
  const scope = scopeOf(head);
  const { state } = head.report;
  const cycleState = head.cycle.state;
  const step = (s: ReportStep) => canTakeStep(p, s, scope) && checkTransition(s, state, cycleState).ok;
  const follow = canFollowReport(p, head.report.actorId);
  return {
    follow,
    comment: commentRole(p, head.report.actorId) !== null && commentsOpen(state, cycleState),
    edit: canEditReport(p, scope) && checkTransition('edit', state, cycleState).ok,
    submit: step('submit'),
    withdraw: step('withdraw'),
    approve: step('approve'),
    accept: step('accept'),
    return: step('return'),
  };
}
