/** Page routes of the library's best practices and legislation, with the comparative legal matrix. */
import { asc, desc, eq, inArray } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { actors, documents, items, programmes } from '../../db/schema/index.ts';
import { canAddDocuments, canPublishEntries, visibilitiesFor } from '../../domain/library.policy.ts';
import { shorten } from '../../domain/shorten.ts';
import { AppError } from '../../errors.ts';
import { authorize, requirePrincipal } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { render } from '../../http/render.tsx';
import type { OptionGroup } from '../../web/form-controls.tsx';
import { formErrors } from '../../web/forms.tsx';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import {
  addBestPractice,
  ENTRIES_PER_PAGE,
  getBestPractice,
  listBestPractices,
  updateBestPractice,
} from './best-practice.service.ts';
import {
  ActPage,
  BestPracticeFormPage,
  BestPracticePage,
  BestPracticesPage,
  type EntryFormValues,
  LegalMatrixPage,
  LegislationFormPage,
  LegislationListPage,
} from './entries.views.tsx';
import { BestPracticeInput, EntryListQuery, LegislationInput, TopicInput } from './entry.schema.ts';
import { discardEntry, type EntryKind, publishEntry } from './entry-workflow.ts';
import { matrixDownload, matrixQuery } from './legal-matrix.download.ts';
import {
  addLegislation,
  getLegislation,
  legalMatrix,
  listLegislation,
  listTopics,
  saveTopic,
  updateLegislation,
} from './legislation.service.ts';

type Ctx = Context<AppEnv>;
const Id = z.object({ id: z.uuid() });

/** How the forms label their fields, for messages that name one. */
const LABELS: Record<string, MessageKey> = {
  title: 'entry.field.title',
  summary: 'bestPractice.field.summary',
  done: 'bestPractice.field.done',
  results: 'bestPractice.field.results',
  actor: 'bestPractice.field.actor',
  periodStart: 'bestPractice.field.periodStart',
  periodEnd: 'bestPractice.field.periodEnd',
  items: 'library.items',
  documents: 'entry.documents',
  document: 'entry.documents',
  language: 'entry.field.language',
  visibility: 'library.field.visibility',
  country: 'legislation.field.country',
  kind: 'legislation.field.kind',
  number: 'legislation.field.number',
  adoptedOn: 'legislation.field.adoptedOn',
  status: 'legislation.field.status',
  amendedBy: 'legislation.field.amendedBy',
  topics: 'legislation.field.topics',
  url: 'legislation.field.url',
  key: 'legislation.topics.key',
  name: 'legislation.topics.nameAny',
  'name.es': 'legislation.topics.nameAny',
  'name.en': 'legislation.topics.nameAny',
  'name.pt': 'legislation.topics.nameAny',
  'name.fr': 'legislation.topics.nameAny',
};
const LISTS = new Set(['items', 'documents', 'topics']);

/** The form as sent: a list field's every value, another field's last one; empty fields left out. */
async function sentForm(c: Ctx): Promise<EntryFormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: EntryFormValues = {};
  for (const [name, raw] of Object.entries(body)) {
    if (name === '_csrf') continue;
    const strings = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    if (LISTS.has(name)) values[name] = strings.filter((v) => v.trim() !== '');
    // The last value counts, as for any form field: a blank one is a field left empty.
    else if (strings.at(-1)?.trim()) values[name] = strings.at(-1);
  }
  return values;
}

/** The form's errors, each named by the field as the form labels it (a list's entry as its list). */
const errorsOf = (c: Ctx, err: AppError) =>
  formErrors(
    c.var.i18n,
    err.fields.map((f) => ({ ...f, field: f.field.split('.')[0] ?? f.field })),
    LABELS,
  );

/** A form error a person can act on: shown on the form again. Anything else goes on up. */
const isFormError = (err: unknown): err is AppError =>
  err instanceof AppError && [400, 403].includes(err.status) && err.fields.length > 0;

async function actorChoices(c: Ctx) {
  return c.var.deps.db
    .select({ id: actors.id, key: actors.key, type: actors.type, name: actors.name, acronym: actors.acronym })
    .from(actors)
    .orderBy(asc(actors.key));
}

/** Programme items by programme, and the documents this person sees, for the forms' lists. */
async function linkChoices(c: Ctx): Promise<{ items: OptionGroup[]; documents: OptionGroup[] }> {
  const i18n = c.var.i18n;
  const [itemRows, documentRows] = await Promise.all([
    c.var.deps.db
      .select({ id: items.id, code: items.code, text: items.text, programme: programmes.shortTitle })
      .from(items)
      .innerJoin(programmes, eq(programmes.id, items.programmeId))
      .orderBy(asc(programmes.slug), asc(items.position)),
    c.var.deps.db
      .select({ id: documents.id, title: documents.title, type: documents.type })
      .from(documents)
      .where(inArray(documents.visibility, visibilitiesFor(c.var.principal)))
      .orderBy(desc(documents.createdAt))
      .limit(500),
  ]);
  const byProgramme = new Map<string, OptionGroup>();
  for (const item of itemRows) {
    const label = i18n.pick(item.programme);
    const group = byProgramme.get(label) ?? { label, options: [] };
    byProgramme.set(label, group);
    group.options.push({ value: item.id, label: `${item.code} — ${shorten(item.text, 90)}` });
  }
  const byType = new Map<string, OptionGroup>();
  for (const d of documentRows) {
    const label = i18n.t(`library.type.${d.type}`);
    const group = byType.get(label) ?? { label, options: [] };
    byType.set(label, group);
    group.options.push({ value: d.id, label: shorten(i18n.pick(d.title), 100) });
  }
  return { items: [...byProgramme.values()], documents: [...byType.values()] };
}

const memberStates = async (c: Ctx) => (await actorChoices(c)).filter((a) => a.type === 'member_state');

async function bestPracticeForm(
  c: Ctx,
  form: { action: string; heading: string; values: EntryFormValues; error?: AppError },
) {
  const [all, links] = await Promise.all([actorChoices(c), linkChoices(c)]);
  return render(
    c,
    <BestPracticeFormPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      action={form.action}
      heading={form.heading}
      actors={all}
      items={links.items}
      documents={links.documents}
      values={form.values}
      errors={form.error ? errorsOf(c, form.error) : undefined}
    />,
    form.error ? (form.error.status as 400 | 403) : 200,
  );
}

async function legislationForm(
  c: Ctx,
  form: { action: string; heading: string; values: EntryFormValues; error?: AppError },
) {
  const [countries, topics, links] = await Promise.all([memberStates(c), listTopics(c.var.deps.db), linkChoices(c)]);
  return render(
    c,
    <LegislationFormPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      action={form.action}
      heading={form.heading}
      countries={countries}
      topics={topics}
      documents={links.documents}
      values={form.values}
      errors={form.error ? errorsOf(c, form.error) : undefined}
    />,
    form.error ? (form.error.status as 400 | 403) : 200,
  );
}

/** A focal point's own country or actor, the one its entries are about. */
const ownActor = (c: Ctx) =>
  requirePrincipal(c).grants.find((g) => g.role === 'focal_point' && g.actorId)?.actorId ?? undefined;

/** Saves a form (a new entry, or changes), or shows it again with what is wrong. */
async function saveOr(
  c: Ctx,
  save: (values: EntryFormValues) => Promise<string>,
  again: (values: EntryFormValues, error: AppError) => Promise<Response>,
) {
  const values = await sentForm(c);
  try {
    return c.redirect(await save(values), 303);
  } catch (err) {
    if (!isFormError(err)) throw err;
    return again(values, err);
  }
}

/** Publish and discard from an entry's page: back to it, or to the list once discarded. */
function workflowPages(kind: EntryKind, base: string) {
  return new Hono<AppEnv>()
    .post(`${base}/:id/publish`, async (c) => {
      const { id } = parseOr400(Id, c.req.param(), '');
      await publishEntry(c.var.deps.db, kind, id, authorize(c, canPublishEntries));
      return c.redirect(`${base}/${id}`, 303);
    })
    .post(`${base}/:id/discard`, async (c) => {
      const { id } = parseOr400(Id, c.req.param(), '');
      await discardEntry(c.var.deps.db, kind, id, authorize(c, canPublishEntries));
      return c.redirect(base, 303);
    });
}

const BP = '/library/best-practices';
const LEG = '/library/legislation';

export const entriesPages = new Hono<AppEnv>()
  .get(BP, async (c) => {
    const { page, actor, country } = parseOr400(EntryListQuery, c.req.query(), '');
    const filter = actor ?? country;
    const [{ rows, total }, all] = await Promise.all([
      listBestPractices(c.var.deps.db, c.var.principal, { actor: filter, page }),
      actorChoices(c),
    ]);
    return render(
      c,
      <BestPracticesPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        rows={rows}
        total={total}
        page={page}
        perPage={ENTRIES_PER_PAGE}
        actor={filter}
        actors={all}
        canAdd={canAddDocuments(c.var.principal)}
      />,
    );
  })
  .get(`${BP}/new`, async (c) => {
    authorize(c, canAddDocuments);
    const heading = c.var.i18n.t('bestPractice.add');
    return bestPracticeForm(c, { action: BP, heading, values: { actor: ownActor(c) } });
  })
  .post(BP, async (c) => {
    const by = authorize(c, canAddDocuments);
    const heading = c.var.i18n.t('bestPractice.add');
    return saveOr(
      c,
      async (values) => {
        const { id } = await addBestPractice(c.var.deps.db, parseOr400(BestPracticeInput, values, ''), by);
        return `${BP}/${id}`;
      },
      (values, error) => bestPracticeForm(c, { action: BP, heading, values, error }),
    );
  })
  .route('/', workflowPages('best_practice', BP))
  .get(`${BP}/:id`, async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const detail = await getBestPractice(c.var.deps.db, id, c.var.principal);
    return render(
      c,
      <BestPracticePage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        detail={detail}
        canPublish={canPublishEntries(c.var.principal)}
      />,
    );
  })
  .get(`${BP}/:id/edit`, async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const detail = await getBestPractice(c.var.deps.db, id, requirePrincipal(c));
    if (!detail.canEdit) throw new AppError('forbidden', 403, 'error.forbidden');
    const p = detail.practice;
    const text = (v: Record<string, string>) => v[p.language] ?? Object.values(v)[0];
    return bestPracticeForm(c, {
      action: `${BP}/${id}`,
      heading: c.var.i18n.t('entry.editHeading', { title: c.var.i18n.pick(p.title) }),
      values: {
        title: text(p.title),
        summary: text(p.summary),
        done: text(p.done),
        results: text(p.results),
        actor: p.actorId,
        periodStart: p.periodStart ?? undefined,
        periodEnd: p.periodEnd ?? undefined,
        items: detail.items.map((i) => i.id),
        documents: detail.documents.map((d) => d.id),
        language: p.language,
        visibility: p.visibility,
      },
    });
  })
  .post(`${BP}/:id`, async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const by = requirePrincipal(c);
    const heading = c.var.i18n.t('entry.edit');
    return saveOr(
      c,
      async (values) => {
        await updateBestPractice(c.var.deps.db, id, parseOr400(BestPracticeInput, values, ''), by);
        return `${BP}/${id}`;
      },
      (values, error) => bestPracticeForm(c, { action: `${BP}/${id}`, heading, values, error }),
    );
  })
  .get(`${LEG}/matrix`, async (c) => {
    const query = matrixQuery(c);
    const [matrix, countries, topics] = await Promise.all([
      legalMatrix(c.var.deps.db, c.var.principal, query),
      memberStates(c),
      listTopics(c.var.deps.db),
    ]);
    return render(
      c,
      <LegalMatrixPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        matrix={matrix}
        countries={countries}
        topics={topics}
        filter={query}
        query={new URL(c.req.url).search.slice(1)}
        canEditTopics={canPublishEntries(c.var.principal)}
      />,
    );
  })
  .get(`${LEG}/matrix.xlsx`, (c) => matrixDownload(c, 'xlsx'))
  .get(`${LEG}/matrix.csv`, (c) => matrixDownload(c, 'csv'))
  .post(`${LEG}/topics`, async (c) => {
    const by = authorize(c, canPublishEntries);
    const values = await sentForm(c);
    const name = Object.fromEntries(
      Object.entries(values).flatMap(([k, v]) => (k.startsWith('name.') ? [[k.slice(5), v]] : [])),
    );
    try {
      await saveTopic(c.var.deps.db, parseOr400(TopicInput, { key: values.key, name }, ''), by);
      return c.redirect(`${LEG}/matrix`, 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      const [matrix, countries, topics] = await Promise.all([
        legalMatrix(c.var.deps.db, by, matrixQuery(c)),
        memberStates(c),
        listTopics(c.var.deps.db),
      ]);
      return render(
        c,
        <LegalMatrixPage
          i18n={c.var.i18n}
          currentUrl={currentUrl(c)}
          matrix={matrix}
          countries={countries}
          topics={topics}
          filter={{ country: [], topic: [], status: 'in_force' }}
          query=""
          canEditTopics
          topicErrors={formErrors(c.var.i18n, err.fields, LABELS)}
        />,
        400,
      );
    }
  })
  .get(LEG, async (c) => {
    const { page, country, topic } = parseOr400(EntryListQuery, c.req.query(), '');
    const [{ rows, total }, countries, topics] = await Promise.all([
      listLegislation(c.var.deps.db, c.var.principal, { country, topic, page }),
      memberStates(c),
      listTopics(c.var.deps.db),
    ]);
    return render(
      c,
      <LegislationListPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        rows={rows}
        total={total}
        page={page}
        perPage={ENTRIES_PER_PAGE}
        filter={{ country, topic }}
        countries={countries}
        topics={topics}
        canAdd={canAddDocuments(c.var.principal)}
      />,
    );
  })
  .get(`${LEG}/new`, async (c) => {
    authorize(c, canAddDocuments);
    const own = ownActor(c);
    const country = own ? (await memberStates(c)).find((a) => a.id === own)?.key : undefined;
    return legislationForm(c, { action: LEG, heading: c.var.i18n.t('legislation.add'), values: { country } });
  })
  .post(LEG, async (c) => {
    const by = authorize(c, canAddDocuments);
    const heading = c.var.i18n.t('legislation.add');
    return saveOr(
      c,
      async (values) => {
        const { id } = await addLegislation(c.var.deps.db, parseOr400(LegislationInput, values, ''), by);
        return `${LEG}/${id}`;
      },
      (values, error) => legislationForm(c, { action: LEG, heading, values, error }),
    );
  })
  .route('/', workflowPages('legislation', LEG))
  .get(`${LEG}/:id`, async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const detail = await getLegislation(c.var.deps.db, id, c.var.principal);
    return render(
      c,
      <ActPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        detail={detail}
        canPublish={canPublishEntries(c.var.principal)}
      />,
    );
  })
  .get(`${LEG}/:id/edit`, async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const detail = await getLegislation(c.var.deps.db, id, requirePrincipal(c));
    if (!detail.canEdit) throw new AppError('forbidden', 403, 'error.forbidden');
    const a = detail.act;
    return legislationForm(c, {
      action: `${LEG}/${id}`,
      heading: c.var.i18n.t('entry.editHeading', { title: c.var.i18n.pick(a.title) }),
      values: {
        country: detail.country.key,
        title: a.title[a.language] ?? Object.values(a.title)[0],
        kind: a.kind,
        number: a.number ?? undefined,
        adoptedOn: a.adoptedOn ?? undefined,
        status: a.status,
        amendedBy: a.amendedBy ?? undefined,
        topics: a.topics,
        url: a.url ?? undefined,
        document: a.documentId ?? undefined,
        language: a.language,
        visibility: a.visibility,
      },
    });
  })
  .post(`${LEG}/:id`, async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const by = requirePrincipal(c);
    const heading = c.var.i18n.t('entry.edit');
    return saveOr(
      c,
      async (values) => {
        await updateLegislation(c.var.deps.db, id, parseOr400(LegislationInput, values, ''), by);
        return `${LEG}/${id}`;
      },
      (values, error) => legislationForm(c, { action: `${LEG}/${id}`, heading, values, error }),
    );
  });
