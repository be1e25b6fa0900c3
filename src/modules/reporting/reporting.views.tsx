/** Pages of reporting's cycles: the list of cycles with the form for a new one, and a cycle's board. */

import { REPORT_STATES } from '../../db/schema/index.ts';
import { ACTOR_TYPES, type ActorType } from '../../domain/vocabulary.ts';
import { actorLabel, DateText, Disclosure, MetaList, Notice, StateBadge } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { FilterBar, FilterSelect } from '../../web/filters.tsx';
import { SelectField, TextAreaField } from '../../web/form-controls.tsx';
import { ErrorSummary, Field, type FormErrors, PostButton, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { Tabs } from '../../web/navigation.tsx';
import { ReportDownloads } from '../consolidated/report-downloads.views.tsx';
import { AddresseesSection, type Addressing } from './addressees.views.tsx';
import type { CycleRow, cycleBoard, listCycles } from './cycle.service.ts';

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
