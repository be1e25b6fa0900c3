/** Progress pages: a cycle's progress by objective, actor type and actor, with chart and map; the actor × item matrix. */
import { raw } from 'hono/html';
import type { MatrixSheet } from '../../domain/consolidated-report.ts';
import { ITEM_STATUSES, type ItemStatus } from '../../domain/status.ts';
import { ACTOR_TYPES, type ActorType } from '../../domain/vocabulary.ts';
import { actorLabel, StatusBadge } from '../../web/components.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { ReportDownloads } from '../consolidated/report-downloads.views.tsx';
import { type AgreementList, AgreementsSection } from '../meetings/agreement.views.tsx';
import { ReportStateBadge } from '../reporting/reporting.views.tsx';
import type { cycleProgress } from './progress.service.ts';

type Progress = Awaited<ReturnType<typeof cycleProgress>>;
const STATUSES = [...ITEM_STATUSES, 'none' as const];

function CycleTabs({
  i18n,
  cycleId,
  current,
}: {
  i18n: Translator;
  cycleId: string;
  current: 'board' | 'progress' | 'matrix';
}) {
  const { t } = i18n;
  const tab = (key: typeof current, href: string, label: string) => (
    <li>
      <a href={href} aria-current={current === key ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
  return (
    <nav aria-label={t('progress.views')}>
      <ul class="tabs">
        {tab('board', `/cycles/${cycleId}`, t('board.reports'))}
        {tab('progress', `/cycles/${cycleId}/progress`, t('progress.title'))}
        {tab('matrix', `/cycles/${cycleId}/matrix`, t('consolidated.matrix'))}
      </ul>
    </nav>
  );
}

const pct = (i18n: Translator, part: number, whole: number) =>
  whole === 0 ? '—' : i18n.number(part / whole, { style: 'percent', maximumFractionDigits: 0 });

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
      <dl class="meta">
        <dt>{t('progress.reportsAccepted')}</dt>
        <dd>{t('progress.ofTotal', { part: accepted, total: props.reportsAddressed })}</dd>
        <dt>{t('consolidated.coverage')}</dt>
        <dd>{`${pct(i18n, progress.totals.covered, progress.totals.assigned)} (${t('progress.ofTotal', { part: progress.totals.covered, total: progress.totals.assigned })})`}</dd>
        <dt>{t('progress.scope')}</dt>
        <dd>{props.draft ? t('progress.scopeAll') : t('progress.scopeAccepted')}</dd>
      </dl>
      {progress.assessed ? null : (
        <div class="alert alert-info" role="note">
          <p>{t('progress.notAssessed')}</p>
        </div>
      )}
      {progress.assessed && progress.objectives.length > 0 ? (
        <section aria-labelledby="by-objective">
          <h2 id="by-objective">{t('progress.byObjective')}</h2>
          <figure class="chart">
            {raw(chart)}
            <figcaption>{t('progress.chartCaption')}</figcaption>
          </figure>
          <div class="table-wrap">
            <table>
              <caption>{t('progress.byObjective')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('consolidated.objective')}</th>
                  <th scope="col">{t('consolidated.activities')}</th>
                  {STATUSES.map((s) => (
                    <th scope="col">{statusLabel(s)}</th>
                  ))}
                  <th scope="col">{t('consolidated.coverage')}</th>
                  <th scope="col">{t('consolidated.progress')}</th>
                </tr>
              </thead>
              <tbody>
                {progress.objectives.map((o) => (
                  <tr>
                    <th scope="row">
                      <a href={`/items/${o.id}`} title={o.text}>
                        {o.code}
                      </a>
                    </th>
                    <td>{i18n.number(o.activities)}</td>
                    {STATUSES.map((s) => (
                      <td>{i18n.number(o.counts[s])}</td>
                    ))}
                    <td>{pct(i18n, o.covered, o.assigned)}</td>
                    <td>{i18n.number(o.progress, { style: 'percent', maximumFractionDigits: 0 })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="by-type">
        <h2 id="by-type">{t('progress.byType')}</h2>
        <div class="table-wrap">
          <table>
            <caption>{t('progress.byType')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('board.actorType')}</th>
                <th scope="col">{t('progress.entries')}</th>
                <th scope="col">{t('progress.withText')}</th>
                {columns.map((s) => (
                  <th scope="col">{statusLabel(s)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {types.map((ty) => {
                const row = progress.byType.get(ty);
                return row ? (
                  <tr>
                    <th scope="row">{t(`actorType.${ty}`)}</th>
                    <td>{i18n.number(row.entries)}</td>
                    <td>{i18n.number(row.covered)}</td>
                    {columns.map((s) => (
                      <td>{i18n.number(row.counts[s])}</td>
                    ))}
                  </tr>
                ) : null;
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="by-country">
        <h2 id="by-country">{t('progress.byCountry')}</h2>
        {map ? (
          <figure class="map">
            {raw(map)}
            <figcaption>{t('consolidated.figureMap')}</figcaption>
          </figure>
        ) : (
          <p class="muted">{t('progress.noStateReports')}</p>
        )}
      </section>
      <section aria-labelledby="by-actor">
        <h2 id="by-actor">{t('progress.byActor')}</h2>
        <div class="table-wrap">
          <table>
            <caption>{t('progress.byActor')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('board.actor')}</th>
                <th scope="col">{t('board.actorType')}</th>
                <th scope="col">{t('board.reportState')}</th>
                <th scope="col">{t('progress.withText')}</th>
                {columns.map((s) => (
                  <th scope="col">{statusLabel(s)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {progress.actors.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={a.report ? `/reports/${a.report.id}` : `/actors/${a.key}`}>{actorLabel(i18n, a)}</a>
                  </th>
                  <td>{t(`actorType.${a.type as ActorType}`)}</td>
                  <td>
                    {a.report ? (
                      <ReportStateBadge i18n={i18n} state={a.report.state} />
                    ) : (
                      <span class="muted">{t('map.notAddressed')}</span>
                    )}
                  </td>
                  <td>
                    {a.progress ? `${i18n.number(a.progress.covered)} / ${i18n.number(a.progress.entries)}` : '—'}
                  </td>
                  {columns.map((s) => (
                    <td>{i18n.number(a.progress?.counts[s] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
      <form class="filters" method="get" action={`/cycles/${cycle.id}/matrix`} aria-label={t('filter.label')}>
        <div>
          <label for="m-level">{t('filter.level')}</label>
          <select id="m-level" name="level">
            {props.sheets.map((s) => (
              <option value={s.level} selected={s.level === sheet?.level}>
                {s.levelName}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="m-type">{t('board.actorType')}</label>
          <select id="m-type" name="type">
            <option value="">{t('filter.all')}</option>
            {ACTOR_TYPES.filter((ty) => progress.actors.some((a) => a.type === ty)).map((ty) => (
              <option value={ty} selected={props.type === ty}>
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
      <p class="hint">{t('progress.matrixHint')}</p>
      {sheet ? (
        <div
          class="table-wrap matrix"
          tabindex={0}
          role="region"
          aria-label={`${t('consolidated.matrix')}: ${sheet.levelName}`}
        >
          <table>
            <caption>{`${t('consolidated.matrix')}: ${sheet.levelName}`}</caption>
            <thead>
              <tr>
                <th scope="col">{t('board.actor')}</th>
                {sheet.codes.map((c) => (
                  <th scope="col" title={c.text}>
                    {c.code}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">{r.actor}</th>
                  {sheet.codes.map((c) => {
                    const cell = r.cells[c.code];
                    return (
                      <td>
                        {cell === null || cell === undefined ? (
                          <span class="muted">·</span>
                        ) : (
                          <StatusBadge i18n={i18n} status={cell === 'none' ? null : cell} />
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
      {rows.length === 0 ? (
        <p class="muted">{t('cycles.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('progress.trends')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cycles.period')}</th>
                <th scope="col">{t('cycles.state')}</th>
                <th scope="col">{t('progress.reportsAccepted')}</th>
                <th scope="col">{t('consolidated.coverage')}</th>
                <th scope="col">{t('consolidated.progress')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/cycles/${r.cycle.id}/progress`}>{r.cycle.period}</a>
                  </th>
                  <td>{t(`cycleState.${r.cycle.state as 'open'}`)}</td>
                  <td>{t('progress.ofTotal', { part: r.accepted, total: r.reports })}</td>
                  <td>{pct(i18n, r.covered, r.assigned)}</td>
                  <td>{i18n.number(r.progress, { style: 'percent', maximumFractionDigits: 0 })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
