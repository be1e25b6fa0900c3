import { describe, expect, it } from 'vitest';
import { auditChanges, auditValue } from './audit-changes.ts';

describe('auditValue', () => {
  it('writes each kind of value as text', () => {
    expect(auditValue(null)).toBe('');
    expect(auditValue(undefined)).toBe('');
    expect(auditValue('abierto')).toBe('abierto');
    expect(auditValue(3)).toBe('3');
    expect(auditValue(false)).toBe('false');
    expect(auditValue(['mx', 'gt'])).toBe('mx, gt');
    expect(auditValue({ role: 'member' })).toBe('{"role":"member"}');
  });
});

describe('auditChanges', () => {
  it('lists only the fields whose value changed, after-state order first', () => {
    expect(auditChanges({ state: 'open', period: '2025' }, { state: 'closed', period: '2025', reason: 'Fin' })).toEqual(
      [
        { field: 'state', before: 'open', after: 'closed' },
        { field: 'reason', before: '', after: 'Fin' },
      ],
    );
  });
  it('keeps a field only the before-state had', () => {
    expect(auditChanges({ id: 'a', title: 'Acta' }, null)).toEqual([
      { field: 'id', before: 'a', after: '' },
      { field: 'title', before: 'Acta', after: '' },
    ]);
  });
  it('reads a state that is not an object as having no fields', () => {
    expect(auditChanges('x', ['y'])).toEqual([]);
    expect(auditChanges(undefined, { active: true })).toEqual([{ field: 'active', before: '', after: 'true' }]);
  });
});
