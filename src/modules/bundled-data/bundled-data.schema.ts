/** The shape of the YAML files in `data/` (see data/README.md), checked before anything is written. */
import { z } from 'zod';
import { ITEM_STATUSES } from '../../domain/status.ts';
import {
  ACTOR_TYPES,
  ASSIGNMENT_ROLES,
  BEST_PRACTICE_SOURCES,
  DOCUMENT_TYPES,
  LEVEL_KEY,
  LIBRARY_LANGUAGES,
  LIBRARY_VISIBILITIES,
  PROGRAMME_KINDS,
  PROGRAMME_STATUSES,
} from '../../domain/vocabulary.ts';

const IsoDate = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);
const Key = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const Translated = z.record(z.string().regex(/^[a-z]{2}$/), z.string().min(1));
const RequiredTranslated = Translated.refine((t) => t.es !== undefined && t.en !== undefined, {
  message: 'needs es and en',
});

export const ActorsFileSchema = z.object({
  source: z.string().min(1),
  actors: z.array(
    z.object({
      key: Key,
      type: z.enum(ACTOR_TYPES),
      name: RequiredTranslated,
      acronym: Translated.optional(),
      parent: Key.optional(),
      iso: z
        .string()
        .regex(/^[A-Z]{2}$/)
        .optional(),
      memberships: z
        .array(
          z.object({
            of: Key,
            role: z.enum(['member', 'observer']),
            from: IsoDate.optional(),
            to: IsoDate.optional(),
            note: RequiredTranslated.optional(),
          }),
        )
        .optional(),
    }),
  ),
});
export type ActorsFile = z.infer<typeof ActorsFileSchema>;

const NoteSchema = z.object({
  date: IsoDate,
  text: z.string().min(1),
  status: z.enum(ITEM_STATUSES).optional(),
  /** A deadline or a future event the note announces: when it is due, not when the note was written. */
  due: IsoDate.optional(),
});

export type ItemInput = {
  code: string;
  level: string;
  text: string;
  actors?: { actor: string; role: (typeof ASSIGNMENT_ROLES)[number] }[] | undefined;
  mentions?: string[] | undefined;
  codeMade?: boolean | undefined;
  serves?: string[] | undefined;
  calendar?: string | undefined;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
  status?: (typeof ITEM_STATUSES)[number] | undefined;
  notes?: z.infer<typeof NoteSchema>[] | undefined;
  children?: ItemInput[] | undefined;
};

const ItemSchema: z.ZodType<ItemInput> = z.lazy(() =>
  z
    .object({
      code: z.coerce.string().min(1),
      level: LEVEL_KEY,
      text: z.string().min(1),
      actors: z.array(z.object({ actor: Key, role: z.enum(ASSIGNMENT_ROLES) })).optional(),
      /** Actors the plan's notes name (hosts, participants, proposers) without giving them the item to do. */
      mentions: z.array(Key).optional(),
      /** The source prints no code: this one was made by Enlace. */
      codeMade: z.boolean().optional(),
      serves: z.array(z.coerce.string()).optional(),
      calendar: z.string().optional(),
      startsOn: IsoDate.optional(),
      endsOn: IsoDate.optional(),
      status: z.enum(ITEM_STATUSES).optional(),
      notes: z.array(NoteSchema).optional(),
      children: z.array(ItemSchema).optional(),
    })
    .superRefine((item, ctx) => {
      const roles = (item.actors ?? []).map((a) => `${a.actor} ${a.role}`);
      if (new Set(roles).size < roles.length) {
        ctx.addIssue({ code: 'custom', path: ['actors'], message: `${item.code}: an actor twice in one role` });
      }
      const assigned = new Set((item.actors ?? []).map((a) => a.actor));
      const mentioned = item.mentions ?? [];
      if (new Set(mentioned).size < mentioned.length || mentioned.some((key) => assigned.has(key))) {
        ctx.addIssue({
          code: 'custom',
          path: ['mentions'],
          message: `${item.code}: an actor mentioned twice, or both assigned and mentioned`,
        });
      }
    }),
);

export const ProgrammeFileSchema = z.object({
  source: z.string().min(1),
  slug: Key,
  kind: z.enum(PROGRAMME_KINDS),
  language: z.string().regex(/^[a-z]{2}$/),
  title: RequiredTranslated,
  shortTitle: RequiredTranslated,
  issuingBody: Key.optional(),
  adoptionReference: z.string().optional(),
  adoptionDate: IsoDate.optional(),
  edition: z.coerce.string(),
  status: z.enum(PROGRAMME_STATUSES),
  summary: RequiredTranslated,
  editorialNote: RequiredTranslated.optional(),
  editionNote: RequiredTranslated.optional(),
  levels: z.array(z.object({ key: LEVEL_KEY, name: RequiredTranslated, plural: RequiredTranslated })).min(1),
  mandates: z
    .array(
      z.object({
        reference: z.string().min(1),
        title: z.string().optional(),
        paragraphs: z.coerce.string().optional(),
      }),
    )
    .optional(),
  actors: z
    .array(
      z.object({
        actor: Key,
        role: z.enum(['programme_actor', 'coordinator', 'secretariat', 'invited']),
        description: z.string().optional(),
      }),
    )
    .optional(),
  sections: z
    .array(
      z.object({
        key: z.string().min(1),
        heading: z.string().min(1),
        /** The heading in other languages, by language code: the body stays as printed. */
        headingTranslated: Translated.optional(),
        body: z.string().min(1),
      }),
    )
    .optional(),
  items: z.array(ItemSchema).min(1),
});
export type ProgrammeFile = z.infer<typeof ProgrammeFileSchema>;

/** A later edition of a bundled programme: derived from it as a user derives one, then the items it rewords. */
export const EditionFileSchema = z.object({
  source: z.string().min(1),
  slug: Key,
  from: Key,
  edition: z.coerce.string(),
  status: z.enum(PROGRAMME_STATUSES),
  shortTitle: RequiredTranslated.optional(),
  summary: RequiredTranslated.optional(),
  editorialNote: RequiredTranslated.optional(),
  items: z.array(z.object({ code: z.string().min(1), text: z.string().min(1) })).min(1),
});
export type EditionFile = z.infer<typeof EditionFileSchema>;

const Text = z.string().min(1);

export const CycleFileSchema = z.object({
  source: z.string().min(1),
  programme: Key,
  period: z.coerce.string(),
  opensAt: IsoDate,
  deadline: IsoDate,
  state: z.literal('published'),
  title: RequiredTranslated,
  introduction: Text.optional(),
  background: Text.optional(),
  conclusion: Text.optional(),
  reports: z
    .array(
      z.object({
        actor: Key,
        heading: Text.optional(),
        /** The group the chapter is printed under: an actor's key ("sedi") or `additional`. */
        group: Key.optional(),
        entries: z
          .array(
            z.object({
              item: z.coerce.string().optional(),
              mandate: Text.optional(),
              carriedOut: Text.optional(),
              planned: Text.optional(),
            }),
          )
          .default([]),
        sections: z
          .object({ best_practices: Text.optional(), new_proposals: Text.optional(), calendar: Text.optional() })
          .default({}),
      }),
    )
    .min(1),
});
export type CycleFile = z.infer<typeof CycleFileSchema>;

const ItemRef = z.object({ programme: Key, item: z.coerce.string() });

export const MeetingsFileSchema = z.object({
  source: z.string().min(1),
  meetings: z.array(
    z.object({
      key: Key,
      body: Key,
      kind: z.enum([
        'formal_session',
        'informal_session',
        'conference',
        'workshop',
        'seminar',
        'training',
        'expert_meeting',
      ]),
      title: z.string().min(1),
      description: z.string().optional(),
      startsOn: IsoDate,
      endsOn: IsoDate,
      dateText: z.string().optional(),
      location: z.string().optional(),
      state: z.enum(['planned', 'confirmed', 'held', 'cancelled']),
      visibility: z.enum(['public', 'members']).default('public'),
      languages: z.array(z.string()).optional(),
      invited: z.array(Key).optional(),
      participants: z.array(z.object({ actor: Key, people: z.string().optional() })).optional(),
      agenda: z
        .array(z.object({ title: z.string().min(1), programme: Key.optional(), item: z.coerce.string().optional() }))
        .optional(),
      agreements: z
        .array(
          z.object({
            text: z.string().min(1),
            owners: z.array(Key).min(1),
            dueDate: IsoDate.optional(),
            status: z.enum(ITEM_STATUSES).default('not_started'),
            items: z.array(ItemRef).optional(),
            notes: z.array(NoteSchema).optional(),
          }),
        )
        .optional(),
    }),
  ),
});
export type MeetingsFile = z.infer<typeof MeetingsFileSchema>;

/** Documents of the library (data/library/*.yaml): the source documents themselves, their text in `data/`. */
export const LibraryFileSchema = z.object({
  documents: z
    .array(
      z.object({
        key: Key,
        title: RequiredTranslated,
        summary: RequiredTranslated.optional(),
        type: z.enum(DOCUMENT_TYPES),
        languages: z.array(z.enum(LIBRARY_LANGUAGES)).min(1),
        issuedOn: IsoDate.optional(),
        countries: z.array(Key).default([]),
        actors: z.array(Key).default([]),
        /** The file, relative to the data folder, and the name it is downloaded as. */
        file: z.string().regex(/^sources\/[A-Za-z0-9_.-]+\.txt$/),
        filename: z.string().min(1),
      }),
    )
    .min(1),
});
export type LibraryFile = z.infer<typeof LibraryFileSchema>;

/**
 * Best practices a source describes (data/best-practices/*.yaml), published in
 * the library: the texts as printed, in the language they are written in, and
 * where they were told — an actor's report in a bundled cycle, or a meeting.
 */
export const BestPracticesFileSchema = z.object({
  source: z.string().min(1),
  bestPractices: z
    .array(
      z
        .object({
          key: Key,
          actor: Key,
          language: z.enum(LIBRARY_LANGUAGES),
          title: Translated,
          summary: Translated.optional(),
          done: Translated,
          results: Translated.optional(),
          periodStart: IsoDate.optional(),
          periodEnd: IsoDate.optional(),
          source: z.enum(BEST_PRACTICE_SOURCES),
          /** The cycle whose report by `actor` told it (source `report`). */
          report: z.object({ programme: Key, period: z.coerce.string() }).optional(),
          /** The key of the bundled meeting it was told at (source `meeting`). */
          meeting: Key.optional(),
          items: z.array(ItemRef).default([]),
          /** Keys of bundled library documents about it. */
          documents: z.array(Key).default([]),
          visibility: z.enum(LIBRARY_VISIBILITIES).default('public'),
        })
        .superRefine((p, ctx) => {
          // The loader names the record (its key) with the path.
          const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
          for (const field of ['title', 'done', 'summary', 'results'] as const) {
            const text = p[field];
            if (text !== undefined && text[p.language] === undefined)
              problem(field, `no text in its language (${p.language})`);
          }
          if (p.periodStart && p.periodEnd && p.periodEnd < p.periodStart)
            problem('periodEnd', 'ends before it starts');
          if ((p.source === 'report') !== (p.report !== undefined))
            problem('report', 'a report is given exactly when the source is `report`');
          if ((p.source === 'meeting') !== (p.meeting !== undefined))
            problem('meeting', 'a meeting is given exactly when the source is `meeting`');
        }),
    )
    .min(1)
    .refine((list) => new Set(list.map((p) => p.key)).size === list.length, { message: 'a key used twice' }),
});
export type BestPracticesFile = z.infer<typeof BestPracticesFileSchema>;
