/** A report's evidence: the list with the forms to attach a file or a link, and each activity's own under its text. */

import { shorten } from '../../domain/shorten.ts';
import { SelectField } from '../../web/form-controls.tsx';
import { Field, PostButton, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { ACCEPTED_EXTENSIONS } from './evidence.service.ts';
import type { getReport } from './report.service.ts';

type ReportDetail = Awaited<ReturnType<typeof getReport>>;

export function EvidenceSection({
  i18n,
  detail,
  editable,
}: {
  i18n: Translator;
  detail: ReportDetail;
  editable: boolean;
}) {
  const { t } = i18n;
  if (!editable && detail.evidence.length === 0) return null;
  const codeOf = (entryId: string | null) => {
    if (!entryId) return null;
    const entry = detail.entries.find((e) => e.id === entryId);
    return entry?.item?.code ?? t('report.generalEntry');
  };
  const target = (id: string) => (
    <SelectField
      id={id}
      name="entryId"
      label={t('report.evidenceFor')}
      placeholder={t('report.evidenceWholeReport')}
      options={detail.entries.map((e) => ({
        value: e.id,
        label: e.item ? `${e.item.code} — ${shorten(e.item.text, 80)}` : t('report.generalEntry'),
      }))}
    />
  );
  return (
    <section aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">{t('report.evidence')}</h2>
      {detail.evidence.length === 0 ? <p class="muted">{t('report.noEvidence')}</p> : null}
      <ul>
        {detail.evidence.map((x) => (
          <li>
            {codeOf(x.entryId) ? <span class="badge">{codeOf(x.entryId)}</span> : null}{' '}
            <EvidenceLink evidence={x} i18n={i18n} />
            {editable ? (
              <>
                {' '}
                <PostButton
                  action={`/reports/${detail.report.id}/evidence/${x.id}/remove`}
                  look="link"
                  label={t('report.removeEvidence')}
                  named={`: ${x.title}`}
                />
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <div class="columns">
          <PostForm
            action={`/reports/${detail.report.id}/evidence`}
            submit={t('report.upload')}
            look="secondary"
            multipart
          >
            {target('evidence-file-entry')}
            <div class="field">
              <label for="evidence-file">{t('report.evidenceFile')}</label>
              <input
                id="evidence-file"
                type="file"
                name="file"
                accept={ACCEPTED_EXTENSIONS.join(',')}
                required
                aria-describedby="evidence-file-hint"
              />
              <p class="hint" id="evidence-file-hint">
                {t('report.evidenceFileHint', { types: ACCEPTED_EXTENSIONS.join(', ') })}
              </p>
            </div>
            <Field id="evidence-file-title" name="title" label={t('report.evidenceTitle')} />
          </PostForm>
          <PostForm action={`/reports/${detail.report.id}/evidence`} submit={t('report.addLink')} look="secondary">
            {target('evidence-link-entry')}
            <Field id="evidence-url" name="url" type="url" label={t('report.evidenceUrl')} required />
            <Field id="evidence-link-title" name="title" label={t('report.evidenceTitle')} required />
          </PostForm>
        </div>
      ) : null}
    </section>
  );
}

/** An activity's text cut to fit an option of a selector. */

function EvidenceLink({ i18n, evidence }: { i18n: Translator; evidence: ReportDetail['evidence'][number] }) {
  return (
    <>
      <a
        href={evidence.kind === 'link' ? (evidence.url ?? '#') : `/attachments/${evidence.id}`}
        rel={evidence.kind === 'link' ? 'noopener noreferrer' : undefined}
      >
        {evidence.title}
      </a>
      {evidence.kind === 'file' && evidence.size ? (
        <span class="muted">{` (${i18n.number(Math.max(1, Math.round(evidence.size / 1024)))} KB)`}</span>
      ) : null}
    </>
  );
}

/** The evidence attached to one activity, under its text. */
export function EntryEvidence({ i18n, detail, entryId }: { i18n: Translator; detail: ReportDetail; entryId: string }) {
  const list = detail.evidence.filter((x) => x.entryId === entryId);
  if (list.length === 0) return null;
  return (
    <>
      <h4>{i18n.t('report.evidence')}</h4>
      <ul>
        {list.map((x) => (
          <li>
            <EvidenceLink i18n={i18n} evidence={x} />
          </li>
        ))}
      </ul>
    </>
  );
}
