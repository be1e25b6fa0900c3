/** Pages of editions: the secretariat derives the next edition; anyone reads what changed between two. */
import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { programmes } from '../../db/schema/index.ts';
import { canEditProgrammes } from '../../domain/programme.policy.ts';
import { AppError, notFound } from '../../errors.ts';
import { authorize } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { fieldErrorsFromZod } from '../../http/problem.ts';
import { render } from '../../http/render.tsx';
import { formErrors } from '../../web/forms.tsx';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import { SlugParam } from './programme.schema.ts';
import { EditionInput } from './programme-editions.schema.ts';
import { compareEditions, deriveEdition } from './programme-editions.service.ts';
import { EditionDiffPage, NewEditionPage } from './programme-editions.views.tsx';

const EDITION_LABELS: Record<string, MessageKey> = { slug: 'edition.slug', edition: 'edition.edition' };

type Ctx = Context<AppEnv>;
const DiffPageQuery = z.object({ against: z.string().trim().min(1).max(80) });

async function programmeRef(c: Ctx, slug: string) {
  const [programme] = await c.var.deps.db
    .select({ slug: programmes.slug, shortTitle: programmes.shortTitle, edition: programmes.edition })
    .from(programmes)
    .where(eq(programmes.slug, slug));
  if (!programme) throw notFound('programme');
  return programme;
}

async function newEditionPage(
  c: Ctx,
  slug: string,
  values: Record<string, string> = {},
  errors?: Record<string, string>,
) {
  const page = (
    <NewEditionPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      programme={await programmeRef(c, slug)}
      values={values}
      errors={errors}
    />
  );
  return render(c, page, errors ? 400 : 200);
}

export const programmeEditionPages = new Hono<AppEnv>()
  .get('/programmes/:slug/editions/new', (c) => {
    authorize(c, canEditProgrammes);
    return newEditionPage(c, parseOr400(SlugParam, c.req.param(), '').slug);
  })
  .post('/programmes/:slug/editions/new', async (c) => {
    const by = authorize(c, canEditProgrammes);
    const { slug } = parseOr400(SlugParam, c.req.param(), '');
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      ['slug', 'edition', 'copyItems'].map((k) => [k, typeof body[k] === 'string' ? (body[k] as string).trim() : '']),
    );
    values.copyItems = values.copyItems === '1' ? '1' : '0';
    const parsed = EditionInput.safeParse({
      slug: values.slug,
      edition: values.edition,
      copyItems: values.copyItems === '1',
    });
    if (!parsed.success) {
      return newEditionPage(
        c,
        slug,
        values,
        formErrors(c.var.i18n, fieldErrorsFromZod(parsed.error, ''), EDITION_LABELS),
      );
    }
    try {
      const created = await deriveEdition(c.var.deps.db, slug, parsed.data, by);
      return c.redirect(parsed.data.copyItems ? `/programmes/${created}` : `/programmes/${created}/import`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fields.length > 0) {
        return newEditionPage(c, slug, values, formErrors(c.var.i18n, err.fields, EDITION_LABELS));
      }
      throw err;
    }
  })
  .get('/programmes/:slug/diff', async (c) => {
    const { slug } = parseOr400(SlugParam, c.req.param(), '');
    const { against } = parseOr400(DiffPageQuery, c.req.query(), '');
    const comparison = await compareEditions(c.var.deps.db, slug, against);
    return render(c, <EditionDiffPage i18n={c.var.i18n} currentUrl={currentUrl(c)} comparison={comparison} />);
  });
