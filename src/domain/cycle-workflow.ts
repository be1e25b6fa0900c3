/**
 * The life of a reporting cycle: created as a draft, opened (reports go out),
 * closed after the deadline (only the review may finish), published. No step
 * is skipped; the only ways back are one step each, with a reason: a closed
 * cycle reopened, a published one unpublished (closed again).
 */
export type CycleState = 'draft' | 'open' | 'closed' | 'published';
export type CycleAction = 'open' | 'close' | 'publish' | 'reopen' | 'unpublish';

const transitions: Record<CycleAction, { from: CycleState; to: CycleState }> = {
  open: { from: 'draft', to: 'open' },
  close: { from: 'open', to: 'closed' },
  publish: { from: 'closed', to: 'published' },
  reopen: { from: 'closed', to: 'open' },
  unpublish: { from: 'published', to: 'closed' },
};

export type CycleCheck = { ok: true; to: CycleState } | { ok: false; reason: 'cycle_state' };

/** Whether `action` may happen to a cycle in `state`, and the state it leads to. */
export function checkCycleTransition(action: CycleAction, state: CycleState): CycleCheck {
  const rule = transitions[action];
  return state === rule.from ? { ok: true, to: rule.to } : { ok: false, reason: 'cycle_state' };
}
