/**
 * The report form's fields (`carriedOut:<entry>`, `planned:<entry>`,
 * `status:<entry>`, `section:<key>`) as a ReportPatch — the same shape the
 * API and the autosave script send.
 */
import { REPORT_SECTIONS } from '../../db/schema/index.ts';
import { isItemStatus } from '../../domain/status.ts';
import type { ReportPatch } from './reporting.schema.ts';

export function patchFromForm(body: Record<string, unknown>): ReportPatch {
  const entries = new Map<string, NonNullable<ReportPatch['entries']>[number]>();
  const entry = (id: string) => {
    const e = entries.get(id) ?? { id };
    entries.set(id, e);
    return e;
  };
  const sections: NonNullable<ReportPatch['sections']> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') continue;
    const [field, id] = name.split(':');
    if (!id) continue;
    if (field === 'carriedOut') entry(id).carriedOut = value;
    else if (field === 'planned') entry(id).planned = value;
    else if (field === 'status') entry(id).statusAssessment = isItemStatus(value) ? value : null;
    else if (field === 'section' && (REPORT_SECTIONS as readonly string[]).includes(id))
      sections[id as keyof typeof sections] = value;
  }
  return { entries: [...entries.values()], sections };
}

/**
 * The report form after a collision carries, for each field both people
 * changed, the sender's text (`mine:<field>`), a choice (`resolve:<field>`:
 * mine, theirs or edit) and a combined text (`edit:<field>`). The fields as
 * chosen: "theirs" leaves the field out, so the saved text stays. A field
 * without a choice keeps the sender's text and is listed as unresolved.
 */
export function resolveConflictChoices(body: Record<string, unknown>): {
  fields: Record<string, unknown>;
  unresolved: string[];
} {
  const fields: Record<string, unknown> = {};
  const unresolved: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (!/^(mine|resolve|edit):/.test(name)) fields[name] = value;
  }
  for (const [name, mine] of Object.entries(body)) {
    if (!name.startsWith('mine:')) continue;
    const field = name.slice('mine:'.length);
    const choice = body[`resolve:${field}`];
    if (choice === 'theirs') continue;
    if (choice === 'edit' && typeof body[`edit:${field}`] === 'string') fields[field] = body[`edit:${field}`];
    else fields[field] = mine;
    if (choice !== 'mine' && choice !== 'edit') unresolved.push(field);
  }
  return { fields, unresolved };
}
