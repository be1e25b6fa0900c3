/**
 * The secretariat's pages for bringing a plan in: a new programme with its
 * levels, the upload of the plan's file, and the import itself — what each
 * column holds, the actors to match by hand, the preview with every problem
 * at its cell, and the button that writes it all.
 */
import { columnLetter } from '../../domain/plan-import/source-table.ts';
import { type ActorType, CREATABLE_ACTOR_TYPES, PROGRAMME_STATUSES } from '../../domain/vocabulary.ts';
import { MetaList } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { type ActorOption, actorGroups, type Option, SelectField } from '../../web/form-controls.tsx';
import { CsrfField, ErrorSummary, Field, type FormErrors, PostForm } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { AdminFrame } from '../admin/admin.views.tsx';
import type { presentImport } from './plan-import.presenter.ts';

type Base = { i18n: Translator; currentUrl: string };

/** How many level rows the new-programme form offers (a plan has four or five at most). */
export const LEVEL_ROWS = 6;

export function NewProgrammePage(
  props: Base & { actors: ActorOption[]; values: Record<string, string>; errors?: FormErrors | undefined },
) {
  const { i18n, values, errors } = props;
  const { t } = i18n;
  const statuses: Option[] = PROGRAMME_STATUSES.map((s) => ({ value: s, label: t(`programme.status.${s}`) }));
  return (
    <AdminFrame i18n={i18n} currentUrl={props.currentUrl} title={t('import.newProgramme')}>
      <p class="lead">{t('import.newProgrammeLead')}</p>
      <ErrorSummary i18n={i18n} errors={errors} />
      <PostForm action="/programmes/new" submit={t('import.createProgramme')}>
        <Field id="titleEs" name="titleEs" label={t('import.titleEs')} value={values.titleEs} error={errors?.titleEs} />
        <Field id="titleEn" name="titleEn" label={t('import.titleEn')} value={values.titleEn} error={errors?.titleEn} />
        <Field
          id="slug"
          name="slug"
          label={t('import.slug')}
          hint={t('import.slugHint')}
          value={values.slug}
          error={errors?.slug}
          required
        />
        <SelectField
          id="issuer"
          name="issuer"
          label={t('programme.issuingBody')}
          value={values.issuer}
          placeholder={t('import.none')}
          groups={actorGroups(i18n, props.actors)}
          error={errors?.issuer}
        />
        <Field
          id="adoptionRef"
          name="adoptionRef"
          label={t('programme.adoption')}
          value={values.adoptionRef}
          error={errors?.adoptionRef}
        />
        <Field
          id="adoptionDate"
          name="adoptionDate"
          type="date"
          label={t('import.adoptionDate')}
          value={values.adoptionDate}
          error={errors?.adoptionDate}
        />
        <Field
          id="edition"
          name="edition"
          label={t('programme.edition')}
          value={values.edition}
          error={errors?.edition}
        />
        <SelectField
          id="status"
          name="status"
          label={t('programme.statusLabel')}
          value={values.status ?? 'draft'}
          options={statuses}
          error={errors?.status}
        />
        <fieldset>
          <legend>{t('import.levels')}</legend>
          <p class="hint">{t('import.levelsHint')}</p>
          {Array.from({ length: LEVEL_ROWS }, (_, i) => (
            <div class="level-row">
              <Field
                id={`level${i}Es`}
                name={`level${i}Es`}
                label={t('import.levelName', { n: i + 1 })}
                value={values[`level${i}Es`]}
                error={errors?.[`level${i}Es`]}
              />
              <Field
                id={`level${i}En`}
                name={`level${i}En`}
                label={t('import.levelNameEn', { n: i + 1 })}
                value={values[`level${i}En`]}
                error={errors?.[`level${i}En`]}
              />
              <Field
                id={`level${i}Pattern`}
                name={`level${i}Pattern`}
                label={t('import.levelPattern', { n: i + 1 })}
                value={values[`level${i}Pattern`]}
                error={errors?.[`level${i}Pattern`]}
              />
            </div>
          ))}
        </fieldset>
      </PostForm>
    </AdminFrame>
  );
}

export function UploadPlanPage(
  props: Base & { slug: string; title: string; error?: string | undefined; errors?: FormErrors | undefined },
) {
  const { i18n } = props;
  const { t } = i18n;
  return (
    <AdminFrame i18n={i18n} currentUrl={props.currentUrl} title={t('import.uploadTitle', { programme: props.title })}>
      <p class="lead">{t('import.uploadLead')}</p>
      <ErrorSummary i18n={i18n} message={props.error} errors={props.errors} />
      <PostForm action={`/programmes/${props.slug}/import`} submit={t('import.upload')} multipart>
        <div class="field">
          <label for="file">{t('import.file')}</label>
          <input
            id="file"
            name="file"
            type="file"
            required
            accept=".xlsx,.csv,.txt,.docx"
            aria-describedby="file-hint"
            aria-invalid={props.errors?.file ? 'true' : undefined}
          />
          <p class="hint" id="file-hint">
            {t('import.fileHint')}
          </p>
        </div>
      </PostForm>
    </AdminFrame>
  );
}

type ImportView = ReturnType<typeof presentImport>;
type Node = ImportView['preview']['tree'][number];

/** The first items of the tree, nested as the plan prints them; the rest are counted. */
function TreePreview({ nodes, budget }: { nodes: Node[]; budget: { left: number } }) {
  const shown = nodes.filter(() => budget.left-- > 0);
  return (
    <ul class="import-tree">
      {shown.map((n) => (
        <li>
          <span class="code">{n.code}</span> {n.text}
          {n.children.length > 0 ? <TreePreview nodes={n.children} budget={budget} /> : null}
        </li>
      ))}
    </ul>
  );
}

function FindingsTable({
  i18n,
  caption,
  rows,
}: {
  i18n: Translator;
  caption: string;
  rows: ImportView['preview']['problems'];
}) {
  const { t } = i18n;
  return (
    <DataTable
      caption={caption}
      rows={rows}
      columns={[
        {
          header: t('import.where'),
          cell: (f) => f.sheet ?? (f.table ? t('import.tableN', { n: f.table }) : t('import.csvFile')),
        },
        { header: t('import.row'), cell: (f) => i18n.number(f.row) },
        { header: t('import.column'), cell: (f) => String(f.column) },
        { header: t('import.message'), cell: (f) => f.message },
      ]}
    />
  );
}

export function ImportPage(
  props: Base & {
    view: ImportView;
    levels: { key: string; name: string }[];
    actors: ActorOption[];
    error?: string | undefined;
    errors?: FormErrors | undefined;
  },
) {
  const { i18n, view, levels } = props;
  const { t } = i18n;
  const roles: Option[] = [
    ...levels.map((l) => ({ value: `level:${l.key}`, label: t('import.role.level', { level: l.name }) })),
    ...(['code', 'actors', 'status', 'calendar', 'notes', 'ignore'] as const).map((r) => ({
      value: r,
      label: t(`import.role.${r}`),
    })),
    ...levels.map((l) => ({ value: `code:${l.key}`, label: t('import.role.levelCode', { level: l.name }) })),
  ];
  const roleOf = (index: number) => {
    const m = view.mapping.find((c) => c.index === index);
    if (!m) return 'ignore';
    return m.role === 'level' || (m.role === 'code' && m.level) ? `${m.role}:${m.level}` : m.role;
  };
  const splitOf = (index: number) => view.mapping.find((c) => c.index === index)?.split ?? 'cell';
  const { preview } = view;
  const total = Object.values(preview.counts).reduce((a, b) => a + b, 0);
  const shown = Math.min(total, 200);
  return (
    <AdminFrame i18n={i18n} currentUrl={props.currentUrl} title={t('import.title', { file: view.fileName })}>
      <ErrorSummary i18n={i18n} message={props.error} errors={props.errors} />
      {view.committed ? <p class="alert alert-success">{t('import.committed')}</p> : null}
      <form class="form wide" method="post" action={`/imports/${view.id}/mapping`}>
        <CsrfField />
        <h2>{t('import.mapping')}</h2>
        <p class="hint">{t('import.mappingLead')}</p>
        {view.tables.length > 1 ? (
          <SelectField
            id="table"
            name="table"
            label={view.format === 'xlsx' ? t('import.sheet') : t('import.table')}
            value={String(view.tables.find((x) => x.chosen)?.index ?? 0)}
            options={view.tables.map((x) => ({
              value: String(x.index),
              label: `${x.kind === 'table' ? t('import.tableN', { n: x.name }) : x.name} (${t('import.rows', { count: x.rows })})`,
            }))}
          />
        ) : null}
        {view.mappingReused ? <p class="alert alert-info">{t('import.mappingReused')}</p> : null}
        <SelectField
          id="blankCells"
          name="blankCells"
          label={t('import.blankCells')}
          value={view.blankCells}
          options={[
            { value: 'above', label: t('import.blankCells.above') },
            { value: 'empty', label: t('import.blankCells.empty') },
          ]}
        />
        <Field
          id="headerRow"
          name="headerRow"
          type="number"
          label={t('import.headerRow')}
          value={String(view.headerRow)}
          error={props.errors?.headerRow}
        />
        <DataTable
          caption={t('import.columns')}
          rows={view.columns}
          columns={[
            {
              header: t('import.column'),
              cell: (c) => (view.format === 'xlsx' ? columnLetter(c.index) : String(c.index + 1)),
            },
            { header: t('import.header'), rowHeader: true, cell: (c) => c.header || t('import.noHeader') },
            {
              header: t('import.holds'),
              cell: (c) => (
                <>
                  <label class="visually-hidden" for={`role${c.index}`}>
                    {t('import.holdsColumn', { column: c.header || String(c.index + 1) })}
                  </label>
                  <select
                    id={`role${c.index}`}
                    name={`role${c.index}`}
                    aria-invalid={props.errors?.[`role${c.index}`] ? 'true' : undefined}
                  >
                    {roles.map((r) => (
                      <option value={r.value} selected={r.value === roleOf(c.index)}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </>
              ),
            },
            {
              header: t('import.split'),
              cell: (c) => (
                <>
                  <label class="visually-hidden" for={`split${c.index}`}>
                    {t('import.splitColumn', { column: c.header || String(c.index + 1) })}
                  </label>
                  <select id={`split${c.index}`} name={`split${c.index}`}>
                    <option value="cell" selected={splitOf(c.index) === 'cell'}>
                      {t('import.split.cell')}
                    </option>
                    <option value="lines" selected={splitOf(c.index) === 'lines'}>
                      {t('import.split.lines')}
                    </option>
                  </select>
                </>
              ),
            },
          ]}
        />
        {preview.unknownActors.length > 0 ? (
          <fieldset>
            <legend>{t('import.unknownActors')}</legend>
            {preview.unknownActors.map((name, i) => (
              <>
                <input type="hidden" name={`actorName${i}`} value={name} />
                <SelectField
                  id={`actor${i}`}
                  name={`actor${i}`}
                  label={name}
                  placeholder={t('import.chooseActor')}
                  options={[{ value: 'ignore', label: t('import.ignoreActor') }]}
                  groups={[
                    {
                      label: t('import.createActor'),
                      options: CREATABLE_ACTOR_TYPES.map((type) => ({
                        value: `new:${type}`,
                        label: t('import.createActorOfType', { type: t(`actorType.${type}`) }),
                      })),
                    },
                    ...actorGroups(i18n, props.actors),
                  ]}
                />
              </>
            ))}
          </fieldset>
        ) : null}
        {view.newActors.length > 0 ? (
          <>
            <h3>{t('import.newActors')}</h3>
            <ul>
              {view.newActors.map((a) => (
                <li>
                  {a.name} <span class="muted">· {t(`actorType.${a.type as ActorType}`)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <button class="button secondary" type="submit" disabled={view.committed}>
          {t('import.updatePreview')}
        </button>
      </form>

      <h2>{t('import.preview')}</h2>
      <MetaList items={levels.map((l) => [l.name, i18n.number(preview.counts[l.key] ?? 0)] as const)} />
      {preview.problems.length > 0 ? (
        <FindingsTable
          i18n={i18n}
          caption={t('import.problems', { count: preview.problems.length })}
          rows={preview.problems}
        />
      ) : (
        <p>{t('import.noProblems')}</p>
      )}
      {preview.warnings.length > 0 ? (
        <FindingsTable
          i18n={i18n}
          caption={t('import.warnings', { count: preview.warnings.length })}
          rows={preview.warnings}
        />
      ) : null}
      {total > 0 ? (
        <section aria-labelledby="tree-heading">
          <h3 id="tree-heading">{t('import.tree', { shown, total })}</h3>
          <TreePreview nodes={preview.tree} budget={{ left: shown }} />
        </section>
      ) : null}
      {view.committed ? null : (
        <form method="post" action={`/imports/${view.id}/commit`}>
          <CsrfField />
          <p class="hint">{t('import.commitHint')}</p>
          <button class="button" type="submit" disabled={preview.problems.length > 0 || total === 0}>
            {t('import.commit', { count: total })}
          </button>
        </form>
      )}
    </AdminFrame>
  );
}
