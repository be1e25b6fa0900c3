/** Page routes of a cycle's progress and matrix. The public sees published cycles, counted on accepted reports. */
import { Hono } from 'hono';
import { z } from 'zod';
import { canAdminister } from '../../domain/authz.ts';
import { ACTOR_TYPES } from '../../domain/vocabulary.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl, orSignIn, parseOr400 } from '../../http/pages.ts';
import { sameForPeers } from '../../http/peer-pages.ts';
import { render } from '../../http/render.tsx';
import { chartLabel, renderStatusChart } from '../../render/charts/status-chart.ts';
import { americasShapes } from '../../web/map-assets.ts';
import { matrixSheets, reportStateMap } from '../consolidated/compose.service.ts';
import { agreementsForProgramme } from '../meetings/meeting.service.ts';
import { SlugParam } from '../programmes/programme.schema.ts';
import { cycleProgress, programmeTrends } from './progress.service.ts';
import { MatrixPage, ProgressPage, TrendsPage } from './progress.views.tsx';

const Id = z.object({ id: z.uuid() });
const MatrixQuery = z.object({
  level: z
    .string()
    .regex(/^[a-z]+(_[a-z]+)*$/)
    .max(60)
    .optional(),
  type: z.enum(ACTOR_TYPES).optional(),
});

export const progressPages = new Hono<AppEnv>()
  .get('/cycles/:id/progress', async (c) => {
    // Drafts shown by the person's rights: the same for every peer.
    sameForPeers(c);
    const { id } = parseOr400(Id, c.req.param(), '');
    const draft = canAdminister(c.var.principal);
    const progress = await orSignIn(c, () =>
      cycleProgress(c.var.deps.db, id, c.var.principal, draft ? 'all' : 'accepted'),
    );
    const i18n = c.var.i18n;
    const chart = await renderStatusChart({
      title: i18n.t('consolidated.figureChart', { number: 1 }),
      rows: progress.objectives.map((o) => ({ label: chartLabel(o), counts: o.counts })),
      statusLabels: Object.fromEntries(
        Object.keys(progress.totals.counts).map((s) => [s, i18n.t(`status.${s as 'none'}`)]),
      ) as Parameters<typeof renderStatusChart>[0]['statusLabels'],
    });
    const visible = progress.actors.map((a) => ({
      ...a,
      report: a.report && (draft || a.report.state === 'accepted') ? a.report : null,
    }));
    // A map where no member state has a report would be all grey: it is left out, and the page says why.
    const map = visible.some((a) => a.iso && a.report)
      ? reportStateMap(i18n, visible, (reportId) => `/reports/${reportId}`, americasShapes().path)
      : null;
    const agreements = await agreementsForProgramme(c.var.deps.db, progress.programme.id, c.var.principal);
    return render(
      c,
      <ProgressPage
        i18n={i18n}
        currentUrl={currentUrl(c)}
        progress={{ ...progress, actors: visible }}
        reportsAddressed={progress.actors.filter((a) => a.report).length}
        chart={chart}
        map={map}
        draft={draft}
        agreements={agreements}
      />,
    );
  })
  .get('/programmes/:slug/progress', async (c) => {
    const { slug } = parseOr400(SlugParam, c.req.param(), '');
    const scope = canAdminister(c.var.principal) ? 'all' : 'accepted';
    const { programme, rows } = await programmeTrends(c.var.deps.db, slug, c.var.principal, scope);
    return render(c, <TrendsPage i18n={c.var.i18n} currentUrl={currentUrl(c)} programme={programme} rows={rows} />);
  })
  .get('/cycles/:id/matrix', async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const query = parseOr400(
      MatrixQuery,
      Object.fromEntries(Object.entries(c.req.query()).filter(([k, v]) => v !== '' && (k === 'level' || k === 'type'))),
      '',
    );
    const draft = canAdminister(c.var.principal);
    const progress = await orSignIn(c, () =>
      cycleProgress(c.var.deps.db, id, c.var.principal, draft ? 'all' : 'accepted'),
    );
    const sheets = matrixSheets(progress, c.var.i18n);
    return render(
      c,
      <MatrixPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        progress={progress}
        sheets={sheets}
        level={query.level}
        type={query.type}
        draft={draft}
      />,
    );
  });
