/**
 * What a change in the audit trail changed, as people read it: the fields
 * whose value differs between before and after, each value written out
 * (lists joined, nested objects compact), in the order the after-state names
 * them, then fields only the before-state had.
 */
export type AuditChange = { field: string; before: string; after: string };

/** A value as text: nothing for null, lists joined, numbers, booleans and objects as (compact) JSON. */
export function auditValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(auditValue).join(', ');
  return JSON.stringify(value);
}

const fieldsOf = (state: unknown): Record<string, unknown> =>
  state !== null && typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : {};

export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const was = fieldsOf(before);
  const now = fieldsOf(after);
  const keys = [...new Set([...Object.keys(now), ...Object.keys(was)])];
  return keys.flatMap((field) => {
    const change = { field, before: auditValue(was[field]), after: auditValue(now[field]) };
    return change.before === change.after ? [] : [change];
  });
}
