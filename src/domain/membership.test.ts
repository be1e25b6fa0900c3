import { describe, expect, it } from 'vitest';
import { actorsReachedBy, groupsReaching, isMembershipCurrent, type Membership } from './membership.ts';

const memberships: Membership[] = [
  { actorId: 'mx', groupId: 'states', role: 'member', startsOn: '1948-04-30', endsOn: null },
  { actorId: 'ni', groupId: 'states', role: 'member', startsOn: '1948-04-30', endsOn: '2023-11-19' },
  { actorId: 'ca', groupId: 'states', role: 'member', startsOn: '1990-01-08', endsOn: null },
  { actorId: 'ar', groupId: 'crm', role: 'observer', startsOn: null, endsOn: null },
  { actorId: 'mx', groupId: 'crm', role: 'member', startsOn: null, endsOn: null },
];
const expandable = (id: string) => id === 'states' || id === 'crm';

describe('isMembershipCurrent', () => {
  it('holds from the start date and ends on the day the withdrawal took effect', () => {
    expect(isMembershipCurrent({ startsOn: '1948-04-30', endsOn: '2023-11-19' }, '2023-11-18')).toBe(true);
    expect(isMembershipCurrent({ startsOn: '1948-04-30', endsOn: '2023-11-19' }, '2023-11-19')).toBe(false);
    expect(isMembershipCurrent({ startsOn: '1990-01-08', endsOn: null }, '1989-12-31')).toBe(false);
  });
});

describe('an assignment to a group', () => {
  it('reaches each current member, not former members', () => {
    expect(actorsReachedBy('states', memberships, '2026-01-01', expandable).sort()).toEqual(['ca', 'mx', 'states']);
    expect(actorsReachedBy('states', memberships, '2020-01-01', expandable)).toContain('ni');
  });
  it('does not reach observers', () => {
    expect(actorsReachedBy('crm', memberships, '2026-01-01', expandable)).toEqual(['crm', 'mx']);
  });
  it('is found from the member side', () => {
    expect(groupsReaching('mx', memberships, '2026-01-01', expandable).sort()).toEqual(['crm', 'states']);
    expect(groupsReaching('ni', memberships, '2026-01-01', expandable)).toEqual([]);
    expect(groupsReaching('ar', memberships, '2026-01-01', expandable)).toEqual([]);
  });
  it('is a plain assignment for an actor that is not a group', () => {
    expect(actorsReachedBy('mx', memberships, '2026-01-01', expandable)).toEqual(['mx']);
  });

  it('holds from the day it starts, and until the day before it ends', () => {
    const m = { startsOn: '2020-01-01', endsOn: '2020-12-31' };
    expect(isMembershipCurrent(m, '2019-12-31')).toBe(false);
    expect(isMembershipCurrent(m, '2020-01-01')).toBe(true);
    expect(isMembershipCurrent(m, '2020-12-30')).toBe(true);
    expect(isMembershipCurrent(m, '2020-12-31')).toBe(false);
    expect(isMembershipCurrent({ startsOn: null, endsOn: '2020-12-31' }, '2020-06-01')).toBe(true);
    expect(isMembershipCurrent({ startsOn: '2020-01-01', endsOn: null }, '2020-06-01')).toBe(true);
  });

  it('reaches only the actor itself when it is not a group to expand, whatever its memberships say', () => {
    expect(actorsReachedBy('states', memberships, '2024-01-01', () => false)).toEqual(['states']);
  });
});
