/** Pages of reporting: the cycles, a cycle's board, and a report to fill in or review. */

import type { Child } from 'hono/jsx';
import { REPORT_SECTIONS, REPORT_STATES, type ReportSectionKey } from '../../db/schema/index.ts';
import type { MergeConflict } from '../../domain/report-merge.ts';
import { ITEM_STATUSES, isItemStatus } from '../../domain/status.ts';
import { ACTOR_TYPES, type ActorType } from '../../domain/vocabulary.ts';
import {
  actorLabel,
  DateText,
  Disclosure,
  MetaList,
  Notice,
  Original,
  RichText,
  StateBadge,
  StatusBadge,
} from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { FilterBar, FilterSelect } from '../../web/filters.tsx';
import { RichToolbar, SelectField, TextAreaField } from '../../web/form-controls.tsx';
import { CsrfField, ErrorSummary, Field, type FormErrors, PostButton, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { Tabs } from '../../web/navigation.tsx';
import { ReportDownloads } from '../consolidated/report-downloads.views.tsx';
import { type AgreementList, AgreementsSection } from '../meetings/agreement.views.tsx';
import { AddresseesSection, type Addressing } from './addressees.views.tsx';
import type { CycleRow, cycleBoard, listCycles } from './cycle.service.ts';
import { ACCEPTED_EXTENSIONS } from './evidence.service.ts';
import type { getReport, ReportContent } from './report.service.ts';
import type { ReportComment } from './report-comments.service.ts';
import { CommentForms, CommentThread } from './report-comments.views.tsx';
import { ConflictChoice, ConflictSummary, conflictFieldName, type ReportConflict } from './report-conflict.views.tsx';
import { ReportHistory } from './report-history.views.tsx';
import { richTextForEditing } from './rich-text.ts';
import { type StatusProposals, StatusProposalsSection } from './status-proposals.views.tsx';

type Base = { i18n: Translator; currentUrl: string };

/** A report's state, and "late" beside it when it was sent after the deadline or is still unsent past it. */
export function ReportStateBadge({ i18n, state, late }: { i18n: Translator; state: string; late?: boolean }) {
  return (
    <>
      <StateBadge i18n={i18n} of="report" state={state} />
      {late ? <span class="badge report-late">{i18n.t('report.late')}</span> : null}
    </>
  );
}

/** The three views of a cycle: its reports, its progress and the actor × item matrix. */
export function CycleTabs({
  i18n,
  cycleId,
  current,
}: {
  i18n: Translator;
  cycleId: string;
  current: 'board' | 'progress' | 'matrix';
}) {
  const { t } = i18n;
  return (
    <Tabs
      label={t('progress.views')}
      tabs={[
        { href: `/cycles/${cycleId}`, label: t('board.reports'), current: current === 'board' },
        { href: `/cycles/${cycleId}/progress`, label: t('progress.title'), current: current === 'progress' },
        { href: `/cycles/${cycleId}/matrix`, label: t('consolidated.matrix'), current: current === 'matrix' },
      ]}
    />
  );
}

type CycleListRow = Awaited<ReturnType<typeof listCycles>>[number];

export function CyclesPage(
  props: Base & {
    cycles: CycleListRow[];
    programmes: { slug: string; label: string }[] | null;
    values?: Record<string, string>;
    errors?: FormErrors;
  },
) {
  const { i18n } = props;
  const { t } = i18n;
  return (
    <Layout i18n={i18n} title={t('cycles.title')} currentUrl={props.currentUrl} section="reporting">
      <h1>{t('cycles.title')}</h1>
      <p class="lead">{t('cycles.lead')}</p>
      <DataTable
        caption={t('cycles.title')}
        captionHidden
        rows={props.cycles}
        empty={<p class="muted">{t('cycles.none')}</p>}
        columns={[
          { header: t('cycles.period'), cell: ({ cycle }) => <a href={`/cycles/${cycle.id}`}>{cycle.period}</a> },
          { header: t('cycles.programme'), cell: ({ programme }) => i18n.pick(programme.shortTitle) },
          { header: t('cycles.deadline'), cell: ({ cycle }) => <DateText i18n={i18n} iso={cycle.deadline} /> },
          { header: t('cycles.state'), cell: ({ cycle }) => <StateBadge i18n={i18n} of="cycle" state={cycle.state} /> },
        ]}
      />
      {props.programmes ? (
        <section aria-labelledby="new-cycle">
          <h2 id="new-cycle">{t('cycles.new')}</h2>
          <ErrorSummary i18n={i18n} errors={props.errors} />
          <PostForm action="/cycles" submit={t('cycles.create')}>
            <SelectField
              id="programme"
              name="programme"
              label={t('cycles.programme')}
              value={props.values?.programme}
              error={props.errors?.programme}
              options={props.programmes.map((p) => ({ value: p.slug, label: p.label }))}
            />
            <Field
              id="period"
              name="period"
              label={t('cycles.period')}
              value={props.values?.period}
              error={props.errors?.period}
              hint={t('cycles.periodHint')}
              required
            />
            <Field
              id="opensAt"
              name="opensAt"
              type="date"
              label={t('cycles.opensAt')}
              value={props.values?.opensAt}
              error={props.errors?.opensAt}
              required
            />
            <Field
              id="deadline"
              name="deadline"
              type="date"
              label={t('cycles.deadline')}
              value={props.values?.deadline}
              error={props.errors?.deadline}
              required
            />
            <p class="hint">{t('cycles.addresseesHint')}</p>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}

type Board = Awaited<ReturnType<typeof cycleBoard>>;

export function daysText(i18n: Translator, days: number) {
  if (days === 0) return i18n.t('board.dueToday');
  return days > 0 ? i18n.t('board.daysLeft', { days }) : i18n.t('board.daysLate', { days: -days });
}

export function CyclePage(
  props: Base & {
    cycle: CycleRow;
    programme: { slug: string; shortTitle: Record<string, string> };
    board: Board;
    filter: { state?: string | undefined; type?: string | undefined };
    manage: boolean;
    notice?: string | undefined;
    addressing?: Addressing | undefined;
  },
) {
  const { i18n, cycle, board } = props;
  const { t } = i18n;
  const unsent = board.rows.filter((r) => r.report.state === 'draft' || r.report.state === 'returned');
  // The secretariat reminds focal points from the board while the cycle is open.
  const remindable = props.manage && cycle.state === 'open' && unsent.length > 0;
  const rows = board.rows.filter(
    (r) =>
      (!props.filter.state || r.report.state === props.filter.state) &&
      (!props.filter.type || r.actor.type === props.filter.type),
  );
  const title = `${i18n.pick(props.programme.shortTitle)} — ${cycle.period}`;
  const action = (name: 'open' | 'close' | 'publish', label: string) => (
    <PostButton action={`/cycles/${cycle.id}/${name}`} label={label} />
  );
  const remind = `/cycles/${cycle.id}/reminders`;
  return (
    <Layout
      i18n={i18n}
      title={title}
      currentUrl={props.currentUrl}
      section="reporting"
      breadcrumbs={[{ href: '/cycles', label: t('cycles.title') }, { label: cycle.period }]}
    >
      <p class="muted">{t('cycles.cycle')}</p>
      <h1>{cycle.title ? i18n.pick(cycle.title) : title}</h1>
      <Notice>{props.notice}</Notice>
      <MetaList
        items={[
          [
            t('cycles.programme'),
            <a href={`/programmes/${props.programme.slug}`}>{i18n.pick(props.programme.shortTitle)}</a>,
          ],
          [t('cycles.state'), <StateBadge i18n={i18n} of="cycle" state={cycle.state} />],
          [t('cycles.opensAt'), <DateText i18n={i18n} iso={cycle.opensAt} />],
          [
            t('cycles.deadline'),
            <>
              <DateText i18n={i18n} iso={cycle.deadline} />
              {cycle.state === 'open' ? ` (${daysText(i18n, board.daysLeft)})` : ''}
            </>,
          ],
        ]}
      />
      {props.manage ? (
        <div class="actions">
          {cycle.state === 'draft' ? action('open', t('cycles.open')) : null}
          {cycle.state === 'open' ? action('close', t('cycles.close')) : null}
          {cycle.state === 'closed' ? action('publish', t('cycles.publish')) : null}
          <a class="button secondary" href={`/cycles/${cycle.id}/edit`}>
            {t('cycleEdit.title')}
          </a>
        </div>
      ) : null}
      {props.manage && (cycle.state === 'closed' || cycle.state === 'published') ? (
        <StepBack i18n={i18n} cycleId={cycle.id} action={cycle.state === 'closed' ? 'reopen' : 'unpublish'} />
      ) : null}
      {cycle.introduction ? (
        <Disclosure summary={t('cycles.introduction')}>
          <div class="prose">
            {cycle.introduction.split(/\n\s*\n/).map((p) => (
              <p>{p}</p>
            ))}
          </div>
        </Disclosure>
      ) : null}
      {props.addressing ? <AddresseesSection i18n={i18n} cycleId={cycle.id} addressing={props.addressing} /> : null}
      <CycleTabs i18n={i18n} cycleId={cycle.id} current="board" />
      <h2>{props.manage ? t('board.title') : t('board.reports')}</h2>
      {props.manage ? (
        <FilterBar i18n={i18n} action={`/cycles/${cycle.id}`}>
          <FilterSelect
            id="f-state"
            name="state"
            label={t('board.reportState')}
            value={props.filter.state}
            all={t('filter.all')}
            options={REPORT_STATES.map((s) => ({ value: s, label: t(`reportState.${s}`) }))}
          />
          <FilterSelect
            id="f-type"
            name="type"
            label={t('board.actorType')}
            value={props.filter.type}
            all={t('filter.all')}
            options={ACTOR_TYPES.map((ty) => ({ value: ty, label: t(`actorType.${ty}`) }))}
          />
        </FilterBar>
      ) : null}
      <p class="result-count" role="status">
        {t('board.count', { shown: rows.length, total: board.rows.length })}
      </p>
      {remindable ? (
        <PostButton action={remind} look="secondary" label={t('board.remindAll', { count: unsent.length })} />
      ) : null}
      <DataTable
        caption={t('board.title')}
        captionHidden
        rows={rows}
        empty={null}
        columns={[
          {
            header: t('board.actor'),
            cell: (r) => <a href={`/reports/${r.report.id}`}>{actorLabel(i18n, r.actor)}</a>,
          },
          { header: t('board.actorType'), cell: (r) => t(`actorType.${r.actor.type as ActorType}`) },
          {
            header: t('board.reportState'),
            cell: (r) => <ReportStateBadge i18n={i18n} state={r.report.state} late={r.report.late} />,
          },
          { header: t('board.progress'), cell: (r) => t('board.filled', { filled: r.filled, total: r.entries }) },
          {
            header: t('board.deadline'),
            cell: (r) =>
              r.report.submittedAt
                ? t('board.submittedOn', { date: i18n.date(r.report.submittedAt, 'medium') })
                : cycle.state === 'open'
                  ? daysText(i18n, board.daysLeft)
                  : '—',
          },
          { header: t('board.lastActivity'), cell: (r) => i18n.date(r.report.updatedAt, 'medium') },
          remindable && {
            header: t('board.remind'),
            cell: (r) =>
              r.report.state === 'draft' || r.report.state === 'returned' ? (
                <PostButton
                  action={remind}
                  look="link"
                  fields={{ actor: r.actor.id }}
                  label={t('board.remindOne')}
                  named={`: ${actorLabel(i18n, r.actor)}`}
                />
              ) : null,
          },
        ]}
      />
      <ReportDownloads
        i18n={i18n}
        cycleId={cycle.id}
        published={cycle.state === 'published'}
        secretariat={props.manage}
      />
    </Layout>
  );
}

type ReportDetail = Awaited<ReturnType<typeof getReport>>;
/** Reopening a closed cycle or unpublishing a published one: behind a disclosure, with the reason asked for. */
function StepBack({ i18n, cycleId, action }: { i18n: Translator; cycleId: string; action: 'reopen' | 'unpublish' }) {
  const { t } = i18n;
  return (
    <Disclosure summary={t(`cycles.${action}`)}>
      <p class="hint">{t(`cycles.${action}Hint`)}</p>
      <PostForm action={`/cycles/${cycleId}/${action}`} submit={t(`cycles.${action}`)} look="secondary">
        <TextAreaField id="step-back-reason" name="reason" label={t('cycles.stepBackReason')} required rows={3} />
      </PostForm>
    </Disclosure>
  );
}

export type ReportPermissions = {
  /** Seeing the comments and the changes between submissions; `comment` adding to them now. */
  follow: boolean;
  comment: boolean;
  edit: boolean;
  submit: boolean;
  withdraw: boolean;
  approve: boolean;
  accept: boolean;
  return: boolean;
};

function EntryView({
  i18n,
  entry,
  lang,
}: {
  i18n: Translator;
  entry: ReportDetail['entries'][number];
  lang: string | undefined;
}) {
  const { t } = i18n;
  return (
    <>
      {entry.mandate ? (
        <>
          <h4>{t('report.mandate')}</h4>
          <RichText html={entry.mandate} lang={lang} />
        </>
      ) : null}
      <h4>{t('report.carriedOut')}</h4>
      {entry.carriedOut ? <RichText html={entry.carriedOut} lang={lang} /> : <p class="muted">{t('report.empty')}</p>}
      <h4>{t('report.planned')}</h4>
      {entry.planned ? <RichText html={entry.planned} lang={lang} /> : <p class="muted">{t('report.empty')}</p>}
      {entry.statusAssessment ? (
        <p>
          {`${t('report.statusAssessment')}: `}
          <StatusBadge i18n={i18n} status={entry.statusAssessment} />
        </p>
      ) : null}
    </>
  );
}

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
  const content: ReportContent = props.conflict?.yours.content ?? {
    entries: detail.entries.map((e) => ({
      id: e.id,
      carriedOut: e.carriedOut,
      planned: e.planned,
      statusAssessment: e.statusAssessment,
    })),
    sections: detail.sections,
  };
  const version = props.conflict?.current.version ?? detail.report.version;
  const entryOf = (id: string) => content.entries.find((e) => e.id === id);
  const conflict = props.conflict;
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
  /** An activity's code (`code`, as a link or in bold) and its text, as the programme words it. */
  const entryTitle = (e: ReportDetail['entries'][number], code: Child) =>
    e.item ? (
      <>
        {code}{' '}
        <Original lang={lang ?? 'es'} i18n={i18n}>
          {e.item.text}
        </Original>
      </>
    ) : (
      t('report.generalEntry')
    );
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
                <legend>{entryTitle(e, <strong>{e.item?.code}</strong>)}</legend>
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
                {thread(e, true)}
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
      ) : null}
      {can.edit && can.comment ? (
        <CommentForms reportId={detail.report.id} entryIds={detail.entries.map((e) => e.id)} />
      ) : null}
      {can.edit ? null : (
        <>
          <h2>{t('report.content')}</h2>
          {detail.entries.map((e) => (
            <section class="entry-view" aria-labelledby={`entry-${e.id}`}>
              <h3 id={`entry-${e.id}`}>{entryTitle(e, <a href={`/items/${e.itemId}`}>{e.item?.code}</a>)}</h3>
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

function EvidenceSection({ i18n, detail, editable }: { i18n: Translator; detail: ReportDetail; editable: boolean }) {
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
        label: e.item ? `${e.item.code} — ${shorten(e.item.text)}` : t('report.generalEntry'),
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
const shorten = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

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
function EntryEvidence({ i18n, detail, entryId }: { i18n: Translator; detail: ReportDetail; entryId: string }) {
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
