/** The library's pages: the list of documents, a document, and the form that adds one. */
import type { documents } from '../../db/schema/index.ts';
import {
  DOCUMENT_TYPES,
  LIBRARY_LANGUAGES,
  LIBRARY_VISIBILITIES,
  type LibraryVisibility,
  type TextStatus,
} from '../../domain/vocabulary.ts';
import { DateText, MetaList, Notice } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { type ActorOption, actorGroups, Checkboxes, SelectField, TextAreaField } from '../../web/form-controls.tsx';
import { ErrorSummary, Field, type FormErrors, PostButton, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { Pager, Tabs } from '../../web/navigation.tsx';
import type { FoundPage } from '../search/found-pages.ts';
import { MARK_END, MARK_START } from '../search/search.service.ts';
import type { DocumentDetail } from './document.service.ts';

type DocumentRow = typeof documents.$inferSelect;

/** A language's name in the reader's language (`pt` → "portugués"). */
export const languageName = (i18n: Translator, code: string) =>
  new Intl.DisplayNames([i18n.locale], { type: 'language' }).of(code) ?? code;

const languagesOf = (i18n: Translator, codes: readonly string[]) =>
  new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(codes.map((c) => languageName(i18n, c)));

const libraryCrumb = (i18n: Translator) => ({ href: '/library', label: i18n.t('library.title') });

const TABS = [
  ['documents', '/library', 'library.tab.documents'],
  ['best-practices', '/library/best-practices', 'library.tab.bestPractices'],
  ['legislation', '/library/legislation', 'library.tab.legislation'],
  ['matrix', '/library/legislation/matrix', 'library.tab.matrix'],
] as const;

/** The library's parts, the one shown marked as the current page. */
export const LibraryTabs = ({ i18n, current }: { i18n: Translator; current: (typeof TABS)[number][0] }) => (
  <Tabs
    label={i18n.t('library.tabs')}
    tabs={TABS.map(([key, href, label]) => ({ href, label: i18n.t(label), current: key === current }))}
  />
);

function TextStatusNote({ i18n, status }: { i18n: Translator; status: TextStatus }) {
  return <span class={`badge text-${status}`}>{i18n.t(`library.textStatus.${status}`)}</span>;
}

function VisibilityNote({ i18n, visibility }: { i18n: Translator; visibility: LibraryVisibility }) {
  return visibility === 'public' ? null : (
    <span class="badge visibility-restricted">{i18n.t(`library.visibility.${visibility}`)}</span>
  );
}

export function LibraryPage(props: {
  i18n: Translator;
  currentUrl: string;
  rows: DocumentRow[];
  total: number;
  page: number;
  perPage: number;
  canAdd: boolean;
}) {
  const { i18n } = props;
  const { t } = i18n;
  return (
    <Layout i18n={i18n} title={t('library.title')} currentUrl={props.currentUrl} section="library">
      <h1>{t('library.title')}</h1>
      <LibraryTabs i18n={i18n} current="documents" />
      <p class="lead">{t('library.lead')}</p>
      {props.canAdd ? (
        <p class="actions">
          <a class="button" href="/library/new">
            {t('library.add')}
          </a>
        </p>
      ) : null}
      <p class="muted">{t('library.count', { count: props.total })}</p>
      <DataTable
        caption={t('library.documents')}
        captionHidden
        rows={props.rows}
        empty={<p>{t('library.empty')}</p>}
        columns={[
          {
            header: t('library.field.title'),
            rowHeader: true,
            cell: (d) => (
              <>
                <a href={`/library/documents/${d.id}`}>{i18n.pick(d.title)}</a>{' '}
                <VisibilityNote i18n={i18n} visibility={d.visibility} />
              </>
            ),
          },
          { header: t('library.field.type'), cell: (d) => t(`library.type.${d.type}`) },
          {
            header: t('library.field.issuedOn'),
            class: 'code',
            cell: (d) => (d.issuedOn ? <DateText i18n={i18n} iso={d.issuedOn} style="medium" /> : '—'),
          },
          { header: t('library.field.languages'), cell: (d) => languagesOf(i18n, d.languages) },
          { header: t('library.field.text'), cell: (d) => <TextStatusNote i18n={i18n} status={d.textStatus} /> },
        ]}
      />
      <Pager
        i18n={i18n}
        page={props.page}
        hasNext={props.page * props.perPage < props.total}
        href={(page) => `/library?page=${page}`}
      />
    </Layout>
  );
}

const kb = (i18n: Translator, bytes: number) =>
  i18n.number(bytes / 1024, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });

/** A text whose found words lie between MARK_START and MARK_END, with those words marked. */
function MarkedText(props: { text: string }) {
  return (
    <>
      {props.text.split(MARK_START).map((part, i) => {
        if (i === 0) return part;
        const [word = '', rest = ''] = part.split(MARK_END);
        return (
          <>
            <mark>{word}</mark>
            {rest}
          </>
        );
      })}
    </>
  );
}

/** Where the words searched for are in the text: links to their pages (or that they are not in it). */
function FoundIn(props: { i18n: Translator; q: string; pages: FoundPage[]; pageCount: number }) {
  const { t } = props.i18n;
  return (
    <section id="found" class="notice" aria-labelledby="found-heading">
      <h2 id="found-heading">{t('library.foundHeading', { q: props.q })}</h2>
      {props.pages.length === 0 ? (
        <p>{t('library.foundNone')}</p>
      ) : (
        <p>
          {t('library.foundOn', { count: props.pages.length })}{' '}
          {props.pages.map((p, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <a href={`#page-${p.page}`}>
                {props.pageCount > 1 ? t('library.page', { page: p.page }) : t('library.text')}
              </a>
            </>
          ))}
        </p>
      )}
    </section>
  );
}

export function DocumentPage(props: {
  i18n: Translator;
  currentUrl: string;
  detail: DocumentDetail;
  /** The words a search led here with, and the pages holding them. */
  found?: { q: string; pages: FoundPage[] } | undefined;
  /** Whether this person may change it, and remove it (not one standing for a meeting's document or evidence). */
  canChange?: boolean;
  canRemove?: boolean;
}) {
  const { i18n, found } = props;
  const { t } = i18n;
  const { document: d, countries, actors, items, meetings, report } = props.detail;
  const title = i18n.pick(d.title);
  const summary = Object.keys(d.summary).length > 0 ? i18n.pick(d.summary) : '';
  // Links in a sentence's list: "Guatemala, México y El Salvador".
  const names = (list: { key: string; name: Record<string, string> }[]) =>
    list.length > 0
      ? new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).formatToParts(list.map((a) => a.key)).map((part) => {
          const actor = list.find((a) => a.key === part.value);
          return part.type === 'element' && actor ? (
            <a href={`/actors/${actor.key}`}>{i18n.pick(actor.name)}</a>
          ) : (
            part.value
          );
        })
      : null;
  const notice =
    d.textStatus === 'pending'
      ? t('library.textPending')
      : d.textStatus === 'no_text' && d.fileKey
        ? t('library.noTextFile')
        : null;
  return (
    <Layout
      i18n={i18n}
      title={title}
      currentUrl={props.currentUrl}
      section="library"
      breadcrumbs={[libraryCrumb(i18n), { label: title }]}
    >
      <h1 lang={d.title[i18n.locale] ? undefined : d.languages[0]}>{title}</h1>
      {summary ? (
        <p class="lead" lang={d.summary[i18n.locale] ? undefined : d.languages[0]}>
          {summary}
        </p>
      ) : null}
      <Notice kind="info">{notice}</Notice>
      {props.canChange ? (
        <p class="actions">
          <a class="button secondary" href={`/library/documents/${d.id}/edit`}>
            {t('library.edit')}
          </a>{' '}
          {props.canRemove ? (
            <PostButton action={`/library/documents/${d.id}/delete`} look="secondary" label={t('library.remove')} />
          ) : null}
        </p>
      ) : null}
      {d.fileKey ? (
        <p class="actions">
          <a class="button" href={`/library/documents/${d.id}/file`} download={d.filename ?? undefined}>
            {t('library.download', { name: d.filename ?? '', size: kb(i18n, d.size ?? 0) })}
          </a>
        </p>
      ) : null}
      {d.url ? (
        <p class="actions">
          <a class="button" href={d.url} rel="noopener noreferrer">
            {t('library.openLink')}
          </a>
        </p>
      ) : null}
      <MetaList
        items={[
          [t('library.field.type'), t(`library.type.${d.type}`)],
          [t('library.field.issuedOn'), d.issuedOn ? <DateText i18n={i18n} iso={d.issuedOn} /> : null],
          [t('library.field.languages'), languagesOf(i18n, d.languages)],
          [t('library.field.countries'), names(countries)],
          [t('library.field.actors'), names(actors)],
          [t('library.field.visibility'), t(`library.visibility.${d.visibility}`)],
          [t('library.field.text'), <TextStatusNote i18n={i18n} status={d.textStatus} />],
          [t('library.field.addedAt'), <DateText i18n={i18n} iso={d.createdAt.toISOString()} />],
        ]}
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
      {meetings.length > 0 ? (
        <section aria-labelledby="meetings-heading">
          <h2 id="meetings-heading">{t('library.meetings')}</h2>
          <ul>
            {meetings.map((m) => (
              <li>
                <a href={`/meetings/${m.id}`}>{m.title}</a> <DateText i18n={i18n} iso={m.startsOn} style="medium" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {report ? (
        <section aria-labelledby="report-heading">
          <h2 id="report-heading">{t('library.report')}</h2>
          <p>
            <a href={`/reports/${report.id}`}>
              {t('library.reportOf', { actor: i18n.pick(report.actor), period: report.period })}
            </a>
          </p>
        </section>
      ) : null}
      {found && d.pages.length > 0 ? (
        <FoundIn i18n={i18n} q={found.q} pages={found.pages} pageCount={d.pages.length} />
      ) : null}
      {d.pages.length > 0 ? (
        <section aria-labelledby="text-heading">
          <h2 id="text-heading">{t('library.text')}</h2>
          <p class="muted">{t('library.pageCount', { count: d.pages.length })}</p>
          <div class="document-text" lang={d.languages[0]}>
            {d.pages.map((page, i) => (
              <section id={`page-${i + 1}`} aria-label={t('library.page', { page: i + 1 })}>
                {d.pages.length > 1 ? <h3>{t('library.page', { page: i + 1 })}</h3> : null}
                {(found?.pages.find((f) => f.page === i + 1)?.text ?? page).split(/\n{2,}/).map((paragraph) => (
                  <p>
                    <MarkedText text={paragraph} />
                  </p>
                ))}
              </section>
            ))}
          </div>
        </section>
      ) : null}
    </Layout>
  );
}

export type DocumentFormValues = {
  title?: string;
  summary?: string;
  type?: string;
  languages?: string[];
  countries?: string[];
  actors?: string;
  issuedOn?: string;
  visibility?: string;
  url?: string;
};

type Country = { key: string; name: Record<string, string> };

export function DocumentFormPage(props: {
  i18n: Translator;
  currentUrl: string;
  countries: Country[];
  actors: ActorOption[];
  values?: DocumentFormValues | undefined;
  errors?: FormErrors | undefined;
  /** The document changed, instead of a new one: its file stays; a link's address may change. */
  editing?: { id: string; title: string; isLink: boolean } | undefined;
}) {
  const { i18n, editing } = props;
  const { t } = i18n;
  const v = props.values ?? {};
  const e = props.errors ?? {};
  const heading = editing ? t('library.editHeading', { title: editing.title }) : t('library.add');
  return (
    <Layout
      i18n={i18n}
      title={heading}
      currentUrl={props.currentUrl}
      section="library"
      breadcrumbs={[
        libraryCrumb(i18n),
        ...(editing ? [{ href: `/library/documents/${editing.id}`, label: editing.title }] : []),
        { label: editing ? t('library.edit') : heading },
      ]}
    >
      <h1>{heading}</h1>
      <ErrorSummary i18n={i18n} errors={props.errors} />
      <PostForm
        action={editing ? `/library/documents/${editing.id}` : '/library'}
        submit={editing ? t('library.save') : t('library.addSubmit')}
        multipart={!editing}
      >
        {editing ? null : (
          <div class="field">
            <label for="file">{t('form.file')}</label>
            <input
              id="file"
              name="file"
              type="file"
              aria-describedby={e.file ? 'file-hint file-error' : 'file-hint'}
              aria-invalid={e.file ? 'true' : undefined}
            />
            <p class="hint" id="file-hint">
              {t('library.fileHint')}
            </p>
            {e.file ? (
              <p class="field-error" id="file-error">
                {e.file}
              </p>
            ) : null}
          </div>
        )}
        {editing && !editing.isLink ? null : (
          <Field
            id="url"
            name="url"
            type="url"
            label={t('library.field.url')}
            hint={editing ? undefined : t('library.urlHint')}
            value={v.url}
            error={e.url}
          />
        )}
        <Field
          id="title"
          name="title"
          label={t('library.field.title')}
          hint={t('library.titleHint')}
          value={v.title}
          error={e.title}
        />
        <TextAreaField
          id="summary"
          name="summary"
          label={t('library.field.summary')}
          value={v.summary}
          error={e.summary}
        />
        <SelectField
          id="type"
          name="type"
          label={t('library.field.type')}
          value={v.type}
          error={e.type}
          required
          placeholder={t('library.chooseType')}
          options={DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`library.type.${type}`) }))}
        />
        <Checkboxes
          legend={t('library.field.languages')}
          hint={t('library.languagesHint')}
          name="languages"
          options={LIBRARY_LANGUAGES.map((code) => ({ value: code, label: languageName(i18n, code) }))}
          chosen={v.languages ?? []}
          error={e.languages}
        />
        <Field
          id="issuedOn"
          name="issuedOn"
          type="date"
          label={t('library.field.issuedOn')}
          value={v.issuedOn}
          error={e.issuedOn}
        />
        <Checkboxes
          legend={t('library.field.countries')}
          name="countries"
          folded
          options={props.countries
            .map((c) => ({ value: c.key, label: i18n.pick(c.name) }))
            .sort((a, b) => a.label.localeCompare(b.label, i18n.locale))}
          chosen={v.countries ?? []}
          error={e.countries}
        />
        <SelectField
          id="actors"
          name="actors"
          label={t('library.field.actor')}
          value={v.actors}
          error={e.actors}
          placeholder={t('library.noActor')}
          groups={actorGroups(i18n, props.actors)}
        />
        <SelectField
          id="visibility"
          name="visibility"
          label={t('library.field.visibility')}
          value={v.visibility ?? 'public'}
          error={e.visibility}
          options={LIBRARY_VISIBILITIES.map((vis) => ({ value: vis, label: t(`library.visibility.${vis}`) }))}
        />
      </PostForm>
    </Layout>
  );
}
