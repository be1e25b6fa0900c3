/** A cycle's progress as the API shows it. */
import type { z } from '@hono/zod-openapi';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { ProgressSchema } from './progress.schema.ts';
import type { cycleProgress } from './progress.service.ts';

export function presentProgress(
  i18n: Translator,
  p: Awaited<ReturnType<typeof cycleProgress>>,
  scope: 'all' | 'accepted',
): z.infer<typeof ProgressSchema> {
  return {
    cycle: { id: p.cycle.id, period: p.cycle.period, state: p.cycle.state },
    scope,
    totals: p.totals,
    assessed: p.assessed,
    objectives: p.objectives.map((o) => ({
      code: o.code,
      level: o.level,
      activities: o.activities,
      counts: o.counts,
      covered: o.covered,
      assigned: o.assigned,
      progress: o.progress,
    })),
    byActor: p.actors.map((a) => ({
      actor: { key: a.key, type: a.type, iso: a.iso, name: i18n.pick(a.name) },
      // The public is told of accepted reports only, as the progress page and the map show them.
      report:
        a.report && (scope === 'all' || a.report.state === 'accepted')
          ? { id: a.report.id, state: a.report.state, late: a.report.late }
          : null,
      entries: a.progress?.entries ?? 0,
      covered: a.progress?.covered ?? 0,
      counts: a.progress?.counts ?? null,
    })),
    byType: Object.fromEntries(
      [...p.byType].map(([type, row]) => [type, { entries: row.entries, covered: row.covered, counts: row.counts }]),
    ),
  };
}
