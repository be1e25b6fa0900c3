/** A report's page: its state, the form to fill it in or its content to read, evidence, review and history. */

import { REPORT_SECTIONS, type ReportSectionKey } from '../../db/schema/index.ts';
import type { ReportPermissions } from '../../domain/report.policy.ts';
import { actorLabel, DateText, MetaList, Notice, RichText } from '../../web/components.tsx';
import { TextAreaField } from '../../web/form-controls.tsx';
import { ErrorSummary, type FormErrors, PostButton, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { type AgreementList, AgreementsSection } from '../meetings/agreement.views.tsx';
import { EntryEvidence, EvidenceSection } from './evidence.views.tsx';
import type { getReport } from './report.service.ts';
import type { ReportComment } from './report-comments.service.ts';
import { CommentForms, CommentThread } from './report-comments.views.tsx';
import type { ReportConflict } from './report-conflict.views.tsx';
import { EntryTitle, EntryView } from './report-entry.views.tsx';
import { ReportForm } from './report-form.views.tsx';
import { ReportHistory } from './report-history.views.tsx';
import { ReportStateBadge } from './reporting.views.tsx';
import { type StatusProposals, StatusProposalsSection } from './status-proposals.views.tsx';

type Base = { i18n: Translator; currentUrl: string };
type ReportDetail = Awaited<ReturnType<typeof getReport>>;

export function ReportPage(
  props: Base & {
    detail: ReportDetail;
    can: ReportPermissions;
    notice?: string | undefined;
    error?: string | undefined;
    errors?: FormErrors;
    conflict?: ReportConflict | undefined;
    agreements?: AgreementList;
    proposals?: StatusProposals;
    comments?: readonly ReportComment[];
    /** A refused comment, shown again in its activity's thread. */
    commentDraft?: { entryId: string; body: string; error?: string | undefined };
  },
) {
  const { i18n, detail, can } = props;
  const comments = props.comments ?? [];
  const thread = (e: ReportDetail['entries'][number], insideForm = false) =>
    can.follow ? (
      <CommentThread
        i18n={i18n}
        reportId={detail.report.id}
        entryId={e.id}
        code={e.item?.code ?? t('report.generalEntry')}
        comments={comments}
        canComment={can.comment}
        insideForm={insideForm}
        draft={props.commentDraft?.entryId === e.id ? props.commentDraft : undefined}
      />
    ) : null;
  const { t } = i18n;
  const lang = detail.programme?.language;
  const textLang = lang && lang !== i18n.locale ? lang : undefined;
  const programmeTitle = detail.programme ? i18n.pick(detail.programme.shortTitle) : '';
  const title = `${i18n.pick(detail.actor.name)} — ${detail.cycle.period}`;
  const sectionLabel = (key: ReportSectionKey) => t(`report.section.${key}`);
  const workflow = (action: 'submit' | 'withdraw' | 'approve' | 'accept', label: string) => (
    <PostButton
      action={`/reports/${detail.report.id}/${action}`}
      look={action === 'withdraw' ? 'secondary' : 'primary'}
      label={label}
    />
  );
  return (
    <Layout
      i18n={i18n}
      title={title}
      currentUrl={props.currentUrl}
      section="reporting"
      breadcrumbs={[
        { href: '/cycles', label: t('cycles.title') },
        { href: `/cycles/${detail.cycle.id}`, label: `${programmeTitle} ${detail.cycle.period}` },
        { label: actorLabel(i18n, detail.actor) },
      ]}
    >
      <p class="muted">{t('report.kicker', { period: detail.cycle.period, programme: programmeTitle })}</p>
      <h1>{detail.report.heading ?? i18n.pick(detail.actor.name)}</h1>
      <MetaList
        items={[
          [t('report.state'), <ReportStateBadge i18n={i18n} state={detail.report.state} late={detail.report.late} />],
          [t('cycles.deadline'), <DateText i18n={i18n} iso={detail.cycle.deadline} />],
          [t('report.version'), String(detail.report.version)],
        ]}
      />
      <Notice>{props.notice}</Notice>
      <ErrorSummary i18n={i18n} message={props.error} errors={props.errors} />
      {(detail.cycle.state === 'closed' || detail.cycle.state === 'published') &&
      (detail.report.state === 'draft' || detail.report.state === 'returned') ? (
        <Notice kind="warning">
          <p>
            {detail.cycle.closedAt
              ? t('report.lockedSince', { date: i18n.date(detail.cycle.closedAt) })
              : t('report.locked')}
          </p>
        </Notice>
      ) : null}
      {detail.report.state === 'returned' && detail.report.returnComment ? (
        <Notice kind="info">
          <p>
            <strong>{t('report.returnedWith')}</strong>
          </p>
          <p class="prose">{detail.report.returnComment}</p>
        </Notice>
      ) : null}
      {can.edit ? (
        <ReportForm i18n={i18n} detail={detail} conflict={props.conflict} thread={(e) => thread(e, true)} />
      ) : null}
      {can.edit && can.comment ? (
        <CommentForms reportId={detail.report.id} entryIds={detail.entries.map((e) => e.id)} />
      ) : null}
      {can.edit ? null : (
        <>
          <h2>{t('report.content')}</h2>
          {detail.entries.map((e) => (
            <section class="entry-view" aria-labelledby={`entry-${e.id}`}>
              <h3 id={`entry-${e.id}`}>
                <EntryTitle
                  i18n={i18n}
                  entry={e}
                  lang={lang}
                  code={<a href={`/items/${e.itemId}`}>{e.item?.code}</a>}
                />
              </h3>
              <EntryView i18n={i18n} entry={e} lang={textLang} />
              <EntryEvidence i18n={i18n} detail={detail} entryId={e.id} />
              {thread(e)}
            </section>
          ))}
          {REPORT_SECTIONS.filter((key) => detail.sections[key]).map((key) => (
            <section aria-labelledby={`section-${key}`}>
              <h3 id={`section-${key}`}>{sectionLabel(key)}</h3>
              <RichText html={detail.sections[key]} lang={textLang} />
            </section>
          ))}
        </>
      )}
      {props.agreements && props.agreements.length > 0 ? (
        <AgreementsSection
          i18n={i18n}
          agreements={props.agreements}
          heading={t('report.agreements')}
          headingId="report-agreements"
          hint={t('report.agreementsHint')}
        />
      ) : null}
      <StatusProposalsSection i18n={i18n} reportId={detail.report.id} proposals={props.proposals ?? []} />
      <EvidenceSection i18n={i18n} detail={detail} editable={can.edit} />
      {can.submit || can.withdraw || can.approve || can.accept || can.return ? (
        <section aria-labelledby="workflow-heading">
          <h2 id="workflow-heading">{t('report.workflow')}</h2>
          <div class="actions">
            {can.submit ? workflow('submit', t('report.submit')) : null}
            {can.withdraw ? workflow('withdraw', t('report.withdraw')) : null}
            {can.approve ? workflow('approve', t('report.approve')) : null}
            {can.accept ? workflow('accept', t('report.accept')) : null}
          </div>
          {can.withdraw ? <p class="hint">{t('report.withdrawHint')}</p> : null}
          {can.return ? (
            <PostForm action={`/reports/${detail.report.id}/return`} submit={t('report.return')} look="secondary">
              <TextAreaField
                id="return-comment"
                name="comment"
                label={t('report.returnComment')}
                hint={t('report.returnHint')}
                required
              />
            </PostForm>
          ) : null}
        </section>
      ) : null}
      <ReportHistory
        i18n={i18n}
        reportId={detail.report.id}
        events={detail.events}
        comments={comments}
        changes={can.follow && detail.events.some(({ event }) => event.toState === 'submitted')}
      />
    </Layout>
  );
}
