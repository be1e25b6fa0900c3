/** What the progress API answers: a cycle's roll-ups, and trends across a programme's cycles. */
import { z } from '@hono/zod-openapi';
import { CYCLE_STATES, REPORT_STATES } from '../../db/schema/index.ts';
import { ITEM_STATUSES } from '../../domain/status.ts';
import { ACTOR_TYPES } from '../../domain/vocabulary.ts';

/** How many activities are in each status (`none`: no status known). */
export const StatusCountsSchema = z
  .object(
    Object.fromEntries([...ITEM_STATUSES, 'none'].map((s) => [s, z.number().int()])) as Record<
      (typeof ITEM_STATUSES)[number] | 'none',
      z.ZodNumber
    >,
  )
  .openapi('StatusCounts');

const CycleRef = z.object({ id: z.uuid(), period: z.string(), state: z.enum(CYCLE_STATES) });
const Share = z.number().min(0).max(1).openapi({ description: 'From 0 to 1' });
const Scope = z.enum(['all', 'accepted']).openapi({
  description: '`accepted`: only accepted reports count (the public); `all`: every report (the secretariat)',
});

export const ProgressSchema = z
  .object({
    cycle: CycleRef,
    scope: Scope,
    totals: z.object({ counts: StatusCountsSchema, covered: z.number().int(), assigned: z.number().int() }),
    assessed: z.boolean().openapi({
      description:
        'false when no activity has a status: the reports assess none (transcribed as text) and the plan records none, so the status counts say nothing',
    }),
    objectives: z.array(
      z.object({
        code: z.string(),
        level: z.string(),
        activities: z.number().int(),
        counts: StatusCountsSchema,
        covered: z.number().int().openapi({ description: 'Assigned (activity, actor) pairs with a report entry' }),
        assigned: z.number().int(),
        progress: Share,
      }),
    ),
    byActor: z.array(
      z.object({
        actor: z.object({
          key: z.string(),
          type: z.enum(ACTOR_TYPES),
          iso: z.string().nullable(),
          name: z.string(),
        }),
        report: z.object({ id: z.uuid(), state: z.enum(REPORT_STATES), late: z.boolean() }).nullable(),
        entries: z.number().int(),
        covered: z.number().int(),
        counts: StatusCountsSchema.nullable(),
      }),
    ),
    byType: z.record(
      z.string(),
      z.object({ entries: z.number().int(), covered: z.number().int(), counts: StatusCountsSchema }),
    ),
  })
  .openapi('Progress');

export const TrendSchema = z
  .object({
    cycle: CycleRef,
    reports: z.number().int(),
    accepted: z.number().int(),
    covered: z.number().int(),
    assigned: z.number().int(),
    counts: StatusCountsSchema,
    progress: Share,
  })
  .openapi('Trend');
