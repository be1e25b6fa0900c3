/** The library's best practices and legislation: lists, an entry, the forms, and the comparative legal matrix. */
import type { Child } from 'hono/jsx';
import type { bestPractices, legislation } from '../../db/schema/index.ts';
import {
  type EntryState,
  LEGAL_STATUSES,
  LEGISLATION_KINDS,
  LIBRARY_LANGUAGES,
  LIBRARY_VISIBILITIES,
  type LibraryVisibility,
} from '../../domain/vocabulary.ts';
import { DateText, MetaList, Notice } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { FilterBar, FilterSelect } from '../../web/filters.tsx';
import {
  type ActorOption,
  actorGroups,
  Checkboxes,
  MultiSelectField,
  type OptionGroup,
  SelectField,
  TextAreaField,
} from '../../web/form-controls.tsx';
import { ErrorSummary, Field, type FormErrors, PostButton, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { Pager } from '../../web/navigation.tsx';
import type { BestPracticeDetail } from './best-practice.service.ts';
import { actLabel } from './entry.presenter.ts';
import type { LegalMatrix, LegislationDetail, Topic } from './legislation.service.ts';
import { LibraryTabs, languageName } from './library.views.tsx';

type Named = { id: string; key: string; name: Record<string, string> };
type Common = { i18n: Translator; currentUrl: string };

const libraryCrumb = (i18n: Translator) => ({ href: '/library', label: i18n.t('library.title') });

/** Where an entry stands, for those who see it unpublished; and who sees it, when not everyone. */
function EntryBadges({
  i18n,
  state,
  visibility,
}: {
  i18n: Translator;
  state: EntryState;
  visibility: LibraryVisibility;
}) {
  return (
    <>
      {state === 'published' ? null : <span class={`badge entry-${state}`}>{i18n.t(`entry.state.${state}`)}</span>}
      {visibility === 'public' ? null : (
        <span class="badge visibility-restricted">{i18n.t(`library.visibility.${visibility}`)}</span>
      )}
    </>
  );
}

const period = (i18n: Translator, start: string | null, end: string | null) =>
  start && end
    ? i18n.t('bestPractice.periodRange', { start: i18n.date(start, 'month'), end: i18n.date(end, 'month') })
    : start
      ? i18n.t('bestPractice.periodFrom', { start: i18n.date(start, 'month') })
      : end
        ? i18n.date(end, 'month')
        : null;

/** The secretariat's buttons on an unpublished entry, and the edit link for whoever may change it. */
function EntryActions(props: {
  i18n: Translator;
  base: string;
  state: EntryState;
  canEdit: boolean;
  canPublish: boolean;
}) {
  const { t } = props.i18n;
  if (!props.canEdit && !props.canPublish) return null;
  return (
    <p class="actions">
      {props.canEdit ? (
        <a class="button secondary" href={`${props.base}/edit`}>
          {t('entry.edit')}
        </a>
      ) : null}{' '}
      {props.canPublish && props.state !== 'published' ? (
        <PostButton
          action={`${props.base}/publish`}
          label={props.state === 'candidate' ? t('entry.confirm') : t('entry.publish')}
        />
      ) : null}{' '}
      {props.canPublish ? (
        <PostButton action={`${props.base}/discard`} look="secondary" label={t('entry.discard')} />
      ) : null}
    </p>
  );
}

export function BestPracticesPage(
  props: Common & {
    rows: { practice: typeof bestPractices.$inferSelect; actor: Named }[];
    total: number;
    page: number;
    perPage: number;
    actor: string | undefined;
    actors: (ActorOption & { key: string })[];
    canAdd: boolean;
  },
) {
  const { i18n } = props;
  const { t } = i18n;
  const heading = t('bestPractice.title');
  const query = (page: number) =>
    `/library/best-practices?${new URLSearchParams({ ...(props.actor ? { actor: props.actor } : {}), page: String(page) })}`;
  return (
    <Layout
      i18n={i18n}
      title={heading}
      currentUrl={props.currentUrl}
      section="library"
      breadcrumbs={[libraryCrumb(i18n), { label: heading }]}
    >
      <h1>{heading}</h1>
      <LibraryTabs i18n={i18n} current="best-practices" />
      <p class="lead">{t('bestPractice.lead')}</p>
      {props.canAdd ? (
        <p class="actions">
          <a class="button" href="/library/best-practices/new">
            {t('bestPractice.add')}
          </a>
        </p>
      ) : null}
      <FilterBar
        i18n={i18n}
        action="/library/best-practices"
        clear={props.actor ? '/library/best-practices' : undefined}
      >
        <FilterSelect
          id="actor"
          name="actor"
          label={t('bestPractice.field.actor')}
          value={props.actor}
          all={t('filter.all')}
          options={actorGroups(i18n, props.actors).flatMap((g) =>
            g.options.map((o) => ({
              value: props.actors.find((a) => a.id === o.value)?.key ?? o.value,
              label: o.label,
            })),
          )}
        />
      </FilterBar>
      <p class="muted">{t('bestPractice.count', { count: props.total })}</p>
      <DataTable
        caption={heading}
        captionHidden
        rows={props.rows}
        empty={<p>{t('bestPractice.empty')}</p>}
        columns={[
          {
            header: t('bestPractice.field.title'),
            rowHeader: true,
            cell: (r) => (
              <>
                <a
                  href={`/library/best-practices/${r.practice.id}`}
                  lang={r.practice.title[i18n.locale] ? undefined : r.practice.language}
                >
                  {i18n.pick(r.practice.title)}
                </a>{' '}
                <EntryBadges i18n={i18n} state={r.practice.state} visibility={r.practice.visibility} />
              </>
            ),
          },
          {
            header: t('bestPractice.field.actor'),
            cell: (r) => <a href={`/actors/${r.actor.key}`}>{i18n.pick(r.actor.name)}</a>,
          },
          {
            header: t('bestPractice.field.period'),
            cell: (r) => period(i18n, r.practice.periodStart, r.practice.periodEnd) ?? '—',
          },
        ]}
      />
      <Pager i18n={i18n} page={props.page} hasNext={props.page * props.perPage < props.total} href={query} />
    </Layout>
  );
}

/** A text of the entry under its heading, in the language it was written in when the reader's is missing. */
function TextSection({
  id,
  heading,
  value,
  language,
  i18n,
}: {
  id: string;
  heading: string;
  value: Record<string, string>;
  language: string;
  i18n: Translator;
}) {
  if (Object.keys(value).length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <div class="entry-text" lang={value[i18n.locale] ? undefined : language}>
        {i18n
          .pick(value)
          .split(/\n{2,}/)
          .map((paragraph) => (
            <p>{paragraph}</p>
          ))}
      </div>
    </section>
  );
}

export function BestPracticePage(props: Common & { detail: BestPracticeDetail; canPublish: boolean }) {
  const { i18n } = props;
  const { t } = i18n;
  const { practice: p, actor, items, documents, report, meeting } = props.detail;
  const title = i18n.pick(p.title);
  const base = `/library/best-practices/${p.id}`;
  const source =
    p.source === 'report' && report ? (
      <a href={`/reports/${report.id}`}>
        {t('bestPractice.fromReport', { period: report.period, programme: i18n.pick(report.programme) })}
      </a>
    ) : p.source === 'meeting' && meeting ? (
      <a href={`/meetings/${meeting.id}`}>{meeting.title}</a>
    ) : (
      t(`bestPractice.source.${p.source}`)
    );
  return (
    <Layout
      i18n={i18n}
      title={title}
      currentUrl={props.currentUrl}
      section="library"
      breadcrumbs={[
        libraryCrumb(i18n),
        { href: '/library/best-practices', label: t('bestPractice.title') },
        { label: title },
      ]}
    >
      <h1 lang={p.title[i18n.locale] ? undefined : p.language}>{title}</h1>
      <p>
        <EntryBadges i18n={i18n} state={p.state} visibility={p.visibility} />
      </p>
      <Notice kind="info">
        {p.state === 'candidate'
          ? t('bestPractice.candidateNotice')
          : p.state === 'proposed'
            ? t('entry.proposedNotice')
            : null}
      </Notice>
      <EntryActions
        i18n={i18n}
        base={base}
        state={p.state}
        canEdit={props.detail.canEdit}
        canPublish={props.canPublish}
      />
      {Object.keys(p.summary).length > 0 ? (
        <p class="lead" lang={p.summary[i18n.locale] ? undefined : p.language}>
          {i18n.pick(p.summary)}
        </p>
      ) : null}
      <MetaList
        items={[
          [t('bestPractice.field.actor'), <a href={`/actors/${actor.key}`}>{i18n.pick(actor.name)}</a>],
          [t('bestPractice.field.period'), period(i18n, p.periodStart, p.periodEnd)],
          [t('bestPractice.field.source'), source],
          [t('library.field.visibility'), t(`library.visibility.${p.visibility}`)],
          [t('entry.field.language'), languageName(i18n, p.language)],
          [
            t('entry.field.publishedAt'),
            p.publishedAt ? <DateText i18n={i18n} iso={p.publishedAt.toISOString()} /> : null,
          ],
        ]}
      />
      <TextSection
        id="done-heading"
        heading={t('bestPractice.field.done')}
        value={p.done}
        language={p.language}
        i18n={i18n}
      />
      <TextSection
        id="results-heading"
        heading={t('bestPractice.field.results')}
        value={p.results}
        language={p.language}
        i18n={i18n}
      />
      {items.length > 0 ? (
        <section aria-labelledby="items-heading">
          <h2 id="items-heading">{t('library.items')}</h2>
          <ul>
            {items.map((item) => (
              <li>
                <a href={`/items/${item.id}`}>{item.code}</a> {item.text}{' '}
                <span class="muted">— {i18n.pick(item.programme)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {documents.length > 0 ? (
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading">{t('entry.documents')}</h2>
          <ul>
            {documents.map((d) => (
              <li>
                <a href={`/library/documents/${d.id}`}>{i18n.pick(d.title)}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

export type EntryFormValues = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v.at(-1) : v);
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function EntryFormFrame(
  props: Common & {
    heading: string;
    parent: { href: string; label: string };
    errors?: FormErrors | undefined;
    children: Child;
  },
) {
  const { i18n } = props;
  return (
    <Layout
      i18n={i18n}
      title={props.heading}
      currentUrl={props.currentUrl}
      section="library"
      breadcrumbs={[libraryCrumb(i18n), props.parent, { label: props.heading }]}
    >
      <h1>{props.heading}</h1>
      <ErrorSummary i18n={i18n} errors={props.errors} />
      {props.children}
    </Layout>
  );
}

function CommonEntryFields({ i18n, v, e }: { i18n: Translator; v: EntryFormValues; e: FormErrors }) {
  const { t } = i18n;
  return (
    <>
      <SelectField
        id="language"
        name="language"
        label={t('entry.field.language')}
        hint={t('entry.languageHint')}
        value={one(v.language) ?? (LIBRARY_LANGUAGES.includes(i18n.locale as 'es') ? i18n.locale : 'es')}
        error={e.language}
        options={LIBRARY_LANGUAGES.map((code) => ({ value: code, label: languageName(i18n, code) }))}
      />
      <SelectField
        id="visibility"
        name="visibility"
        label={t('library.field.visibility')}
        value={one(v.visibility) ?? 'public'}
        error={e.visibility}
        options={LIBRARY_VISIBILITIES.map((vis) => ({ value: vis, label: t(`library.visibility.${vis}`) }))}
      />
    </>
  );
}

export function BestPracticeFormPage(
  props: Common & {
    action: string;
    heading: string;
    actors: ActorOption[];
    items: OptionGroup[];
    documents: OptionGroup[];
    values: EntryFormValues;
    errors?: FormErrors | undefined;
  },
) {
  const { i18n } = props;
  const { t } = i18n;
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <EntryFormFrame {...props} parent={{ href: '/library/best-practices', label: t('bestPractice.title') }}>
      <PostForm action={props.action} submit={t('entry.save')}>
        <Field
          id="title"
          name="title"
          label={t('bestPractice.field.title')}
          value={one(v.title)}
          error={e.title}
          required
        />
        <SelectField
          id="actor"
          name="actor"
          label={t('bestPractice.field.actor')}
          value={one(v.actor)}
          error={e.actor}
          required
          placeholder={t('bestPractice.chooseActor')}
          groups={actorGroups(i18n, props.actors)}
        />
        <TextAreaField
          id="summary"
          name="summary"
          label={t('bestPractice.field.summary')}
          value={one(v.summary)}
          error={e.summary}
          rows={3}
        />
        <TextAreaField
          id="done"
          name="done"
          label={t('bestPractice.field.done')}
          value={one(v.done)}
          error={e.done}
          rows={6}
        />
        <TextAreaField
          id="results"
          name="results"
          label={t('bestPractice.field.results')}
          value={one(v.results)}
          error={e.results}
          rows={4}
        />
        <Field
          id="periodStart"
          name="periodStart"
          type="date"
          label={t('bestPractice.field.periodStart')}
          value={one(v.periodStart)}
          error={e.periodStart}
        />
        <Field
          id="periodEnd"
          name="periodEnd"
          type="date"
          label={t('bestPractice.field.periodEnd')}
          value={one(v.periodEnd)}
          error={e.periodEnd}
        />
        <MultiSelectField
          id="items"
          name="items"
          label={t('library.items')}
          hint={t('entry.multiHint')}
          values={many(v.items)}
          error={e.items}
          groups={props.items}
        />
        <MultiSelectField
          id="documents"
          name="documents"
          label={t('entry.documents')}
          hint={t('entry.multiHint')}
          values={many(v.documents)}
          error={e.documents}
          groups={props.documents}
          size={5}
        />
        <CommonEntryFields i18n={i18n} v={v} e={e} />
      </PostForm>
    </EntryFormFrame>
  );
}

export function LegislationListPage(
  props: Common & {
    rows: { act: typeof legislation.$inferSelect; country: Named }[];
    total: number;
    page: number;
    perPage: number;
    filter: { country?: string | undefined; topic?: string | undefined };
    countries: Named[];
    topics: Topic[];
    canAdd: boolean;
  },
) {
  const { i18n } = props;
  const { t } = i18n;
  const heading = t('legislation.title');
  const filtered = Boolean(props.filter.country || props.filter.topic);
  const href = (page: number) =>
    `/library/legislation?${new URLSearchParams({ ...(props.filter.country ? { country: props.filter.country } : {}), ...(props.filter.topic ? { topic: props.filter.topic } : {}), page: String(page) })}`;
  return (
    <Layout
      i18n={i18n}
      title={heading}
      currentUrl={props.currentUrl}
      section="library"
      breadcrumbs={[libraryCrumb(i18n), { label: heading }]}
    >
      <h1>{heading}</h1>
      <LibraryTabs i18n={i18n} current="legislation" />
      <p class="lead">{t('legislation.lead')}</p>
      <p class="actions">
        {props.canAdd ? (
          <a class="button" href="/library/legislation/new">
            {t('legislation.add')}
          </a>
        ) : null}{' '}
        <a class="button secondary" href="/library/legislation/matrix">
          {t('legislation.matrix.title')}
        </a>
      </p>
      <FilterBar i18n={i18n} action="/library/legislation" clear={filtered ? '/library/legislation' : undefined}>
        <FilterSelect
          id="country"
          name="country"
          label={t('legislation.field.country')}
          value={props.filter.country}
          all={t('filter.all')}
          options={countryOptions(i18n, props.countries)}
        />
        <FilterSelect
          id="topic"
          name="topic"
          label={t('legislation.field.topic')}
          value={props.filter.topic}
          all={t('filter.all')}
          options={props.topics.map((tp) => ({ value: tp.key, label: i18n.pick(tp.name) }))}
        />
      </FilterBar>
      <p class="muted">{t('legislation.count', { count: props.total })}</p>
      <DataTable
        caption={heading}
        captionHidden
        rows={props.rows}
        empty={<p>{t('legislation.empty')}</p>}
        columns={[
          {
            header: t('legislation.field.title'),
            rowHeader: true,
            cell: (r) => (
              <>
                <a
                  href={`/library/legislation/${r.act.id}`}
                  lang={r.act.title[i18n.locale] ? undefined : r.act.language}
                >
                  {i18n.pick(r.act.title)}
                </a>{' '}
                <EntryBadges i18n={i18n} state={r.act.state} visibility={r.act.visibility} />
              </>
            ),
          },
          { header: t('legislation.field.country'), cell: (r) => i18n.pick(r.country.name) },
          {
            header: t('legislation.field.kind'),
            cell: (r) => [t(`legislation.kind.${r.act.kind}`), r.act.number].filter(Boolean).join(' '),
          },
          {
            header: t('legislation.field.adoptedOn'),
            class: 'code',
            cell: (r) => (r.act.adoptedOn ? <DateText i18n={i18n} iso={r.act.adoptedOn} style="medium" /> : '—'),
          },
          { header: t('legislation.field.status'), cell: (r) => t(`legislation.status.${r.act.status}`) },
        ]}
      />
      <Pager i18n={i18n} page={props.page} hasNext={props.page * props.perPage < props.total} href={href} />
    </Layout>
  );
}

const countryOptions = (i18n: Translator, countries: { key: string; name: Record<string, string> }[]) =>
  countries
    .map((c) => ({ value: c.key, label: i18n.pick(c.name) }))
    .sort((a, b) => a.label.localeCompare(b.label, i18n.locale));

export function ActPage(props: Common & { detail: LegislationDetail; canPublish: boolean }) {
  const { i18n } = props;
  const { t } = i18n;
  const { act: a, country, topics, document } = props.detail;
  const title = i18n.pick(a.title);
  return (
    <Layout
      i18n={i18n}
      title={title}
      currentUrl={props.currentUrl}
      section="library"
      breadcrumbs={[
        libraryCrumb(i18n),
        { href: '/library/legislation', label: t('legislation.title') },
        { label: title },
      ]}
    >
      <h1 lang={a.title[i18n.locale] ? undefined : a.language}>{title}</h1>
      <p>
        <EntryBadges i18n={i18n} state={a.state} visibility={a.visibility} />
      </p>
      <Notice kind="info">{a.state === 'proposed' ? t('entry.proposedNotice') : null}</Notice>
      <EntryActions
        i18n={i18n}
        base={`/library/legislation/${a.id}`}
        state={a.state}
        canEdit={props.detail.canEdit}
        canPublish={props.canPublish}
      />
      <MetaList
        items={[
          [t('legislation.field.country'), <a href={`/actors/${country.key}`}>{i18n.pick(country.name)}</a>],
          [t('legislation.field.kind'), t(`legislation.kind.${a.kind}`)],
          [t('legislation.field.number'), a.number],
          [t('legislation.field.adoptedOn'), a.adoptedOn ? <DateText i18n={i18n} iso={a.adoptedOn} /> : null],
          [t('legislation.field.status'), t(`legislation.status.${a.status}`)],
          [t('legislation.field.amendedBy'), a.amendedBy],
          [
            t('legislation.field.topics'),
            topics.length > 0
              ? new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(topics.map((tp) => i18n.pick(tp.name)))
              : null,
          ],
          [
            t('legislation.field.url'),
            a.url ? (
              <a href={a.url} rel="noopener noreferrer">
                {a.url}
              </a>
            ) : null,
            'break',
          ],
          [
            t('entry.documents'),
            document ? <a href={`/library/documents/${document.id}`}>{i18n.pick(document.title)}</a> : null,
          ],
          [t('library.field.visibility'), t(`library.visibility.${a.visibility}`)],
        ]}
      />
    </Layout>
  );
}

export function LegislationFormPage(
  props: Common & {
    action: string;
    heading: string;
    countries: Named[];
    topics: Topic[];
    documents: OptionGroup[];
    values: EntryFormValues;
    errors?: FormErrors | undefined;
  },
) {
  const { i18n } = props;
  const { t } = i18n;
  const v = props.values;
  const e = props.errors ?? {};
  return (
    <EntryFormFrame {...props} parent={{ href: '/library/legislation', label: t('legislation.title') }}>
      <PostForm action={props.action} submit={t('entry.save')}>
        <SelectField
          id="country"
          name="country"
          label={t('legislation.field.country')}
          value={one(v.country)}
          error={e.country}
          required
          placeholder={t('legislation.chooseCountry')}
          options={countryOptions(i18n, props.countries)}
        />
        <Field
          id="title"
          name="title"
          label={t('legislation.field.title')}
          value={one(v.title)}
          error={e.title}
          required
        />
        <SelectField
          id="kind"
          name="kind"
          label={t('legislation.field.kind')}
          value={one(v.kind)}
          error={e.kind}
          required
          placeholder={t('legislation.chooseKind')}
          options={LEGISLATION_KINDS.map((k) => ({ value: k, label: t(`legislation.kind.${k}`) }))}
        />
        <Field
          id="number"
          name="number"
          label={t('legislation.field.number')}
          hint={t('legislation.numberHint')}
          value={one(v.number)}
          error={e.number}
        />
        <Field
          id="adoptedOn"
          name="adoptedOn"
          type="date"
          label={t('legislation.field.adoptedOn')}
          value={one(v.adoptedOn)}
          error={e.adoptedOn}
        />
        <SelectField
          id="status"
          name="status"
          label={t('legislation.field.status')}
          value={one(v.status) ?? 'in_force'}
          error={e.status}
          options={LEGAL_STATUSES.map((s) => ({ value: s, label: t(`legislation.status.${s}`) }))}
        />
        <Field
          id="amendedBy"
          name="amendedBy"
          label={t('legislation.field.amendedBy')}
          hint={t('legislation.amendedByHint')}
          value={one(v.amendedBy)}
          error={e.amendedBy}
        />
        <Checkboxes
          legend={t('legislation.field.topics')}
          name="topics"
          options={props.topics.map((tp) => ({ value: tp.key, label: i18n.pick(tp.name) }))}
          chosen={many(v.topics)}
          error={e.topics}
        />
        <Field id="url" name="url" type="url" label={t('legislation.field.url')} value={one(v.url)} error={e.url} />
        <SelectField
          id="document"
          name="document"
          label={t('legislation.field.document')}
          hint={t('legislation.documentHint')}
          value={one(v.document)}
          error={e.document}
          placeholder={t('legislation.noDocument')}
          groups={props.documents}
        />
        <CommonEntryFields i18n={i18n} v={v} e={e} />
      </PostForm>
    </EntryFormFrame>
  );
}

export function LegalMatrixPage(
  props: Common & {
    matrix: LegalMatrix;
    countries: Named[];
    topics: Topic[];
    filter: { country: string[]; topic: string[]; status: 'in_force' | 'all' };
    query: string;
    canEditTopics: boolean;
    topicErrors?: FormErrors | undefined;
  },
) {
  const { i18n } = props;
  const { t } = i18n;
  const { matrix } = props;
  const heading = t('legislation.matrix.title');
  const suffix = props.query ? `?${props.query}` : '';
  return (
    <Layout
      i18n={i18n}
      title={heading}
      currentUrl={props.currentUrl}
      section="library"
      breadcrumbs={[
        libraryCrumb(i18n),
        { href: '/library/legislation', label: t('legislation.title') },
        { label: heading },
      ]}
    >
      <h1>{heading}</h1>
      <LibraryTabs i18n={i18n} current="matrix" />
      <p class="lead">{t('legislation.matrix.lead')}</p>
      <p class="muted">
        {matrix.updatedAt
          ? t('legislation.matrix.updated', { date: i18n.date(matrix.updatedAt) })
          : t('legislation.matrix.noActs')}
      </p>
      <p class="actions">
        <a class="button secondary" href={`/library/legislation/matrix.xlsx${suffix}`}>
          {t('legislation.matrix.downloadXlsx')}
        </a>{' '}
        <a class="button secondary" href={`/library/legislation/matrix.csv${suffix}`}>
          {t('legislation.matrix.downloadCsv')}
        </a>
      </p>
      <FilterBar
        i18n={i18n}
        action="/library/legislation/matrix"
        clear={props.query ? '/library/legislation/matrix' : undefined}
      >
        <FilterSelect
          id="country"
          name="country"
          label={t('legislation.field.country')}
          value={props.filter.country[0]}
          all={t('filter.all')}
          options={countryOptions(i18n, props.countries)}
        />
        <FilterSelect
          id="topic"
          name="topic"
          label={t('legislation.field.topic')}
          value={props.filter.topic[0]}
          all={t('filter.all')}
          options={props.topics.map((tp) => ({ value: tp.key, label: i18n.pick(tp.name) }))}
        />
        <FilterSelect
          id="status"
          name="status"
          label={t('legislation.field.status')}
          value={props.filter.status}
          options={[
            { value: 'in_force', label: t('legislation.matrix.inForceOnly') },
            { value: 'all', label: t('legislation.matrix.allActs') },
          ]}
        />
      </FilterBar>
      <DataTable
        caption={heading}
        captionHidden
        region
        class="legal-matrix"
        rows={matrix.countries}
        empty={<p>{t('legislation.matrix.empty')}</p>}
        columns={[
          {
            header: t('legislation.field.country'),
            rowHeader: true,
            cell: (line) => (
              <a href={`/library/legislation?country=${line.country.key}`}>{i18n.pick(line.country.name)}</a>
            ),
          },
          ...matrix.topics.map((topic) => ({
            header: i18n.pick(topic.name),
            cell: (line: LegalMatrix['countries'][number]) => {
              const acts = line.cells[topic.key] ?? [];
              return acts.length === 0 ? (
                <>
                  <span aria-hidden="true">—</span>
                  <span class="visually-hidden">{t('legislation.matrix.noneHere')}</span>
                </>
              ) : (
                <ul class="matrix-acts">
                  {acts.map((act) => (
                    <li>
                      <a href={`/library/legislation/${act.id}`}>{actLabel(i18n, act)}</a>
                    </li>
                  ))}
                </ul>
              );
            },
          })),
        ]}
      />
      {props.canEditTopics ? (
        <section aria-labelledby="topics-heading">
          <h2 id="topics-heading">{t('legislation.topics.title')}</h2>
          <p class="hint">{t('legislation.topics.hint')}</p>
          <ErrorSummary i18n={i18n} errors={props.topicErrors} />
          <PostForm action="/library/legislation/topics" submit={t('legislation.topics.save')} look="secondary">
            <Field
              id="topic-key"
              name="key"
              label={t('legislation.topics.key')}
              hint={t('legislation.topics.keyHint')}
              error={props.topicErrors?.key}
              required
            />
            {LIBRARY_LANGUAGES.map((code) => (
              <Field
                id={`topic-name-${code}`}
                name={`name.${code}`}
                label={t('legislation.topics.name', { language: languageName(i18n, code) })}
                error={props.topicErrors?.[`name.${code}`] ?? (code === 'es' ? props.topicErrors?.name : undefined)}
              />
            ))}
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}
