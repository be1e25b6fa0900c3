/** Programme pages: the tree, the filterable table, and an item. */
import type { Child } from 'hono/jsx';
import type { TreeNode } from '../../domain/item-tree.ts';
import { ITEM_STATUSES } from '../../domain/status.ts';
import { ActorChips, DateText, ItemStatusView, MetaList, Original, StatusBadge } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { FilterBar, FilterSelect } from '../../web/filters.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { Tabs } from '../../web/navigation.tsx';
import type { ItemFilter } from './programme.schema.ts';
import type { getItem, getProgramme, ProgrammeItem } from './programme.service.ts';

type Programme = Awaited<ReturnType<typeof getProgramme>>;
type Level = Programme['levels'][number];

function levelName(i18n: Translator, levels: Level[], key: string) {
  const level = levels.find((l) => l.key === key);
  return level ? i18n.pick(level.name) : key;
}

function ProgrammeHeader({
  i18n,
  programme,
  canEdit = false,
}: {
  i18n: Translator;
  programme: Programme;
  canEdit?: boolean | undefined;
}) {
  const { t } = i18n;
  const { issuingBody, previousEdition: previous } = programme;
  return (
    <>
      <p class="muted">{t(`programme.kind.${programme.kind}`)}</p>
      <h1>
        <Original lang={programme.language} i18n={i18n}>
          {i18n.pick(programme.title)}
        </Original>
      </h1>
      <p class="lead">{i18n.pick(programme.summary)}</p>
      {programme.editionNote ? (
        <p class="alert alert-warning" role="note">
          {i18n.pick(programme.editionNote)}
        </p>
      ) : null}
      <MetaList
        items={[
          [
            t('programme.issuingBody'),
            issuingBody && <a href={`/actors/${issuingBody.key}`}>{i18n.pick(issuingBody.name)}</a>,
          ],
          [
            t('programme.adoption'),
            programme.adoptionReference && (
              <>
                {programme.adoptionReference}
                {programme.adoptionDate ? (
                  <>
                    {' · '}
                    <DateText i18n={i18n} iso={programme.adoptionDate} />
                  </>
                ) : null}
              </>
            ),
          ],
          [t('programme.edition'), programme.edition],
          [
            t('edition.previous'),
            previous && (
              <>
                <a href={`/programmes/${previous.slug}`}>{previous.edition}</a>
                {' · '}
                <a href={`/programmes/${programme.slug}/diff?against=${previous.slug}`}>{t('diff.link')}</a>
              </>
            ),
          ],
          [
            t('export.download'),
            <>
              <a href={`/api/v1/programmes/${programme.slug}/export.xlsx?lang=${i18n.locale}`} download>
                {t('export.xlsx')}
              </a>
              {' · '}
              <a href={`/api/v1/programmes/${programme.slug}/export.docx?lang=${i18n.locale}`} download>
                {t('export.docx')}
              </a>
            </>,
          ],
          [t('programme.statusLabel'), t(`programme.status.${programme.status}`)],
        ]}
      />
      {canEdit ? (
        <p class="actions">
          <a class="button secondary" href={`/programmes/${programme.slug}/editions/new`}>
            {t('edition.new')}
          </a>
        </p>
      ) : null}
    </>
  );
}

function ProgrammeTabs({ i18n, slug, view }: { i18n: Translator; slug: string; view: 'tree' | 'table' }) {
  return (
    <Tabs
      label={i18n.t('programme.views')}
      tabs={[
        { href: `/programmes/${slug}`, label: i18n.t('programme.tree'), current: view === 'tree' },
        { href: `/programmes/${slug}?view=table`, label: i18n.t('programme.table'), current: view === 'table' },
        { href: `/programmes/${slug}/progress`, label: i18n.t('progress.trends') },
      ]}
    />
  );
}

function TreeNodeView({
  i18n,
  node,
  levels,
  lang,
}: {
  i18n: Translator;
  node: TreeNode<ProgrammeItem>;
  levels: Level[];
  lang: string;
}) {
  return (
    <li>
      <div class="node">
        {node.codeMade ? (
          <span class="code made" title={i18n.t('item.codeMade')}>
            {node.code}
            <span class="visually-hidden">{` (${i18n.t('item.codeMade')})`}</span>
          </span>
        ) : (
          <span class="code">{node.code}</span>
        )}
        <div class="body">
          <span class="level">{levelName(i18n, levels, node.levelKey)}</span>
          <span class="text">
            <a href={`/items/${node.id}`}>
              <Original lang={lang} i18n={i18n}>
                {node.text}
              </Original>
            </a>
          </span>
          <div class="node-tags">
            <ItemStatusView i18n={i18n} item={node} />
            <ActorChips i18n={i18n} actors={node.actors} />
          </div>
        </div>
      </div>
      {node.children.length > 0 ? (
        <ul>
          {node.children.map((child) => (
            <TreeNodeView i18n={i18n} node={child} levels={levels} lang={lang} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function AboutProgramme({ i18n, programme }: { i18n: Translator; programme: Programme }) {
  const { t } = i18n;
  return (
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">{t('programme.about')}</h2>
      {programme.mandates.length > 0 ? (
        <details class="section">
          <summary>{t('programme.mandates')}</summary>
          <ul>
            {programme.mandates.map((m) => (
              <li>
                <strong>{m.reference}</strong>
                {m.title ? (
                  <>
                    {' — '}
                    <Original lang={programme.language} i18n={i18n}>
                      {m.title}
                    </Original>
                  </>
                ) : null}
                {m.paragraphs ? (
                  <span class="muted">{` (${t('programme.paragraphs', { paragraphs: m.paragraphs })})`}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {programme.actors.length > 0 ? (
        <details class="section">
          <summary>{t('programme.actors')}</summary>
          <ul>
            {programme.actors.map((a) => (
              <li>
                <a href={`/actors/${a.actor.key}`}>{i18n.pick(a.actor.name)}</a>
                <span class="muted">{` — ${t(`programme.actorRole.${a.role}`)}`}</span>
                {a.description ? (
                  <p>
                    <Original lang={programme.language} i18n={i18n}>
                      {a.description}
                    </Original>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {programme.sections.map((s) => (
        <details class="section">
          <summary>
            {s.headingTranslated?.[i18n.locale] ?? (
              <Original lang={programme.language} i18n={i18n}>
                {s.heading}
              </Original>
            )}
          </summary>
          <div class="prose" lang={programme.language === i18n.locale ? undefined : programme.language}>
            {s.body.split(/\n\s*\n/).map((para) => (
              <p>{para.trim()}</p>
            ))}
          </div>
        </details>
      ))}
      {programme.editorialNote ? <p class="muted">{i18n.pick(programme.editorialNote)}</p> : null}
      {programme.source ? <p class="muted">{t('programme.source', { source: programme.source })}</p> : null}
    </section>
  );
}

export function ProgrammeTreePage(props: {
  i18n: Translator;
  programme: Programme;
  tree: TreeNode<ProgrammeItem>[];
  currentUrl: string;
  canEdit?: boolean | undefined;
}) {
  const { i18n, programme, tree } = props;
  return (
    <Layout
      i18n={i18n}
      title={i18n.pick(programme.shortTitle)}
      currentUrl={props.currentUrl}
      section="programmes"
      breadcrumbs={[{ href: '/', label: i18n.t('nav.home') }, { label: i18n.pick(programme.shortTitle) }]}
    >
      <ProgrammeHeader i18n={i18n} programme={programme} canEdit={props.canEdit} />
      <ProgrammeTabs i18n={i18n} slug={programme.slug} view="tree" />
      <h2 class="visually-hidden">{i18n.t('programme.tree')}</h2>
      <ul class="tree">
        {tree.map((node) => (
          <TreeNodeView i18n={i18n} node={node} levels={programme.levels} lang={programme.language} />
        ))}
      </ul>
      <AboutProgramme i18n={i18n} programme={programme} />
    </Layout>
  );
}

type ActorOption = { key: string; label: string };

export function ProgrammeTablePage(props: {
  i18n: Translator;
  programme: Programme;
  items: ProgrammeItem[];
  total: number;
  filter: ItemFilter;
  actorOptions: ActorOption[];
  currentUrl: string;
}) {
  const { i18n, programme, items, filter } = props;
  const { t } = i18n;
  return (
    <Layout
      i18n={i18n}
      title={`${i18n.pick(programme.shortTitle)} — ${t('programme.table')}`}
      currentUrl={props.currentUrl}
      section="programmes"
      breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: i18n.pick(programme.shortTitle) }]}
    >
      <ProgrammeHeader i18n={i18n} programme={programme} />
      <ProgrammeTabs i18n={i18n} slug={programme.slug} view="table" />
      <FilterBar
        i18n={i18n}
        action={`/programmes/${programme.slug}`}
        search
        clear={`/programmes/${programme.slug}?view=table`}
      >
        <input type="hidden" name="view" value="table" />
        <FilterSelect
          id="f-level"
          name="level"
          label={t('filter.level')}
          value={filter.level}
          all={t('filter.all')}
          options={programme.levels.map((l) => ({ value: l.key, label: i18n.pick(l.name) }))}
        />
        <FilterSelect
          id="f-actor"
          name="actor"
          label={t('filter.actor')}
          value={filter.actor}
          all={t('filter.all')}
          options={props.actorOptions.map((a) => ({ value: a.key, label: a.label }))}
        />
        <FilterSelect
          id="f-status"
          name="status"
          label={t('filter.status')}
          value={filter.status}
          all={t('filter.all')}
          options={[...ITEM_STATUSES, 'none' as const].map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <div>
          <label for="f-q">{t('filter.text')}</label>
          <input id="f-q" type="search" name="q" value={filter.q ?? ''} />
        </div>
      </FilterBar>
      <p class="result-count" role="status">
        {t('filter.count', { shown: items.length, total: props.total })}
      </p>
      <DataTable
        caption={t('programme.table')}
        captionHidden
        rows={items}
        columns={[
          { header: t('item.code'), class: 'code', cell: (item) => <a href={`/items/${item.id}`}>{item.code}</a> },
          { header: t('item.level'), cell: (item) => levelName(i18n, programme.levels, item.levelKey) },
          {
            header: t('item.text'),
            cell: (item) => (
              <Original lang={programme.language} i18n={i18n}>
                {item.text}
              </Original>
            ),
          },
          { header: t('item.actors'), cell: (item) => <ActorChips i18n={i18n} actors={item.actors} /> },
          {
            header: t('item.status'),
            cell: (item) => <ItemStatusView i18n={i18n} item={item} />,
          },
        ]}
      />
    </Layout>
  );
}

type ItemDetail = Awaited<ReturnType<typeof getItem>>;

export function ItemPage({
  i18n,
  detail,
  currentUrl,
  editing,
}: {
  i18n: Translator;
  detail: ItemDetail;
  currentUrl: string;
  /** The secretariat's editing panel; absent for everyone else. */
  editing?: Child;
}) {
  const { t } = i18n;
  const { item, programme, levels, ancestors } = detail;
  const lang = programme.language;
  const parent = ancestors.at(-1);
  const linkList = (list: ItemDetail['serves']) => (
    <ul>
      {list.map((l) => (
        <li>
          <a href={`/items/${l.id}`}>{l.code}</a>{' '}
          <Original lang={lang} i18n={i18n}>
            {l.text}
          </Original>
        </li>
      ))}
    </ul>
  );
  return (
    <Layout
      i18n={i18n}
      title={`${item.code} — ${i18n.pick(programme.shortTitle)}`}
      currentUrl={currentUrl}
      section="programmes"
      breadcrumbs={[
        { href: '/', label: t('nav.home') },
        { href: `/programmes/${programme.slug}`, label: i18n.pick(programme.shortTitle) },
        ...ancestors.map((a) => ({ href: `/items/${a.id}`, label: a.code })),
        { label: item.code },
      ]}
    >
      <p class="muted">{levelName(i18n, levels, item.levelKey)}</p>
      <h1>{`${item.code}`}</h1>
      {item.codeMade ? <p class="muted">{t('item.codeMade')}</p> : null}
      <p class="lead">
        <Original lang={lang} i18n={i18n}>
          {item.text}
        </Original>
      </p>
      {editing}
      <div class="columns">
        <div>
          <MetaList
            items={[
              [t('item.status'), <ItemStatusView i18n={i18n} item={item} />],
              [
                t('item.actors'),
                item.actors.length > 0 ? (
                  <ActorChips i18n={i18n} actors={item.actors} />
                ) : (
                  <span class="muted">{t('item.noActors')}</span>
                ),
              ],
              [
                t('item.mentions'),
                detail.mentions.length > 0 && (
                  <ActorChips i18n={i18n} actors={detail.mentions} label={t('item.mentions')} />
                ),
              ],
              [
                t('item.calendar'),
                item.calendar && <p lang={lang === i18n.locale ? undefined : lang}>{item.calendar}</p>,
                'prose',
              ],
              [
                t('item.dates'),
                item.startsOn && (
                  <>
                    <DateText i18n={i18n} iso={item.startsOn} />
                    {item.endsOn && item.endsOn !== item.startsOn ? (
                      <>
                        {' – '}
                        <DateText i18n={i18n} iso={item.endsOn} />
                      </>
                    ) : null}
                  </>
                ),
              ],
              [t('item.programme'), <a href={`/programmes/${programme.slug}`}>{i18n.pick(programme.shortTitle)}</a>],
              [
                t('item.parent'),
                parent && (
                  <>
                    <a href={`/items/${parent.id}`}>{parent.code}</a>{' '}
                    <Original lang={lang} i18n={i18n}>
                      {parent.text}
                    </Original>
                  </>
                ),
              ],
            ]}
          />
          {item.children.length > 0 ? (
            <section aria-labelledby="children-heading">
              <h2 id="children-heading">{t('item.children')}</h2>
              <ul class="tree">
                {item.children.map((child) => (
                  <TreeNodeView i18n={i18n} node={child} levels={levels} lang={lang} />
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="notes-heading">
            <h2 id="notes-heading">{t('item.notes')}</h2>
            {detail.notes.length > 0 ? (
              <ul class="notes">
                {detail.notes.map((n) => (
                  <li>
                    <DateText i18n={i18n} iso={n.notedOn} />
                    <Original lang={lang} i18n={i18n}>
                      {n.text}
                    </Original>
                    {n.status ? (
                      <>
                        {' '}
                        <StatusBadge i18n={i18n} status={n.status as ProgrammeItem['status']} />
                      </>
                    ) : null}
                    {n.dueOn ? (
                      <span class="due">
                        {t('item.noteDue')} <DateText i18n={i18n} iso={n.dueOn} />
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{t('item.noNotes')}</p>
            )}
          </section>
        </div>
        <div>
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t('item.history')}</h2>
            <DataTable
              caption={t('item.history')}
              captionHidden
              rows={detail.history}
              empty={<p class="muted">{t('item.noHistory')}</p>}
              columns={[
                { header: t('item.date'), cell: (h) => <DateText i18n={i18n} iso={h.changedOn} style="medium" /> },
                {
                  header: t('item.status'),
                  cell: (h) => (
                    <>
                      <StatusBadge i18n={i18n} status={h.status as ProgrammeItem['status']} />
                      {h.sourceReportId ? (
                        <>
                          {' '}
                          <a href={`/reports/${h.sourceReportId}`}>{t('item.fromReport')}</a>
                        </>
                      ) : null}
                    </>
                  ),
                },
              ]}
            />
          </section>
          {detail.serves.length > 0 ? (
            <section aria-labelledby="serves-heading">
              <h2 id="serves-heading">{t('item.serves')}</h2>
              {linkList(detail.serves)}
              {programme.editorialNote ? <p class="muted">{i18n.pick(programme.editorialNote)}</p> : null}
            </section>
          ) : null}
          {detail.servedBy.length > 0 ? (
            <section aria-labelledby="served-heading">
              <h2 id="served-heading">{t('item.servedBy')}</h2>
              {linkList(detail.servedBy)}
              {programme.editorialNote ? <p class="muted">{i18n.pick(programme.editorialNote)}</p> : null}
            </section>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}
