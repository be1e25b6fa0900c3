import { describe, expect, it } from 'vitest';
import type { Principal } from './authz.ts';
import { canEditProgrammes } from './programme.policy.ts';

const person = (grants: Principal['grants']): Principal => ({ userId: 'u', email: 'e@x', name: 'N', grants });

describe('canEditProgrammes', () => {
  it.each([
    ['anonymous', null, false],
    ['no grant', person([]), false],
    ['member', person([{ role: 'member', actorId: null }]), false],
    ['focal point', person([{ role: 'focal_point', actorId: 'A' }]), false],
    ['validator', person([{ role: 'validator', actorId: 'A' }]), false],
    ['secretariat', person([{ role: 'secretariat', actorId: null }]), true],
  ] as [string, Principal | null, boolean][])('%s: %s', (_name, p, expected) => {
    expect(canEditProgrammes(p)).toBe(expected);
  });
});
