import { describe, expect, it } from 'vitest';
import { ProgrammeFileSchema } from './bundled-data.schema.ts';

const programme = (item: Record<string, unknown>) => ({
  source: 'data/sources/004_….txt',
  slug: 'plan',
  kind: 'plan_of_action',
  language: 'es',
  title: { es: 'Plan', en: 'Plan' },
  shortTitle: { es: 'Plan', en: 'Plan' },
  edition: '2006',
  status: 'in_force',
  summary: { es: 'Plan.', en: 'Plan.' },
  levels: [{ key: 'activity', name: { es: 'Actividad', en: 'Activity' }, plural: { es: 'A', en: 'A' } }],
  items: [{ code: 'PGM-8.2.1', level: 'activity', text: 'TALLER', ...item }],
});
const problems = (item: Record<string, unknown>) => {
  const parsed = ProgrammeFileSchema.safeParse(programme(item));
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('a bundled programme’s assignments and mentions', () => {
  it('takes an actor in two roles, and actors the notes name apart from those assigned, with a note’s due date', () => {
    expect(
      problems({
        actors: [
          { actor: 'mx', role: 'responsible' },
          { actor: 'mx', role: 'sponsor' },
        ],
        mentions: ['sv', 'pa'],
        notes: [{ date: '2006-11-29', due: '2007-01-31', text: 'REMITIRÁN LA MATRIZ' }],
      }),
    ).toEqual([]);
  });

  it('refuses an actor twice in one role', () => {
    expect(
      problems({
        actors: [
          { actor: 'mx', role: 'responsible' },
          { actor: 'mx', role: 'responsible' },
        ],
      }),
    ).toEqual(['PGM-8.2.1: an actor twice in one role']);
  });

  it('refuses an actor mentioned twice, or both assigned and mentioned', () => {
    const message = 'PGM-8.2.1: an actor mentioned twice, or both assigned and mentioned';
    expect(problems({ mentions: ['pa', 'pa'] })).toEqual([message]);
    expect(problems({ actors: [{ actor: 'pa', role: 'responsible' }], mentions: ['pa'] })).toEqual([message]);
  });

  it('refuses a due date that is not a date', () => {
    expect(problems({ notes: [{ date: '2006-11-29', due: '31 de enero', text: 'REMITIRÁN' }] })).toHaveLength(1);
  });
});
