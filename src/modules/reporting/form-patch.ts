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
