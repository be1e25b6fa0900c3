/**
 * The pages that ask before a step of the cycle or a submission, saying what
 * will happen: opening creates a report per addressee and writes to their
 * focal points; closing locks the reports not yet sent; publishing makes the
 * accepted ones public; submitting sends the report on, with the activities
 * left empty listed.
 */
import type { Context } from 'hono';
import { checkCycleTransition } from '../../domain/cycle-workflow.ts';
import { daysToDeadline } from '../../domain/report-workflow.ts';
import { today } from '../../domain/zoned-time.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl } from '../../http/pages.ts';
import { render } from '../../http/render.tsx';
import { actorLabel } from '../../web/components.tsx';
import { ConfirmPage } from '../../web/confirm.tsx';
import { cycleStepPreview, getCycle } from './cycle.service.ts';
import type { getReport } from './report.service.ts';
import { daysText } from './reporting.views.tsx';

type Ctx = Context<AppEnv>;

/** The page asking before a step, or null when the cycle is in no state for it (the step then says why). */
export async function confirmCycleStep(c: Ctx, id: string, action: 'open' | 'close' | 'publish') {
  const { db } = c.var.deps;
  const i18n = c.var.i18n;
  const { t } = i18n;
  const [{ cycle, programme }, preview] = await Promise.all([
    getCycle(db, id, c.var.principal),
    cycleStepPreview(db, id),
  ]);
  if (!checkCycleTransition(action, cycle.state).ok) return null;
  const name = `${i18n.pick(programme.shortTitle)} ${cycle.period}`;
  const days = daysText(i18n, daysToDeadline(cycle.deadline, today()));
  const deadline = t('confirm.deadline', { date: i18n.date(cycle.deadline), days });
  const lines =
    action === 'open'
      ? [t('confirm.open.body', { count: preview.addressed }), deadline]
      : action === 'close'
        ? [
            t('confirm.close.body', { unsent: preview.unsent, total: preview.total }),
            t('confirm.close.pending', { pending: preview.pending }),
            deadline,
          ]
        : [t('confirm.publish.body', { accepted: preview.accepted, total: preview.total })];
  return render(
    c,
    <ConfirmPage
      i18n={i18n}
      currentUrl={currentUrl(c)}
      section="reporting"
      title={t(`confirm.${action}.title`, { name })}
      breadcrumbs={[
        { href: '/cycles', label: t('cycles.title') },
        { href: `/cycles/${id}`, label: name },
      ]}
      lines={lines}
      action={`/cycles/${id}/${action}`}
      confirm={t(`confirm.${action}.button`, { count: preview.addressed })}
      cancel={{ href: `/cycles/${id}`, label: t('confirm.cancel') }}
    />,
  );
}

export function confirmSubmit(c: Ctx, detail: Awaited<ReturnType<typeof getReport>>) {
  const i18n = c.var.i18n;
  const { t } = i18n;
  const id = detail.report.id;
  const empty = detail.entries.filter((e) => !e.carriedOut.trim() && !e.planned.trim());
  const actor = actorLabel(i18n, detail.actor);
  return render(
    c,
    <ConfirmPage
      i18n={i18n}
      currentUrl={currentUrl(c)}
      section="reporting"
      title={t('confirm.submit.title', { actor, period: detail.cycle.period })}
      breadcrumbs={[
        { href: '/cycles', label: t('cycles.title') },
        { href: `/reports/${id}`, label: `${actor} — ${detail.cycle.period}` },
      ]}
      lines={[
        t('confirm.submit.body', { actor }),
        empty.length > 0
          ? t('confirm.submit.empty', {
              count: empty.length,
              total: detail.entries.length,
              carriedOut: t('report.carriedOut'),
              planned: t('report.planned'),
            })
          : t('confirm.submit.full', { total: detail.entries.length }),
      ]}
      list={{
        heading: t('confirm.submit.emptyList'),
        items: empty.map((e) => (
          <>
            <strong>{e.item?.code ?? t('report.generalEntry')}</strong> {e.item?.text ?? ''}
          </>
        )),
      }}
      action={`/reports/${id}/submit`}
      confirm={empty.length > 0 ? t('confirm.submit.buttonAnyway') : t('confirm.submit.button')}
      cancel={{ href: `/reports/${id}`, label: t('confirm.submit.back') }}
    />,
  );
}
