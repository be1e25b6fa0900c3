/** Pages of reporting: the cycles, a cycle's board, and a report to fill in or review. */

import type { Child } from 'hono/jsx';
import { REPORT_SECTIONS, REPORT_STATES, type ReportSectionKey } from '../../db/schema/index.ts';
import type { MergeConflict } from '../../domain/report-merge.ts';
import { ITEM_STATUSES, isItemStatus } from '../../domain/status.ts';
import { ACTOR_TYPES, type ActorType } from '../../domain/vocabulary.ts';
import { actorLabel, DateText, Original, RichText, StatusBadge } from '../../web/components.tsx';
import { RichToolbar, TextAreaField } from '../../web/form-controls.tsx';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
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

export function ReportStateBadge({ i18n, state }: { i18n: Translator; state: string }) {
  return <span class={`badge report-${state}`}>{i18n.t(`reportState.${state as 'draft'}`)}</span>;
}

function CycleStateBadge({ i18n, state }: { i18n: Translator; state: string }) {
  return <span class={`badge cycle-${state}`}>{i18n.t(`cycleState.${state as 'draft'}`)}</span>;
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
      {props.cycles.length === 0 ? <p class="muted">{t('cycles.none')}</p> : null}
      {props.cycles.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('cycles.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cycles.period')}</th>
                <th scope="col">{t('cycles.programme')}</th>
                <th scope="col">{t('cycles.deadline')}</th>
                <th scope="col">{t('cycles.state')}</th>
              </tr>
            </thead>
            <tbody>
              {props.cycles.map(({ cycle, programme }) => (
                <tr>
                  <td>
                    <a href={`/cycles/${cycle.id}`}>{cycle.period}</a>
                  </td>
                  <td>{i18n.pick(programme.shortTitle)}</td>
                  <td>
                    <DateText i18n={i18n} iso={cycle.deadline} />
                  </td>
                  <td>
                    <CycleStateBadge i18n={i18n} state={cycle.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {props.programmes ? (
        <section aria-labelledby="new-cycle">
          <h2 id="new-cycle">{t('cycles.new')}</h2>
          <ErrorSummary i18n={i18n} errors={props.errors} />
          <form class="form" method="post" action="/cycles">
            <CsrfField />
            <div class="field">
              <label for="programme">{t('cycles.programme')}</label>
              <select id="programme" name="programme" aria-invalid={props.errors?.programme ? 'true' : undefined}>
                {props.programmes.map((p) => (
                  <option value={p.slug} selected={props.values?.programme === p.slug}>
                    {p.label}
                  </option>
                ))}
              </select>
            </div>
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
            <button class="button" type="submit">
              {t('cycles.create')}
            </button>
          </form>
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
    <form method="post" action={`/cycles/${cycle.id}/${name}`} class="inline-form">
      <CsrfField />
      <button class="button" type="submit">
        {label}
      </button>
    </form>
  );
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
      {props.notice ? (
        <div class="alert alert-success" role="status">
          {props.notice}
        </div>
      ) : null}
      <dl class="meta">
        <dt>{t('cycles.programme')}</dt>
        <dd>
          <a href={`/programmes/${props.programme.slug}`}>{i18n.pick(props.programme.shortTitle)}</a>
        </dd>
        <dt>{t('cycles.state')}</dt>
        <dd>
          <CycleStateBadge i18n={i18n} state={cycle.state} />
        </dd>
        <dt>{t('cycles.opensAt')}</dt>
        <dd>
          <DateText i18n={i18n} iso={cycle.opensAt} />
        </dd>
        <dt>{t('cycles.deadline')}</dt>
        <dd>
          <DateText i18n={i18n} iso={cycle.deadline} />
          {cycle.state === 'open' ? ` (${daysText(i18n, board.daysLeft)})` : ''}
        </dd>
      </dl>
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
        <details class="section">
          <summary>{t('cycles.introduction')}</summary>
          <div class="prose">
            {cycle.introduction.split(/\n\s*\n/).map((p) => (
              <p>{p}</p>
            ))}
          </div>
        </details>
      ) : null}
      {props.addressing ? <AddresseesSection i18n={i18n} cycleId={cycle.id} addressing={props.addressing} /> : null}
      <nav aria-label={t('progress.views')}>
        <ul class="tabs">
          <li>
            <a href={`/cycles/${cycle.id}`} aria-current="page">
              {t('board.reports')}
            </a>
          </li>
          <li>
            <a href={`/cycles/${cycle.id}/progress`}>{t('progress.title')}</a>
          </li>
          <li>
            <a href={`/cycles/${cycle.id}/matrix`}>{t('consolidated.matrix')}</a>
          </li>
        </ul>
      </nav>
      <h2>{props.manage ? t('board.title') : t('board.reports')}</h2>
      {props.manage ? (
        <form class="filters" method="get" action={`/cycles/${cycle.id}`} aria-label={t('filter.label')}>
          <div>
            <label for="f-state">{t('board.reportState')}</label>
            <select id="f-state" name="state">
              <option value="">{t('filter.all')}</option>
              {REPORT_STATES.map((s) => (
                <option value={s} selected={props.filter.state === s}>
                  {t(`reportState.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="f-type">{t('board.actorType')}</label>
            <select id="f-type" name="type">
              <option value="">{t('filter.all')}</option>
              {ACTOR_TYPES.map((ty) => (
                <option value={ty} selected={props.filter.type === ty}>
                  {t(`actorType.${ty}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button class="button" type="submit">
              {t('filter.apply')}
            </button>
          </div>
        </form>
      ) : null}
      <p class="result-count" role="status">
        {t('board.count', { shown: rows.length, total: board.rows.length })}
      </p>
      {remindable ? (
        <form method="post" action={`/cycles/${cycle.id}/reminders`} class="inline-form">
          <CsrfField />
          <button class="button secondary" type="submit">
            {t('board.remindAll', { count: unsent.length })}
          </button>
        </form>
      ) : null}
      {rows.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('board.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('board.actor')}</th>
                <th scope="col">{t('board.actorType')}</th>
                <th scope="col">{t('board.reportState')}</th>
                <th scope="col">{t('board.progress')}</th>
                <th scope="col">{t('board.deadline')}</th>
                <th scope="col">{t('board.lastActivity')}</th>
                {remindable ? <th scope="col">{t('board.remind')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/reports/${r.report.id}`}>{actorLabel(i18n, r.actor)}</a>
                  </td>
                  <td>{t(`actorType.${r.actor.type as ActorType}`)}</td>
                  <td>
                    <ReportStateBadge i18n={i18n} state={r.report.state} />
                    {r.report.late ? <span class="badge report-late">{t('report.late')}</span> : null}
                  </td>
                  <td>{t('board.filled', { filled: r.filled, total: r.entries })}</td>
                  <td>
                    {r.report.submittedAt
                      ? t('board.submittedOn', { date: i18n.date(r.report.submittedAt, 'medium') })
                      : cycle.state === 'open'
                        ? daysText(i18n, board.daysLeft)
                        : '—'}
                  </td>
                  <td>{i18n.date(r.report.updatedAt, 'medium')}</td>
                  {remindable ? (
                    <td>
                      {r.report.state === 'draft' || r.report.state === 'returned' ? (
                        <form method="post" action={`/cycles/${cycle.id}/reminders`} class="inline-form">
                          <CsrfField />
                          <input type="hidden" name="actor" value={r.actor.id} />
                          <button class="link-button" type="submit">
                            {t('board.remindOne')}
                            <span class="visually-hidden">{`: ${actorLabel(i18n, r.actor)}`}</span>
                          </button>
                        </form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
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
    <details class="section">
      <summary>{t(`cycles.${action}`)}</summary>
      <p class="hint">{t(`cycles.${action}Hint`)}</p>
      <form class="form" method="post" action={`/cycles/${cycleId}/${action}`}>
        <CsrfField />
        <TextAreaField id="step-back-reason" name="reason" label={t('cycles.stepBackReason')} required rows={3} />
        <button class="button secondary" type="submit">
          {t(`cycles.${action}`)}
        </button>
      </form>
    </details>
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
  const workflow = (action: 'submit' | 'withdraw' | 'approve' | 'accept', label: string) => (
    <form method="post" action={`/reports/${detail.report.id}/${action}`} class="inline-form">
      <CsrfField />
      <button class={action === 'withdraw' ? 'button secondary' : 'button'} type="submit">
        {label}
      </button>
    </form>
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
      <dl class="meta">
        <dt>{t('report.state')}</dt>
        <dd>
          <ReportStateBadge i18n={i18n} state={detail.report.state} />
          {detail.report.late ? <span class="badge report-late">{t('report.late')}</span> : null}
        </dd>
        <dt>{t('cycles.deadline')}</dt>
        <dd>
          <DateText i18n={i18n} iso={detail.cycle.deadline} />
        </dd>
        <dt>{t('report.version')}</dt>
        <dd>{detail.report.version}</dd>
      </dl>
      {props.notice ? (
        <div class="alert alert-success" role="status">
          {props.notice}
        </div>
      ) : null}
      <ErrorSummary i18n={i18n} message={props.error} errors={props.errors} />
      {(detail.cycle.state === 'closed' || detail.cycle.state === 'published') &&
      (detail.report.state === 'draft' || detail.report.state === 'returned') ? (
        <div class="alert alert-warning" role="note">
          <p>
            {detail.cycle.closedAt
              ? t('report.lockedSince', { date: i18n.date(detail.cycle.closedAt) })
              : t('report.locked')}
          </p>
        </div>
      ) : null}
      {detail.report.state === 'returned' && detail.report.returnComment ? (
        <div class="alert alert-info" role="note">
          <p>
            <strong>{t('report.returnedWith')}</strong>
          </p>
          <p class="prose">{detail.report.returnComment}</p>
        </div>
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
                <legend>
                  {e.item ? (
                    <>
                      <strong>{e.item.code}</strong>{' '}
                      <Original lang={lang ?? 'es'} i18n={i18n}>
                        {e.item.text}
                      </Original>
                    </>
                  ) : (
                    t('report.generalEntry')
                  )}
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
                  <div class="field">
                    <label for={`status-${e.id}`}>{t('report.statusAssessment')}</label>
                    <select id={`status-${e.id}`} name={`status:${e.id}`}>
                      <option value="">{t('report.noAssessment')}</option>
                      {ITEM_STATUSES.map((s) => (
                        <option value={s} selected={current?.statusAssessment === s}>
                          {t(`status.${s}`)}
                        </option>
                      ))}
                    </select>
                  </div>,
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
              <h3 id={`entry-${e.id}`}>
                {e.item ? (
                  <>
                    <a href={`/items/${e.itemId}`}>{e.item.code}</a>{' '}
                    <Original lang={lang ?? 'es'} i18n={i18n}>
                      {e.item.text}
                    </Original>
                  </>
                ) : (
                  t('report.generalEntry')
                )}
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
            <form class="form" method="post" action={`/reports/${detail.report.id}/return`}>
              <CsrfField />
              <div class="field">
                <label for="return-comment">{t('report.returnComment')}</label>
                <textarea id="return-comment" name="comment" required aria-describedby="return-hint" />
                <p class="hint" id="return-hint">
                  {t('report.returnHint')}
                </p>
              </div>
              <button class="button secondary" type="submit">
                {t('report.return')}
              </button>
            </form>
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
    <div class="field">
      <label for={id}>{t('report.evidenceFor')}</label>
      <select id={id} name="entryId">
        <option value="">{t('report.evidenceWholeReport')}</option>
        {detail.entries.map((e) => (
          <option value={e.id}>{e.item ? `${e.item.code} — ${shorten(e.item.text)}` : t('report.generalEntry')}</option>
        ))}
      </select>
    </div>
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
              <form method="post" action={`/reports/${detail.report.id}/evidence/${x.id}/remove`} class="inline-form">
                <CsrfField />{' '}
                <button type="submit" class="link-button">
                  {t('report.removeEvidence')}
                  <span class="visually-hidden">{`: ${x.title}`}</span>
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <div class="columns">
          <form
            class="form"
            method="post"
            action={`/reports/${detail.report.id}/evidence`}
            enctype="multipart/form-data"
          >
            <CsrfField />
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
            <button class="button secondary" type="submit">
              {t('report.upload')}
            </button>
          </form>
          <form class="form" method="post" action={`/reports/${detail.report.id}/evidence`}>
            <CsrfField />
            {target('evidence-link-entry')}
            <Field id="evidence-url" name="url" type="url" label={t('report.evidenceUrl')} required />
            <Field id="evidence-link-title" name="title" label={t('report.evidenceTitle')} required />
            <button class="button secondary" type="submit">
              {t('report.addLink')}
            </button>
          </form>
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
