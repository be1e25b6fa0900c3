/** Page routes of the calendar, meetings and agreements, and the iCalendar feeds. */

import { asc, eq, inArray } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { actors, agreements, items, meetings, programmes } from '../../db/schema/index.ts';
import { canAdminister, type Principal } from '../../domain/authz.ts';
import { today, wallClock } from '../../domain/zoned-time.ts';
import { AppError, type FieldError, invalidInput } from '../../errors.ts';
import { authorize, baseUrl } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { isMultipart, multipartForm } from '../../http/multipart.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { fieldErrorsFromZod } from '../../http/problem.ts';
import { render } from '../../http/render.tsx';
import { withUploadSlot } from '../../http/upload-slots.ts';
import { renderCalendar } from '../../render/ical/calendar.ts';
import { formErrors } from '../../web/forms.tsx';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import { principalFromFeedSecret } from '../accounts/account.service.ts';
import { findActor } from '../actors/actor.service.ts';
import { evidenceHeaders } from '../reporting/evidence.service.ts';
import { uploadRules } from '../reporting/evidence-upload.ts';
import {
  AgendaItemInput,
  CreateAgreementInput,
  CreateMeetingInput,
  MeetingDocumentInput,
  MeetingFilter,
  UpdateAgreementInput,
  UpdateMeetingInput,
} from './meeting.schema.ts';
import {
  addAgendaItem,
  addMeetingDocument,
  createAgreement,
  createMeeting,
  getMeeting,
  getMeetingFile,
  listMeetings,
  removeAgendaItem,
  removeMeetingDocument,
  updateAgreementStatus,
  updateMeeting,
} from './meeting.service.ts';
import { CalendarPage, MeetingPage } from './meeting.views.tsx';
import { meetingEvent } from './meeting-calendar.ts';
import { MEETING_LABELS, type MeetingFormValues, meetingFormValues, meetingInput } from './meeting-form.ts';
import { MeetingFormPage } from './meeting-form.views.tsx';
import { notifyMeetingChange } from './meeting-mail.service.ts';

type Ctx = Context<AppEnv>;
const Id = z.object({ id: z.uuid() });
const AgendaItemIds = z.object({ id: z.uuid(), itemId: z.uuid() });
const DocumentIds = z.object({ id: z.uuid(), documentId: z.uuid() });
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const CalendarQuery = z.object({
  view: z.enum(['list', 'month']).default('list'),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
  body: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(60)
    .optional(),
  kind: z
    .string()
    .regex(/^[a-z_]+$/)
    .max(40)
    .optional(),
  actor: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(60)
    .optional(),
  item: z.string().max(60).optional(),
});

/** The bodies that hold meetings, for filters and forms. */
async function bodies(c: Ctx) {
  const ids = c.var.deps.db.selectDistinct({ id: meetings.bodyId }).from(meetings);
  const held = await c.var.deps.db
    .select({ id: actors.id, key: actors.key, type: actors.type, name: actors.name, acronym: actors.acronym })
    .from(actors)
    .where(inArray(actors.id, ids))
    .orderBy(asc(actors.key));
  return held;
}

async function allActors(c: Ctx) {
  return c.var.deps.db
    .select({ id: actors.id, key: actors.key, type: actors.type, name: actors.name, acronym: actors.acronym })
    .from(actors)
    .orderBy(asc(actors.key));
}

/** Programme items by the codes a person types ("V.B.28, PGM-8.2.1"), in programmes in force first. */
async function itemsByCodes(c: Ctx, codes: string, field: string): Promise<string[]> {
  const wanted = codes
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted.length === 0) return [];
  const rows = await c.var.deps.db
    .select({ id: items.id, code: items.code, status: programmes.status })
    .from(items)
    .innerJoin(programmes, eq(programmes.id, items.programmeId))
    .where(inArray(items.code, wanted));
  return wanted.map((code) => {
    const match = rows
      .filter((r) => r.code === code)
      .sort((a, b) => (a.status === 'in_force' ? 0 : 1) - (b.status === 'in_force' ? 0 : 1))[0];
    if (!match)
      throw new AppError('invalid_input', 400, 'error.invalidInput', {
        fields: [{ field, messageKey: 'error.field.unknownItem' }],
      });
    return match.id;
  });
}

async function meetingPage(
  c: Ctx,
  id: string,
  extra: { errors?: Record<string, string>; status?: 200 | 400 | 413 | 429 } = {},
) {
  const detail = await getMeeting(c.var.deps.db, id, c.var.principal);
  const manage = canAdminister(c.var.principal);
  const notice = c.req.query('done')
    ? c.var.i18n.t(c.req.query('done') === 'created' ? 'meeting.created' : 'meeting.saved')
    : undefined;
  const page = (
    <MeetingPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      detail={detail}
      manage={manage}
      actors={manage ? await allActors(c) : []}
      errors={extra.errors}
      notice={notice}
    />
  );
  return render(c, page, extra.status ?? 200);
}

type FormState = { editing?: { id: string; title: string }; values: Partial<MeetingFormValues> };

async function meetingForm(c: Ctx, state: FormState, fields: FieldError[] = []) {
  const page = (
    <MeetingFormPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      editing={state.editing}
      bodies={await bodies(c)}
      actors={await allActors(c)}
      values={state.values}
      errors={formErrors(c.var.i18n, fields, MEETING_LABELS)}
    />
  );
  return render(c, page, fields.length > 0 ? 400 : 200);
}

/** Runs the form's step on its input; a field to fix shows the form again, with what was typed and why. */
async function withMeetingForm(
  c: Ctx,
  state: FormState & { values: MeetingFormValues },
  step: (input: Record<string, unknown>) => Promise<Response>,
) {
  const read = meetingInput(state.values);
  if (!read.ok) return meetingForm(c, state, read.fields);
  try {
    return await step(read.input);
  } catch (err) {
    if (err instanceof AppError && err.fields.length > 0)
      return meetingForm(
        c,
        state,
        // A form ticks several actors: the error about `invited.2` belongs to its `invited` fieldset.
        err.fields.map((f) => ({ ...f, field: f.field.replace(/\.\d+$/, '') })),
      );
    throw err;
  }
}

/** A meeting's fields as its form shows them: days, and times in its zone if it has them. */
function valuesOf(detail: Awaited<ReturnType<typeof getMeeting>>): Partial<MeetingFormValues> {
  const { meeting } = detail;
  const zone = meeting.timeZone ?? 'UTC';
  const start = meeting.startsAt && !meeting.allDay ? wallClock(meeting.startsAt, zone) : null;
  const end = meeting.endsAt && !meeting.allDay ? wallClock(meeting.endsAt, zone) : null;
  return {
    kind: meeting.kind,
    title: meeting.title,
    description: meeting.description ?? '',
    startsAt: start?.date ?? meeting.startsOn,
    endsAt: end?.date ?? meeting.endsOn,
    startTime: start?.time ?? '',
    endTime: end?.time ?? '',
    timeZone: meeting.timeZone ?? '',
    location: meeting.location ?? '',
    visibility: meeting.visibility,
    invited: detail.people.filter((p) => p.role === 'invited').map((p) => p.actor.key),
    guests: (detail.guests ?? []).join('\n'),
  };
}

/** Form errors of a secretariat action on a meeting, shown on its page. */
async function onMeeting(c: Ctx, id: string, action: () => Promise<void>, labels: Record<string, MessageKey> = {}) {
  try {
    await action();
    return c.redirect(`/meetings/${id}?done=saved`, 303);
  } catch (err) {
    if (!(err instanceof AppError) || err.fields.length === 0) throw err;
    // A form sends one owner: the error about `ownerActorIds.0` belongs to its `ownerActorIds` control.
    const fields = err.fields.map((f) => ({ ...f, field: f.field.replace(/\.\d+$/, '') }));
    const status = err.status === 413 || err.status === 429 ? err.status : 400;
    return meetingPage(c, id, { errors: formErrors(c.var.i18n, fields, labels), status });
  }
}

/**
 * Members-only meetings appear in a feed opened with the user's feed secret
 * (`?feed=`, from the account page), which reads feeds and nothing else. An
 * API token in the URL is refused: URLs get shared and synced to others.
 */
async function feedPrincipal(c: Ctx): Promise<Principal | null> {
  const refused = () => new AppError('invalid_token', 401, 'error.invalidFeedSecret');
  if (c.req.query('token') !== undefined) throw refused();
  const secret = c.req.query('feed');
  if (secret === undefined) return c.var.principal;
  if (!/^feed_[A-Za-z0-9_-]{20,100}$/.test(secret)) throw refused();
  const p = await principalFromFeedSecret(c.var.deps.db, secret);
  if (!p) throw refused();
  return p;
}

async function feed(c: Ctx, name: string, filter: z.infer<typeof MeetingFilter>) {
  const principal = await feedPrincipal(c);
  const rows = await listMeetings(c.var.deps.db, filter, principal);
  const base = baseUrl(c);
  const ics = renderCalendar({ name, events: rows.map((r) => meetingEvent(c.var.i18n, r.meeting, r.body, base)) });
  return c.body(ics, 200, {
    'content-type': 'text/calendar; charset=utf-8',
    'cache-control': principal ? 'private, max-age=300' : 'public, max-age=300',
  });
}

export const meetingPages = new Hono<AppEnv>()
  .get('/calendar', async (c) => {
    const q = parseOr400(
      CalendarQuery,
      Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== '')),
      '',
    );
    const day = today();
    const month = q.month ?? day.slice(0, 7);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const range =
      q.view === 'month'
        ? { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` }
        : q.when === 'upcoming'
          ? { from: day }
          : q.when === 'past'
            ? { to: day }
            : {};
    const [itemId] = q.item ? await itemsByCodes(c, q.item, 'item') : [];
    const filter = parseOr400(
      MeetingFilter,
      { ...range, body: q.body, kind: q.kind, actor: q.actor, item: itemId },
      '',
    );
    let rows = await listMeetings(c.var.deps.db, filter, c.var.principal);
    if (q.view === 'list' && q.when === 'past') rows = rows.reverse();
    // Nothing ahead: the latest meetings held, so that the page is never just empty.
    const recent =
      q.view === 'list' && q.when === 'upcoming' && rows.length === 0
        ? (await listMeetings(c.var.deps.db, { ...filter, from: undefined, to: day }, c.var.principal))
            .reverse()
            .slice(0, 5)
        : [];
    const page = (
      <CalendarPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        rows={rows}
        filter={{ view: q.view, month, when: q.when, body: q.body, kind: q.kind, actor: q.actor, item: q.item }}
        bodies={await bodies(c)}
        actors={await allActors(c)}
        canCreate={canAdminister(c.var.principal)}
        today={day}
        recent={recent}
      />
    );
    return render(c, page);
  })
  .get('/calendar.ics', (c) => feed(c, c.var.i18n.t('calendar.title'), {}))
  .get('/calendar/:file{[a-z0-9-]+\\.ics}', async (c) => {
    const key = c.req.param('file').replace(/\.ics$/, '');
    const body = await findActor(c.var.deps.db, key);
    return feed(
      c,
      `${c.var.i18n.t('calendar.title')} — ${c.var.i18n.pick(body.acronym) || c.var.i18n.pick(body.name)}`,
      { body: body.id },
    );
  })
  .get('/actors/:id/calendar.ics', async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$|^[a-z0-9]+(-[a-z0-9]+)*$/i.test(id))
      throw new AppError('invalid_input', 400, 'error.invalidInput', {
        fields: [{ field: 'id', messageKey: 'error.field.invalid' }],
      });
    const actor = await findActor(c.var.deps.db, id);
    return feed(
      c,
      `${c.var.i18n.t('calendar.title')} — ${c.var.i18n.pick(actor.acronym) || c.var.i18n.pick(actor.name)}`,
      { actor: actor.id },
    );
  })
  .get('/meetings/new', async (c) => {
    authorize(c, canAdminister);
    return meetingForm(c, { values: {} });
  })
  .post('/meetings', async (c) => {
    const by = authorize(c, canAdminister);
    const values = meetingFormValues(await c.req.parseBody({ all: true }));
    return withMeetingForm(c, { values }, async (input) => {
      const parsed = CreateMeetingInput.safeParse(input);
      if (!parsed.success) throw invalidInput(fieldErrorsFromZod(parsed.error, ''));
      // As through the API: the invited actors' focal points get the invitation, queued with the meeting.
      const { id } = await c.var.deps.db.transaction(async (tx) => {
        const created = await createMeeting(tx, parsed.data, by);
        await notifyMeetingChange(tx, created.id, baseUrl(c));
        return created;
      });
      return c.redirect(`/meetings/${id}?done=created`, 303);
    });
  })
  .get('/meetings/:id/edit', async (c) => {
    authorize(c, canAdminister);
    const { id } = parseOr400(Id, c.req.param(), '');
    const detail = await getMeeting(c.var.deps.db, id, c.var.principal);
    return meetingForm(c, { editing: { id, title: detail.meeting.title }, values: valuesOf(detail) });
  })
  .post('/meetings/:id/edit', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, c.req.param(), '');
    const { meeting } = await getMeeting(c.var.deps.db, id, c.var.principal);
    const values = meetingFormValues(await c.req.parseBody({ all: true }));
    return withMeetingForm(c, { editing: { id, title: meeting.title }, values }, async (input) => {
      const { body: _body, ...change } = input;
      // A place cleared on the form is cleared on the meeting.
      const parsed = UpdateMeetingInput.safeParse({ ...change, location: values.location });
      if (!parsed.success) throw invalidInput(fieldErrorsFromZod(parsed.error, ''));
      // Those invited are told of the change (the calendar entry's SEQUENCE goes up), as through the API.
      await c.var.deps.db.transaction(async (tx) => {
        const { changed } = await updateMeeting(tx, id, parsed.data, by);
        if (changed) await notifyMeetingChange(tx, id, baseUrl(c));
      });
      return c.redirect(`/meetings/${id}?done=saved`, 303);
    });
  })
  .get('/meetings/:file{[0-9a-f-]{36}\\.ics}', async (c) => {
    const { id } = parseOr400(Id, { id: c.req.param('file').replace(/\.ics$/, '') }, '');
    const { meeting, body } = await getMeeting(c.var.deps.db, id, c.var.principal);
    const ics = renderCalendar({
      name: meeting.title,
      method: 'PUBLISH',
      events: [meetingEvent(c.var.i18n, meeting, body, baseUrl(c))],
    });
    return c.body(ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="meeting.ics"',
    });
  })
  .get('/meetings/:id', async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    return meetingPage(c, id);
  })
  .post('/meetings/:id/agreements', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, c.req.param(), '');
    const body = await c.req.parseBody();
    return onMeeting(
      c,
      id,
      async () => {
        const itemIds = await itemsByCodes(c, text(body.items), 'itemIds');
        const parsed = CreateAgreementInput.safeParse({
          text: text(body.text),
          ownerActorIds: text(body.owner) ? [text(body.owner)] : [],
          dueDate: text(body.dueDate) || undefined,
          itemIds,
        });
        if (!parsed.success)
          throw new AppError('invalid_input', 400, 'error.invalidInput', {
            fields: fieldErrorsFromZod(parsed.error, ''),
          });
        await createAgreement(c.var.deps.db, id, parsed.data, by);
      },
      { text: 'agreement.text' },
    );
  })
  .post('/meetings/:id/agenda', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, c.req.param(), '');
    const body = await c.req.parseBody();
    return onMeeting(
      c,
      id,
      async () => {
        if (!text(body.title))
          throw new AppError('invalid_input', 400, 'error.invalidInput', {
            fields: [{ field: 'title', messageKey: 'error.field.required' }],
          });
        const title = parseOr400(AgendaItemInput.shape.title, text(body.title), 'title');
        const [itemId] = await itemsByCodes(c, text(body.item), 'item');
        await addAgendaItem(c.var.deps.db, id, { title, itemId }, by);
      },
      { title: 'meeting.agendaTitle' },
    );
  })
  .post('/meetings/:id/agenda/:itemId/remove', async (c) => {
    const by = authorize(c, canAdminister);
    const { id, itemId } = parseOr400(AgendaItemIds, c.req.param(), '');
    return onMeeting(c, id, () => removeAgendaItem(c.var.deps.db, id, itemId, by));
  })
  .post('/meetings/:id/documents/:documentId/remove', async (c) => {
    const by = authorize(c, canAdminister);
    const { id, documentId } = parseOr400(DocumentIds, c.req.param(), '');
    return onMeeting(c, id, () => removeMeetingDocument(c.var.deps.db, id, documentId, by));
  })
  .post('/meetings/:id/documents', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, c.req.param(), '');
    const multipart = isMultipart(c.req.header('content-type'));
    const addDocument = async () => {
      // The file streams in with its size and type checked; fields after it are read with it.
      const file = multipart ? await multipartForm(c).readFile(uploadRules()) : null;
      const body = multipart ? multipartForm(c).fields : await c.req.parseBody();
      const kind = z.enum(['agenda', 'presentation', 'minutes', 'other']).safeParse(text(body.kind));
      if (!kind.success)
        throw new AppError('invalid_input', 400, 'error.invalidInput', {
          fields: [{ field: 'kind', messageKey: 'error.field.invalidValue' }],
        });
      // A file's title may be left empty (its name is used); a given one has the API's limit.
      if (text(body.title)) parseOr400(MeetingDocumentInput.shape.title, text(body.title), 'title');
      if (file) {
        await addMeetingDocument(
          c.var.deps.db,
          id,
          {
            kind: kind.data,
            title: text(body.title),
            file: { name: file.filename, bytes: file.bytes, sha256: file.sha256 },
          },
          by,
        );
        return;
      }
      const link = z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .safeParse(text(body.url));
      if (!link.success || !text(body.title)) {
        throw new AppError('invalid_input', 400, 'error.invalidInput', {
          fields: [
            {
              field: link.success ? 'title' : 'url',
              messageKey: link.success ? 'error.field.required' : 'error.field.invalid',
            },
          ],
        });
      }
      await addMeetingDocument(c.var.deps.db, id, { kind: kind.data, title: text(body.title), url: link.data }, by);
    };
    return onMeeting(c, id, () => (multipart ? withUploadSlot(by.userId, addDocument) : addDocument()));
  })
  .get('/meeting-documents/:id', async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const file = await getMeetingFile(c.var.deps.db, id, c.var.principal);
    return c.body(new Uint8Array(file.data ?? Buffer.alloc(0)), 200, evidenceHeaders(file));
  })
  .post('/meetings/:id/state', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, c.req.param(), '');
    const state = z
      .enum(['planned', 'confirmed', 'held', 'cancelled'])
      .safeParse(text((await c.req.parseBody()).state));
    return onMeeting(c, id, async () => {
      if (!state.success)
        throw new AppError('invalid_input', 400, 'error.invalidInput', {
          fields: [{ field: 'state', messageKey: 'error.field.invalidValue' }],
        });
      await c.var.deps.db.transaction(async (tx) => {
        const result = await updateMeeting(tx, id, { state: state.data }, by);
        if (result.changed) await notifyMeetingChange(tx, id, baseUrl(c));
      });
    });
  })
  .post('/agreements/:id/status', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, c.req.param(), '');
    const body = await c.req.parseBody();
    const [row] = await c.var.deps.db
      .select({ meetingId: agreements.meetingId })
      .from(agreements)
      .where(eq(agreements.id, id));
    if (!row) throw new AppError('not_found', 404, 'error.notFound');
    return onMeeting(c, row.meetingId, async () => {
      const parsed = UpdateAgreementInput.safeParse({
        status: text(body.status),
        note: text(body.note),
        date: text(body.date) || undefined,
      });
      if (!parsed.success)
        throw new AppError('invalid_input', 400, 'error.invalidInput', {
          fields: fieldErrorsFromZod(parsed.error, ''),
        });
      await updateAgreementStatus(c.var.deps.db, id, parsed.data, by);
    });
  });
