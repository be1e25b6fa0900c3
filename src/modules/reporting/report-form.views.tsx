/**
 * The form a focal point fills a report in with: each activity's texts and
 * status, the report's sections, saved as a draft (and by autosave). After a
 * save that collided with another person's, a field both changed shows the
 * two texts to choose between (report-conflict.views.tsx).
 */

import type { Child } from 'hono/jsx';
import { REPORT_SECTIONS, type ReportSectionKey } from '../../db/schema/index.ts';
import type { MergeConflict } from '../../domain/report-merge.ts';
import { ITEM_STATUSES, isItemStatus } from '../../domain/status.ts';
import { RichToolbar, SelectField, TextAreaField } from '../../web/form-controls.tsx';
import { CsrfField } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { EntryEvidence } from './evidence.views.tsx';
import type { getReport, ReportContent } from './report.service.ts';
import { ConflictChoice, ConflictSummary, conflictFieldName, type ReportConflict } from './report-conflict.views.tsx';
import { EntryTitle } from './report-entry.views.tsx';
import { richTextForEditing } from './rich-text.ts';

type ReportDetail = Awaited<ReturnType<typeof getReport>>;
type ReportEntry = ReportDetail['entries'][number];

export function ReportForm({
  i18n,
  detail,
  conflict,
  thread,
}: {
  i18n: Translator;
  detail: ReportDetail;
  conflict: ReportConflict | undefined;
  /** An activity's comment thread, inside the form. */
  thread: (entry: ReportEntry) => Child;
}) {
  const { t } = i18n;
  const lang = detail.programme?.language;
  const content: ReportContent = conflict?.yours.content ?? {
    entries: detail.entries.map((e) => ({
      id: e.id,
      carriedOut: e.carriedOut,
      planned: e.planned,
      statusAssessment: e.statusAssessment,
    })),
    sections: detail.sections,
  };
  const version = conflict?.current.version ?? detail.report.version;
  const entryOf = (id: string) => content.entries.find((e) => e.id === id);
  const inConflict = new Set(conflict?.conflicts.map(conflictFieldName));
  const codeOf = (entryId: string) => {
    const item = detail.entries.find((e) => e.id === entryId)?.item;
    return item?.code ?? t('report.generalEntry');
  };
  const fieldLabel = (c: MergeConflict) =>
    'section' in c ? sectionLabel(c.section as ReportSectionKey) : `${codeOf(c.entryId)} — ${t(`report.${c.field}`)}`;
  const showStatus = (value: string) => (isItemStatus(value) ? t(`status.${value}`) : t('report.noAssessment'));
  /** The field as a choice between two texts when both people changed it, else `field`. */
  const choiceOr = (c: MergeConflict, field: Child) => {
    if (!conflict || !inConflict.has(conflictFieldName(c))) return field;
    const pick = (side: ReportContent) =>
      'section' in c
        ? side.sections[c.section as ReportSectionKey]
        : String(side.entries.find((e) => e.id === c.entryId)?.[c.field] ?? '');
    return (
      <ConflictChoice
        i18n={i18n}
        name={conflictFieldName(c)}
        label={fieldLabel(c)}
        saved={pick(conflict.current.content)}
        mine={pick(conflict.yours.content)}
        savedVersion={conflict.current.version}
        show={'field' in c && c.field === 'statusAssessment' ? showStatus : undefined}
      />
    );
  };
  const sectionLabel = (key: ReportSectionKey) => t(`report.section.${key}`);
  return (
    <form
      class="form report-form"
      method="post"
      action={`/reports/${detail.report.id}`}
      data-autosave={conflict ? undefined : `/api/v1/reports/${detail.report.id}`}
      data-msg-saving={t('report.autosave.saving')}
      data-msg-saved={t('report.autosave.saved')}
      data-msg-error={t('report.autosave.error')}
    >
      <CsrfField />
      <input type="hidden" name="version" value={String(version)} />
      {conflict ? <ConflictSummary i18n={i18n} conflict={conflict} labelOf={fieldLabel} /> : null}
      <p class="hint">{t('report.editHint')}</p>
      <RichToolbar i18n={i18n} />
      {detail.entries.map((e) => {
        const current = entryOf(e.id);
        return (
          <fieldset class="entry">
            <legend>
              <EntryTitle i18n={i18n} entry={e} lang={lang} code={<strong>{e.item?.code}</strong>} />
            </legend>
            {choiceOr(
              { entryId: e.id, field: 'carriedOut' },
              <TextAreaField
                id={`carried-${e.id}`}
                name={`carriedOut:${e.id}`}
                rich
                label={t('report.carriedOut')}
                value={richTextForEditing(current?.carriedOut ?? '')}
              />,
            )}
            {choiceOr(
              { entryId: e.id, field: 'planned' },
              <TextAreaField
                id={`planned-${e.id}`}
                name={`planned:${e.id}`}
                rich
                label={t('report.planned')}
                value={richTextForEditing(current?.planned ?? '')}
              />,
            )}
            {choiceOr(
              { entryId: e.id, field: 'statusAssessment' },
              <SelectField
                id={`status-${e.id}`}
                name={`status:${e.id}`}
                label={t('report.statusAssessment')}
                value={current?.statusAssessment ?? ''}
                placeholder={t('report.noAssessment')}
                options={ITEM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              />,
            )}
            <EntryEvidence i18n={i18n} detail={detail} entryId={e.id} />
            {thread(e)}
          </fieldset>
        );
      })}
      {REPORT_SECTIONS.map((key) =>
        choiceOr(
          { section: key },
          <TextAreaField
            id={`section-${key}`}
            name={`section:${key}`}
            rich
            label={sectionLabel(key)}
            value={richTextForEditing(content.sections[key])}
            hint={t(`report.sectionHint.${key}`)}
          />,
        ),
      )}
      <div class="actions">
        <button class="button" type="submit">
          {t('report.saveDraft')}
        </button>
        <span class="autosave-status" role="status" aria-live="polite" />
      </div>
    </form>
  );
}
