/** Progress pages: a cycle's progress by objective, actor type and actor, with chart and map; the actor × item matrix. */
import { raw } from 'hono/html';
import type { MatrixSheet } from '../../domain/consolidated-report.ts';
import { ITEM_STATUSES, type ItemStatus } from '../../domain/status.ts';
import { ACTOR_TYPES, type ActorType } from '../../domain/vocabulary.ts';
import { actorLabel, MetaList, Notice, StatusBadge } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { FilterBar, FilterSelect } from '../../web/filters.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { ReportDownloads } from '../consolidated/report-downloads.views.tsx';
import { type AgreementList, AgreementsSection } from '../meetings/agreement.views.tsx';
import { CycleTabs, ReportStateBadge } from '../reporting/reporting.views.tsx';
import type { cycleProgress } from './progress.service.ts';

type Progress = Awaited<ReturnType<typeof cycleProgress>>;
type Objective = Progress['objectives'][number];
type ActorRow = Progress['actors'][number];
type TypeRow = NonNullable<ReturnType<Progress['byType']['get']>> & { type: ActorType };
type MatrixRow = MatrixSheet['rows'][number];
const STATUSES = [...ITEM_STATUSES, 'none' as const];

const percent = (i18n: Translator, share: number) => i18n.number(share, { style: 'percent', maximumFractionDigits: 0 });
const pct = (i18n: Translator, part: number, whole: number) => (whole === 0 ? '—' : percent(i18n, part / whole));

export function ProgressPage(props: {
  i18n: Translator;
  currentUrl: string;
  /** Only the reports the caller may see (the public: accepted ones). */
  progress: Progress;
  /** How many addressed actors have a report, seen or not. */
  reportsAddressed: number;
  chart: string;
  /** Null when no member state has a report to show. */
  map: string | null;
  draft: boolean;
  agreements?: AgreementList;
}) {
  const { i18n, progress, chart, map } = props;
  const { t } = i18n;
  const { cycle, programme } = progress;
  const title = `${i18n.pick(programme.shortTitle)} — ${cycle.period}`;
  const statusLabel = (s: ItemStatus | 'none') => t(`status.${s}`);
  const accepted = progress.actors.filter((a) => a.report?.state === 'accepted').length;
  const types = ACTOR_TYPES.filter((ty) => progress.byType.has(ty));
  // No activity has a status (reports transcribed as text, a plan without statuses): their columns would be zeros.
  const columns = progress.assessed ? STATUSES : [];
  return (
    <Layout
      i18n={i18n}
      title={`${t('progress.title')} — ${title}`}
      currentUrl={props.currentUrl}
      section="reporting"
      breadcrumbs={[
        { href: '/cycles', label: t('cycles.title') },
        { href: `/cycles/${cycle.id}`, label: cycle.period },
        { label: t('progress.title') },
      ]}
    >
      <p class="muted">{t('progress.title')}</p>
      <h1>{title}</h1>
      <CycleTabs i18n={i18n} cycleId={cycle.id} current="progress" />
      <MetaList
        items={[
          [t('progress.reportsAccepted'), t('progress.ofTotal', { part: accepted, total: props.reportsAddressed })],
          [
            t('consolidated.coverage'),
            `${pct(i18n, progress.totals.covered, progress.totals.assigned)} (${t('progress.ofTotal', { part: progress.totals.covered, total: progress.totals.assigned })})`,
          ],
          [t('progress.scope'), props.draft ? t('progress.scopeAll') : t('progress.scopeAccepted')],
        ]}
      />
      {progress.assessed ? null : (
        <Notice kind="info">
          <p>{t('progress.notAssessed')}</p>
        </Notice>
      )}
      {progress.assessed && progress.objectives.length > 0 ? (
        <section aria-labelledby="by-objective">
          <h2 id="by-objective">{t('progress.byObjective')}</h2>
          <figure class="chart">
            {raw(chart)}
            <figcaption>{t('progress.chartCaption')}</figcaption>
          </figure>
          <DataTable
            caption={t('progress.byObjective')}
            rows={progress.objectives}
            columns={[
              {
                header: t('consolidated.objective', { rows: progress.input.rollUp ?? 'objectives' }),
                rowHeader: true,
                cell: (o) => (
                  <a href={`/items/${o.id}`} title={o.text}>
                    {o.code}
                  </a>
                ),
              },
              { header: t('consolidated.activities'), cell: (o) => i18n.number(o.activities) },
              ...STATUSES.map((s) => ({ header: statusLabel(s), cell: (o: Objective) => i18n.number(o.counts[s]) })),
              { header: t('consolidated.coverage'), cell: (o) => pct(i18n, o.covered, o.assigned) },
              { header: t('consolidated.progress'), cell: (o) => percent(i18n, o.progress) },
            ]}
          />
        </section>
      ) : null}
      <section aria-labelledby="by-type">
        <h2 id="by-type">{t('progress.byType')}</h2>
        <DataTable
          caption={t('progress.byType')}
          rows={types.flatMap((type) => {
            const row = progress.byType.get(type);
            return row ? [{ type, ...row }] : [];
          })}
          columns={[
            { header: t('board.actorType'), rowHeader: true, cell: (r) => t(`actorType.${r.type}`) },
            { header: t('progress.entries'), cell: (r) => i18n.number(r.entries) },
            { header: t('progress.withText'), cell: (r) => i18n.number(r.covered) },
            ...columns.map((s) => ({ header: statusLabel(s), cell: (r: TypeRow) => i18n.number(r.counts[s]) })),
          ]}
        />
      </section>
      <section aria-labelledby="by-country">
        <h2 id="by-country">{t('progress.byCountry')}</h2>
        {map ? (
          <figure class="map">
            {raw(map)}
            <figcaption>{t('consolidated.figureMap', { number: 2 })}</figcaption>
          </figure>
        ) : (
          <p class="muted">{t('progress.noStateReports')}</p>
        )}
      </section>
      <section aria-labelledby="by-actor">
        <h2 id="by-actor">{t('progress.byActor')}</h2>
        <DataTable
          caption={t('progress.byActor')}
          rows={progress.actors}
          columns={[
            {
              header: t('board.actor'),
              rowHeader: true,
              cell: (a) => (
                <a href={a.report ? `/reports/${a.report.id}` : `/actors/${a.key}`}>{actorLabel(i18n, a)}</a>
              ),
            },
            { header: t('board.actorType'), cell: (a) => t(`actorType.${a.type as ActorType}`) },
            {
              header: t('board.reportState'),
              cell: (a) =>
                a.report ? (
                  <ReportStateBadge i18n={i18n} state={a.report.state} />
                ) : (
                  <span class="muted">{t('map.notAddressed')}</span>
                ),
            },
            {
              header: t('progress.withText'),
              cell: (a) =>
                a.progress ? `${i18n.number(a.progress.covered)} / ${i18n.number(a.progress.entries)}` : '—',
            },
            ...columns.map((s) => ({
              header: statusLabel(s),
              cell: (a: ActorRow) => i18n.number(a.progress?.counts[s] ?? 0),
            })),
          ]}
        />
      </section>
      {props.agreements && props.agreements.length > 0 ? (
        <section aria-labelledby="agreements-summary">
          <h2 id="agreements-summary">{t('progress.agreements')}</h2>
          <p>{t('progress.agreementsIntro')}</p>
          <ul class="counts">
            {STATUSES.filter((s) => s !== 'none').map((s) => {
              const n = props.agreements?.filter((a) => a.agreement.status === s).length ?? 0;
              return n > 0 ? <li>{`${statusLabel(s)}: ${i18n.number(n)}`}</li> : null;
            })}
          </ul>
          <AgreementsSection
            i18n={i18n}
            agreements={props.agreements}
            heading={t('meeting.agreements')}
            headingId="agreements-list"
          />
        </section>
      ) : null}
      <ReportDownloads
        i18n={i18n}
        cycleId={cycle.id}
        published={cycle.state === 'published'}
        secretariat={props.draft}
      />
    </Layout>
  );
}

export function MatrixPage(props: {
  i18n: Translator;
  currentUrl: string;
  progress: Progress;
  sheets: MatrixSheet[];
  level: string | undefined;
  type: string | undefined;
  draft: boolean;
}) {
  const { i18n, progress } = props;
  const { t } = i18n;
  const { cycle, programme } = progress;
  const sheet = props.sheets.find((s) => s.level === props.level) ?? props.sheets.at(-1);
  const typeOf = new Map(progress.actors.map((a) => [a.key, a.type]));
  const rows = (sheet?.rows ?? []).filter((r) => !props.type || typeOf.get(r.actorKey) === props.type);
  const title = `${i18n.pick(programme.shortTitle)} — ${cycle.period}`;
  return (
    <Layout
      i18n={i18n}
      title={`${t('consolidated.matrix')} — ${title}`}
      currentUrl={props.currentUrl}
      section="reporting"
      breadcrumbs={[
        { href: '/cycles', label: t('cycles.title') },
        { href: `/cycles/${cycle.id}`, label: cycle.period },
        { label: t('consolidated.matrix') },
      ]}
    >
      <p class="muted">{t('consolidated.matrix')}</p>
      <h1>{title}</h1>
      <CycleTabs i18n={i18n} cycleId={cycle.id} current="matrix" />
      <FilterBar i18n={i18n} action={`/cycles/${cycle.id}/matrix`}>
        <FilterSelect
          id="m-level"
          name="level"
          label={t('filter.level')}
          value={sheet?.level}
          options={props.sheets.map((s) => ({ value: s.level, label: s.levelName }))}
        />
        <FilterSelect
          id="m-type"
          name="type"
          label={t('board.actorType')}
          value={props.type}
          all={t('filter.all')}
          options={ACTOR_TYPES.filter((ty) => progress.actors.some((a) => a.type === ty)).map((ty) => ({
            value: ty,
            label: t(`actorType.${ty}`),
          }))}
        />
      </FilterBar>
      <p class="hint">{t('progress.matrixHint')}</p>
      {sheet ? (
        <DataTable
          caption={`${t('consolidated.matrix')}: ${sheet.levelName}`}
          region
          frameClass="matrix"
          rows={rows}
          columns={[
            { header: t('board.actor'), rowHeader: true, cell: (r) => r.actor },
            ...sheet.codes.map((c) => ({
              header: c.code,
              headerTitle: c.text,
              cell: (r: MatrixRow) => {
                const cell = r.cells[c.code];
                return cell === null || cell === undefined ? (
                  <span class="muted">·</span>
                ) : (
                  <StatusBadge i18n={i18n} status={cell === 'none' ? null : cell} />
                );
              },
            })),
          ]}
        />
      ) : (
        <p class="muted">{t('progress.noMatrix')}</p>
      )}
      <ReportDownloads
        i18n={i18n}
        cycleId={cycle.id}
        published={cycle.state === 'published'}
        secretariat={props.draft}
      />
    </Layout>
  );
}

export type TrendRow = {
  cycle: { id: string; period: string; state: string };
  reports: number;
  accepted: number;
  covered: number;
  assigned: number;
  progress: number;
};

export function TrendsPage(props: {
  i18n: Translator;
  currentUrl: string;
  programme: { slug: string; shortTitle: Record<string, string> };
  rows: TrendRow[];
}) {
  const { i18n, rows } = props;
  const { t } = i18n;
  const title = i18n.pick(props.programme.shortTitle);
  return (
    <Layout
      i18n={i18n}
      title={`${t('progress.trends')} — ${title}`}
      currentUrl={props.currentUrl}
      section="programmes"
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: `/programmes/${props.programme.slug}`, label: title },
        { label: t('progress.trends') },
      ]}
    >
      <p class="muted">{t('progress.trends')}</p>
      <h1>{title}</h1>
      <p class="lead">{t('progress.trendsIntro')}</p>
      <DataTable
        caption={t('progress.trends')}
        rows={rows}
        empty={<p class="muted">{t('cycles.none')}</p>}
        columns={[
          {
            header: t('cycles.period'),
            rowHeader: true,
            cell: (r) => <a href={`/cycles/${r.cycle.id}/progress`}>{r.cycle.period}</a>,
          },
          { header: t('cycles.state'), cell: (r) => t(`cycleState.${r.cycle.state as 'open'}`) },
          {
            header: t('progress.reportsAccepted'),
            cell: (r) => t('progress.ofTotal', { part: r.accepted, total: r.reports }),
          },
          { header: t('consolidated.coverage'), cell: (r) => pct(i18n, r.covered, r.assigned) },
          { header: t('consolidated.progress'), cell: (r) => percent(i18n, r.progress) },
        ]}
      />
    </Layout>
  );
}
