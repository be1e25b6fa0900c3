/**
 * Form routes for the secretariat to edit programmes from the item page.
 * Success goes back to the item (303, `?saved=1`); a mistake shows the item
 * page again with the form open and its errors named per field.
 */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { canEditProgrammes } from '../../domain/programme.policy.ts';
import { today } from '../../domain/zoned-time.ts';
import { AppError, type FieldError, invalidInput } from '../../errors.ts';
import { UuidParam } from '../../http/api.ts';
import { authorize } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { parseOr400 } from '../../http/pages.ts';
import { fieldErrorsFromZod } from '../../http/problem.ts';
import { render } from '../../http/render.tsx';
import { formErrors } from '../../web/forms.tsx';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import type { AuthenticatedPrincipal } from '../accounts/account.service.ts';
import { listActors } from '../actors/actor.service.ts';
import { getItem } from './programme.service.ts';
import { ItemPage } from './programme.views.tsx';
import { AddChildForm, AssignmentInput, EditItemForm, StatusChangeInput } from './programme-editing.schema.ts';
import {
  addAssignment,
  addChildItem,
  changeItemStatus,
  removeAssignment,
  updateItem,
} from './programme-editing.service.ts';
import { type EditingForm, EditingPanel, type EditingState } from './programme-editing.views.tsx';

type Ctx = Context<AppEnv>;
type Run<T> = (c: Ctx, id: string, data: T, by: AuthenticatedPrincipal) => Promise<unknown>;

/** Field names as the reader knows them, for the error messages. */

/** The item page's editing panel, for the secretariat; nobody else gets one. */
type ItemDetail = Awaited<ReturnType<typeof getItem>>;

export async function editingPanelFor(c: Context<AppEnv>, detail: ItemDetail, state?: EditingState) {
  if (!canEditProgrammes(c.var.principal)) return undefined;
  const { item } = detail;
  const actors = await listActors(c.var.deps.db);
  return (
    <EditingPanel
      i18n={c.var.i18n}
      item={{ ...item, hasChildren: item.children.length > 0 }}
      levels={detail.levels}
      actors={actors}
      today={today()}
      saved={c.req.query('saved') === '1'}
      state={state}
    />
  );
}

const LABELS: Record<string, MessageKey> = {
  status: 'editing.status.new',
  date: 'item.date',
  note: 'editing.note',
  code: 'item.code',
  text: 'item.text',
  calendar: 'item.calendar',
  startsOn: 'editing.startsOn',
  endsOn: 'editing.endsOn',
  actorId: 'filter.actor',
  role: 'actor.role',
  level: 'item.level',
  parentId: 'item.parent',
};

function textValues(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) => (k !== '_csrf' && typeof v === 'string' ? [[k, v]] : [])),
  );
}

async function itemPageWithErrors(
  c: Ctx,
  id: string,
  form: EditingForm,
  values: Record<string, string>,
  fields: FieldError[],
  status: number,
) {
  const i18n = c.var.i18n;
  const named = fields.map((f) => {
    const label = LABELS[f.field];
    return { ...f, params: { ...f.params, field: label ? i18n.t(label) : f.field } };
  });
  const detail = await getItem(c.var.deps.db, id);
  const editing = await editingPanelFor(c, detail, { form, values, errors: formErrors(i18n, named) });
  return render(
    c,
    // The language switch returns to the item, not to this form's POST-only address.
    <ItemPage i18n={i18n} detail={detail} currentUrl={`/items/${id}`} editing={editing} />,
    status as ContentfulStatusCode,
  );
}

/** One form route: authorize, validate, run the use case, then redirect or show the errors. */
function formRoute<S extends z.ZodType>(form: EditingForm, schema: S, run: Run<z.infer<S>>) {
  return async (c: Ctx) => {
    const by = authorize(c, canEditProgrammes);
    const { id } = parseOr400(UuidParam, c.req.param(), '');
    const values = textValues(await c.req.parseBody());
    try {
      const parsed = schema.safeParse(values);
      if (!parsed.success) throw invalidInput(fieldErrorsFromZod(parsed.error, ''));
      await run(c, id, parsed.data, by);
    } catch (err) {
      if (!(err instanceof AppError) || err.fields.length === 0) throw err;
      return itemPageWithErrors(c, id, form, values, err.fields, err.status);
    }
    return c.redirect(`/items/${id}?saved=1`, 303);
  };
}

export const programmeEditingPages = new Hono<AppEnv>()
  .post(
    '/items/:id/edit',
    formRoute('edit', EditItemForm, (c, id, data, by) => updateItem(c.var.deps.db, id, data, by)),
  )
  .post(
    '/items/:id/status',
    formRoute('status', StatusChangeInput, (c, id, data, by) => changeItemStatus(c.var.deps.db, id, data, by)),
  )
  .post(
    '/items/:id/assignments',
    formRoute('assign', AssignmentInput, (c, id, data, by) => addAssignment(c.var.deps.db, id, data, by)),
  )
  .post(
    '/items/:id/assignments/remove',
    formRoute('remove', AssignmentInput, (c, id, data, by) => removeAssignment(c.var.deps.db, id, data, by)),
  )
  .post(
    '/items/:id/children',
    formRoute('child', AddChildForm, (c, id, data, by) =>
      addChildItem(c.var.deps.db, id, { ...data, calendar: null, startsOn: null, endsOn: null }, by),
    ),
  );
