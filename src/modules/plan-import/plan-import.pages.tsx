/**
 * Form routes for bringing a plan in (secretariat): a new programme, the
 * upload of its plan, the mapping and the commit. Each success goes on to the
 * next step (303); a mistake shows the same page again with its errors named.
 */
import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { programmes } from '../../db/schema/index.ts';
import { foldText } from '../../domain/item-filter.ts';
import type { ColumnMapping } from '../../domain/plan-import/column-guess.ts';
import type { BlankCells } from '../../domain/plan-import/plan-tree.ts';
import { canEditProgrammes } from '../../domain/programme.policy.ts';
import { today } from '../../domain/zoned-time.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import { UuidParam } from '../../http/api.ts';
import { authorize } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { writeUnseenByVisitors } from '../../http/page-cache.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { fieldErrorsFromZod } from '../../http/problem.ts';
import { render } from '../../http/render.tsx';
import { formErrors } from '../../web/forms.tsx';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import type { AuthenticatedPrincipal } from '../accounts/account.service.ts';
import { listActors } from '../actors/actor.service.ts';
import { SlugParam } from '../programmes/programme.schema.ts';
import { CreateProgrammeInput } from '../programmes/programme-creation.schema.ts';
import { createProgramme } from '../programmes/programme-creation.service.ts';
import { presentImport } from './plan-import.presenter.ts';
import { commitImport, getImport, mapImport, startImport } from './plan-import.service.ts';
import { ImportPage, LEVEL_ROWS, NewProgrammePage, UploadPlanPage } from './plan-import.views.tsx';
import { receivePlanFile } from './plan-upload.ts';

/** The labels of the import and new-programme forms, for messages that name a field. */
const IMPORT_LABELS: Record<string, MessageKey> = {
  file: 'import.file',
  headerRow: 'import.headerRow',
  role: 'import.column',
  slug: 'import.slug',
  titleEs: 'import.titleEs',
  titleEn: 'import.titleEn',
  adoptionDate: 'import.adoptionDate',
  status: 'programme.statusLabel',
};

type Ctx = Context<AppEnv>;

const editor = (c: Ctx): AuthenticatedPrincipal => authorize(c, canEditProgrammes);

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** A level's key from its name: "Objetivo específico" → `objetivo_especifico`. */
function levelKey(name: string, index: number): string {
  const key = foldText(name)
    .replace(/[^a-z]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return key || `level_${'abcdefgh'[index]}`;
}

/** The form's values as the API's input: empty fields left out, the level rows that have a name. */
function programmeInput(values: Record<string, string>) {
  const given = (name: string) => (values[name] ? values[name] : undefined);
  const levels = Array.from({ length: LEVEL_ROWS }, (_, i) => i).flatMap((i) => {
    const es = given(`level${i}Es`);
    const en = given(`level${i}En`);
    if (!es && !en) return [];
    return [{ key: levelKey(es ?? en ?? '', i), name: { es, en }, codePattern: given(`level${i}Pattern`) }];
  });
  return {
    slug: values.slug,
    title: { es: given('titleEs'), en: given('titleEn') },
    issuer: given('issuer'),
    adoptionRef: given('adoptionRef'),
    adoptionDate: given('adoptionDate'),
    edition: given('edition'),
    status: given('status'),
    levels,
  };
}

/** The form's name of a field of the programme's input: `title.es` → `titleEs`, `levels.2.codePattern` → `level2Pattern`. */
function formName(path: string): string {
  const level = /^levels(?:\.(\d+))?(?:\.(name|plural)(?:\.(es|en))?|\.(codePattern|key))?$/.exec(path);
  if (level) {
    const n = level[1] ?? '0';
    if (level[4] === 'codePattern') return `level${n}Pattern`;
    return `level${n}${level[3] === 'en' ? 'En' : 'Es'}`;
  }
  if (path === 'title.en') return 'titleEn';
  if (path === 'title' || path === 'title.es') return 'titleEs';
  return path;
}

async function newProgrammePage(c: Ctx, values: Record<string, string> = {}, errors?: Record<string, string>) {
  const actors = await listActors(c.var.deps.db);
  const page = (
    <NewProgrammePage i18n={c.var.i18n} currentUrl={currentUrl(c)} actors={actors} values={values} errors={errors} />
  );
  return render(c, page, errors ? 400 : 200);
}

async function programmeTitle(c: Ctx, slug: string): Promise<string> {
  const [programme] = await c.var.deps.db
    .select({ title: programmes.title })
    .from(programmes)
    .where(eq(programmes.slug, slug));
  if (!programme) throw notFound('programme');
  return c.var.i18n.pick(programme.title, slug);
}

async function uploadPage(c: Ctx, slug: string, error?: AppError) {
  const page = (
    <UploadPlanPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      slug={slug}
      title={await programmeTitle(c, slug)}
      error={error ? c.var.i18n.t(error.messageKey as MessageKey, error.params) : undefined}
      errors={error ? formErrors(c.var.i18n, error.fields, IMPORT_LABELS) : undefined}
    />
  );
  return render(c, page, error ? (error.status as 400) : 200);
}

async function importPage(c: Ctx, id: string, error?: AppError) {
  const state = await getImport(c.var.deps.db, id);
  const page = (
    <ImportPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      view={presentImport(c.var.i18n, state)}
      levels={state.levels.map((l) => ({ key: l.key, name: c.var.i18n.pick(l.name, l.key) }))}
      actors={await listActors(c.var.deps.db)}
      error={error ? c.var.i18n.t(error.messageKey as MessageKey, error.params) : undefined}
      errors={error ? formErrors(c.var.i18n, error.fields, IMPORT_LABELS) : undefined}
    />
  );
  return render(c, page, error ? (error.status as 400) : 200);
}

/** The mapping form: `role<i>` is `level:<key>` or a role, `split<i>` how to read several lines; `actor<i>` matches `actorName<i>`. */
function mappingOf(body: Record<string, unknown>) {
  const columns: ColumnMapping[] = Object.keys(body)
    .flatMap((name) => {
      const m = /^role(\d{1,3})$/.exec(name);
      return m ? [Number(m[1])] : [];
    })
    .sort((a, b) => a - b)
    .map((index) => {
      const role = text(body[`role${index}`]);
      const split = text(body[`split${index}`]) === 'lines' ? 'lines' : 'cell';
      if (role.startsWith('level:')) return { index, role: 'level', level: role.slice(6), split };
      if (role.startsWith('code:')) return { index, role: 'code', level: role.slice(5), split };
      const known = ['code', 'actors', 'status', 'calendar', 'notes', 'ignore'] as const;
      const r = known.find((k) => k === role);
      if (!r) throw invalidInput([{ field: `role${index}`, messageKey: 'error.field.invalidValue' }]);
      return { index, role: r, split };
    });
  const actors: Record<string, string> = {};
  for (const name of Object.keys(body)) {
    const m = /^actorName(\d{1,3})$/.exec(name);
    const chosen = m ? text(body[`actor${m[1]}`]) : '';
    if (m && chosen) actors[text(body[name])] = chosen;
  }
  // Every table has a first column: a form without it is not the mapping form.
  if (text(body.role0) === '') throw invalidInput([{ field: 'role0', messageKey: 'error.field.required' }]);
  const number = (name: string) => {
    const value = typeof body[name] === 'string' ? body[name] : '';
    if (value === '') return undefined;
    if (!/^\d{1,7}$/.test(value)) throw invalidInput([{ field: name, messageKey: 'error.field.invalidValue' }]);
    return Number(value);
  };
  const headerRow = number('headerRow');
  const tableIndex = number('table');
  const blankCells = text(body.blankCells) as BlankCells;
  return {
    columns,
    actors,
    ...(blankCells === 'above' || blankCells === 'empty' ? { blankCells } : {}),
    ...(headerRow !== undefined ? { headerRow } : {}),
    ...(tableIndex !== undefined ? { tableIndex } : {}),
  };
}

export const planImportPages = new Hono<AppEnv>()
  .get('/programmes/new', (c) => {
    editor(c);
    return newProgrammePage(c);
  })
  .post('/programmes/new', async (c) => {
    const by = editor(c);
    const body = await c.req.parseBody();
    const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, text(v)]));
    const parsed = CreateProgrammeInput.safeParse(programmeInput(values));
    if (!parsed.success) {
      const fields = fieldErrorsFromZod(parsed.error, '').map((f) => ({ ...f, field: formName(f.field) }));
      return newProgrammePage(c, values, formErrors(c.var.i18n, fields, IMPORT_LABELS));
    }
    try {
      const slug = await createProgramme(c.var.deps.db, parsed.data, by);
      return c.redirect(`/programmes/${slug}/import`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fields.length > 0) {
        return newProgrammePage(c, values, formErrors(c.var.i18n, err.fields, IMPORT_LABELS));
      }
      throw err;
    }
  })
  .get('/programmes/:slug/import', (c) => {
    editor(c);
    return uploadPage(c, parseOr400(SlugParam, c.req.param(), '').slug);
  })
  .post('/programmes/:slug/import', async (c) => {
    const by = editor(c);
    writeUnseenByVisitors(c);
    const { slug } = parseOr400(SlugParam, c.req.param(), '');
    try {
      const state = await receivePlanFile(c, by.userId, ({ fileName, bytes }) =>
        startImport(c.var.deps.db, slug, { fileName, bytes }, by),
      );
      return c.redirect(`/imports/${state.id}`, 303);
    } catch (err) {
      if (err instanceof AppError && [400, 409, 413].includes(err.status)) return uploadPage(c, slug, err);
      throw err;
    }
  })
  .get('/imports/:id', (c) => {
    editor(c);
    const { id } = parseOr400(UuidParam, c.req.param(), '');
    return importPage(c, id);
  })
  .post('/imports/:id/mapping', async (c) => {
    editor(c);
    writeUnseenByVisitors(c);
    const { id } = parseOr400(UuidParam, c.req.param(), '');
    try {
      await mapImport(c.var.deps.db, id, mappingOf(await c.req.parseBody()));
      return c.redirect(`/imports/${id}`, 303);
    } catch (err) {
      if (err instanceof AppError && [400, 409].includes(err.status)) return importPage(c, id, err);
      throw err;
    }
  })
  .post('/imports/:id/commit', async (c) => {
    const by = editor(c);
    const { id } = parseOr400(UuidParam, c.req.param(), '');
    try {
      const result = await commitImport(c.var.deps.db, id, by, today());
      if (!result.committed) {
        const error = new AppError('import_problems', 422, 'error.importProblems', {
          params: { count: result.state.tree.problems.length },
        });
        return importPage(c, id, error);
      }
      return c.redirect(`/programmes/${result.programme}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return importPage(c, id, err);
      throw err;
    }
  });
