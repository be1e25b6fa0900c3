/** Page routes of reporting: cycles, the board, and reports (fill in, submit, review) without JavaScript. */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { REPORT_STATES } from '../../db/schema/index.ts';
import { canAdminister } from '../../domain/authz.ts';
import { canReadReport, reportPermissions } from '../../domain/report.policy.ts';
import { ACTOR_TYPES } from '../../domain/vocabulary.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { authorize, baseUrl, requirePrincipal } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { isMultipart, multipartForm } from '../../http/multipart.ts';
import { writeUnseenByVisitors } from '../../http/page-cache.ts';
import { currentUrl, orSignIn, parseOr400 } from '../../http/pages.ts';
import { sameForPeers } from '../../http/peer-pages.ts';
import { fieldErrorsFromZod } from '../../http/problem.ts';
import { render } from '../../http/render.tsx';
import { formErrors } from '../../web/forms.tsx';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import { getActor, listActors } from '../actors/actor.service.ts';
import { agreementsOwnedBy } from '../meetings/meeting.service.ts';
import { listProgrammes } from '../programmes/programme.service.ts';
import { changeAddressee } from './addressees.ts';
import {
  addressedActors,
  changeCycleState,
  chapterGroupChoices,
  createCycle,
  cycleBoard,
  getCycle,
  listCycles,
  openCycle,
  orderChapters,
  undoCycleStep,
  updateCycleTexts,
} from './cycle.service.ts';
import { CycleEditPage } from './cycle-edit.views.tsx';
import { addLinkEvidence, evidenceHeaders, getEvidenceFile, removeEvidence } from './evidence.service.ts';
import { uploadEvidence } from './evidence-upload.ts';
import { patchFromForm, resolveConflictChoices } from './form-patch.ts';
import { remindedActor, remindNow } from './reminder.service.ts';
import { getReport, transitionReport } from './report.service.ts';
import { compareSubmissions } from './report-changes.service.ts';
import { ReportChangesPage } from './report-changes.views.tsx';
import { addReportComment, commentsOf } from './report-comments.service.ts';
import { ReportPage } from './report-page.views.tsx';
import { ReportConflictError, saveReport } from './report-save.ts';
import {
  AddresseeInput,
  ChangesQuery,
  CommentInput,
  CreateCycleInput,
  LinkEvidenceInput,
  ReportPatch,
  ReturnInput,
  StepBackInput,
  UpdateCycleInput,
} from './reporting.schema.ts';
import { CyclePage, CyclesPage } from './reporting.views.tsx';
import { decideStatusProposals, listStatusProposals } from './status-proposals.service.ts';
import { confirmCycleStep, confirmSubmit } from './step-confirmation.tsx';

const Id = z.object({ id: z.uuid() });
/** The buttons of the status proposals: a decision, for one proposal or all of them. */
const StatusDecisionForm = z.object({ decision: z.enum(['apply', 'dismiss']), entryId: z.uuid().optional() });
const BoardFilter = z.object({ state: z.enum(REPORT_STATES).optional(), type: z.enum(ACTOR_TYPES).optional() });
const text = (v: unknown) => (typeof v === 'string' ? v : '');
type Ctx = Context<AppEnv>;

const notices: Record<string, MessageKey> = {
  created: 'cycles.created',
  opened: 'cycles.opened',
  closed: 'cycles.closedNotice',
  published: 'cycles.publishedNotice',
  reopened: 'cycles.reopenedNotice',
  unpublished: 'cycles.unpublishedNotice',
  saved: 'report.saved',
  submitted: 'report.submitted',
  withdrawn: 'report.withdrawnNotice',
  approved: 'report.approved',
  accepted: 'report.acceptedNotice',
  returned: 'report.returnedNotice',
  evidence: 'report.evidenceAdded',
  removed: 'report.evidenceRemoved',
  reminded: 'cycles.remindedNotice',
  addresseeAdded: 'cycles.addresseeAdded',
  addresseeRemoved: 'cycles.addresseeRemoved',
  commented: 'comments.addedNotice',
  statusApplied: 'proposals.appliedNotice',
  statusDismissed: 'proposals.dismissedNotice',
};
/** The new-cycle form's labels, for the messages that name a field. */
const CYCLE_LABELS: Record<string, MessageKey> = {
  programme: 'cycles.programme',
  period: 'cycles.period',
  opensAt: 'cycles.opensAt',
  deadline: 'cycles.deadline',
};

/** Labels of the cycle page's fields, for the messages that name them. */
const CYCLE_EDIT_LABELS: Record<string, MessageKey> = {
  'title.es': 'cycleEdit.titleEs',
  'title.en': 'cycleEdit.titleEn',
  background: 'consolidated.background',
  conclusion: 'consolidated.conclusion',
  documentSymbol: 'cycleEdit.documentSymbol',
  documentDate: 'cycleEdit.documentDate',
  paper: 'cycleEdit.paper',
};

/** The secretariat's page for the cycle's texts, document block and chapters; with errors, as refused (400). */
async function cycleEditPage(
  c: Ctx,
  id: string,
  extra: { notice?: string | undefined; errors?: Record<string, string> },
  status: 200 | 400 = 200,
) {
  const { cycle } = await getCycle(c.var.deps.db, id, c.var.principal);
  const [actors, groups] = await Promise.all([addressedActors(c.var.deps.db, id), chapterGroupChoices(c.var.deps.db)]);
  return render(
    c,
    <CycleEditPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      cycle={cycle}
      actors={actors}
      groups={groups}
      notice={extra.notice}
      errors={extra.errors}
    />,
    status,
  );
}

const noticeOf = (c: Ctx) => {
  const key = notices[c.req.query('done') ?? ''];
  const count = Number(c.req.query('count') ?? 0);
  return key ? c.var.i18n.t(key, { count: Number.isSafeInteger(count) ? count : 0 }) : undefined;
};

async function cyclesPage(c: Ctx, form?: { values: Record<string, string>; errors: Record<string, string> }) {
  const { db } = c.var.deps;
  const principal = c.var.principal;
  const cycles = await listCycles(db, principal);
  const programmes = canAdminister(principal)
    ? (await listProgrammes(db))
        .filter((p) => p.status !== 'superseded')
        .map((p) => ({ slug: p.slug, label: c.var.i18n.pick(p.shortTitle) }))
    : null;
  const page = (
    <CyclesPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      cycles={cycles}
      programmes={programmes}
      values={form?.values}
      errors={form?.errors}
    />
  );
  return render(c, page, form ? 400 : 200);
}

async function reportPage(
  c: Ctx,
  id: string,
  extra: Partial<Parameters<typeof ReportPage>[0]> = {},
  status: 200 | 400 | 409 | 413 | 429 = 200,
) {
  const detail = await orSignIn(c, () => getReport(c.var.deps.db, id, c.var.principal));
  const reach = (await getActor(c.var.deps.db, detail.actor.id)).reachedThrough;
  const agreements = await agreementsOwnedBy(c.var.deps.db, reach, c.var.principal, detail.cycle.programmeId);
  const proposals =
    detail.report.state === 'accepted' && canAdminister(c.var.principal)
      ? await listStatusProposals(c.var.deps.db, id, c.var.principal)
      : [];
  const can = reportPermissions(c.var.principal, detail);
  const comments = can.follow ? await commentsOf(c.var.deps.db, id) : [];
  const page = (
    <ReportPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      detail={detail}
      can={can}
      notice={noticeOf(c)}
      agreements={agreements}
      proposals={proposals}
      comments={comments}
      {...extra}
    />
  );
  return render(c, page, status);
}

/** A workflow or evidence error shown on the report page instead of a bare error page. */
async function withReportErrors(c: Ctx, id: string, action: () => Promise<string>, anchor = '') {
  try {
    return c.redirect(`/reports/${id}?done=${await action()}${anchor}`, 303);
  } catch (err) {
    if (!(err instanceof AppError) || err.status === 401 || err.status === 403 || err.status === 404) throw err;
    const errors = formErrors(c.var.i18n, err.fields);
    return reportPage(
      c,
      id,
      { error: c.var.i18n.t(err.messageKey as MessageKey, err.params), errors },
      err.status === 409 || err.status === 413 || err.status === 429 ? err.status : 400,
    );
  }
}

export const reportingPages = new Hono<AppEnv>()
  .get('/cycles', (c) => cyclesPage(c))
  .post('/cycles', async (c) => {
    const by = authorize(c, canAdminister);
    const body = await c.req.parseBody();
    const values = {
      programme: text(body.programme),
      period: text(body.period),
      opensAt: text(body.opensAt),
      deadline: text(body.deadline),
    };
    const parsed = CreateCycleInput.safeParse(values);
    if (!parsed.success)
      return cyclesPage(c, {
        values,
        errors: formErrors(c.var.i18n, fieldErrorsFromZod(parsed.error, ''), CYCLE_LABELS),
      });
    try {
      const { id } = await createCycle(c.var.deps.db, parsed.data, by);
      return c.redirect(`/cycles/${id}?done=created`, 303);
    } catch (err) {
      if (err instanceof AppError && err.fields.length > 0)
        return cyclesPage(c, { values, errors: formErrors(c.var.i18n, err.fields, CYCLE_LABELS) });
      throw err;
    }
  })
  .get('/cycles/:id', async (c) => {
    // The board as the person's rights show it: the same for every peer.
    sameForPeers(c);
    const { id } = parseOr400(Id, c.req.param(), '');
    const filter = parseOr400(
      BoardFilter,
      Object.fromEntries(Object.entries(c.req.query()).filter(([k, v]) => v !== '' && (k === 'state' || k === 'type'))),
      '',
    );
    const { db } = c.var.deps;
    const { cycle, programme } = await orSignIn(c, () => getCycle(db, id, c.var.principal));
    const board = await cycleBoard(db, id);
    const manage = canAdminister(c.var.principal);
    const p = c.var.principal;
    // The board is the secretariat's; others see the reports they may read.
    const visible = manage
      ? board.rows
      : board.rows.filter((r) =>
          canReadReport(p, { actorId: r.actor.id, cycleState: cycle.state, state: r.report.state }),
        );
    // Before opening, the secretariat sees and edits who the cycle addresses.
    const addressing =
      manage && cycle.state === 'draft'
        ? { addressed: await addressedActors(db, id), actors: await listActors(db) }
        : undefined;
    const page = (
      <CyclePage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        cycle={cycle}
        programme={programme}
        board={{ ...board, rows: visible }}
        filter={filter}
        manage={manage}
        notice={noticeOf(c)}
        addressing={addressing}
      />
    );
    return render(c, page);
  })
  .post('/cycles/:id/addressees', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, { id: c.req.param('id') }, '');
    const { actor } = parseOr400(AddresseeInput, { actor: text((await c.req.parseBody()).actor) }, '');
    await changeAddressee(c.var.deps.db, id, { add: actor }, by);
    return c.redirect(`/cycles/${id}?done=addresseeAdded#addressees`, 303);
  })
  .post('/cycles/:id/addressees/:actor/remove', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, { id: c.req.param('id') }, '');
    await changeAddressee(c.var.deps.db, id, { remove: c.req.param('actor') }, by);
    return c.redirect(`/cycles/${id}?done=addresseeRemoved#addressees`, 303);
  })
  .post('/cycles/:id/reminders', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, { id: c.req.param('id') }, '');
    const actor = text((await c.req.parseBody()).actor);
    const { db } = c.var.deps;
    const written = await remindNow(db, id, actor ? await remindedActor(db, actor) : null, by, baseUrl(c));
    return c.redirect(`/cycles/${id}?done=reminded&count=${written}`, 303);
  })
  // Before open|close|publish: Hono's pattern for those would also take "reopen" and "unpublish".
  .post('/cycles/:id/:action{reopen|unpublish}', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, { id: c.req.param('id') }, '');
    const action = c.req.param('action') as 'reopen' | 'unpublish';
    const { reason } = parseOr400(StepBackInput, { reason: text((await c.req.parseBody()).reason) }, '');
    await undoCycleStep(c.var.deps.db, id, action, reason, by);
    return c.redirect(`/cycles/${id}?done=${action === 'reopen' ? 'reopened' : 'unpublished'}`, 303);
  })
  .post('/cycles/:id/:action{open|close|publish}', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, { id: c.req.param('id') }, '');
    const action = c.req.param('action') as 'open' | 'close' | 'publish';
    // The button asks first, saying what will happen; the page it shows takes the step.
    if (text((await c.req.parseBody()).confirm) !== 'yes') {
      const asking = await confirmCycleStep(c, id, action);
      if (asking) return asking;
    }
    if (action === 'open') await openCycle(c.var.deps.db, id, by);
    else await changeCycleState(c.var.deps.db, id, action === 'close' ? 'closed' : 'published', by);
    return c.redirect(
      `/cycles/${id}?done=${action === 'open' ? 'opened' : action === 'close' ? 'closed' : 'published'}`,
      303,
    );
  })
  .get('/cycles/:id/edit', async (c) => {
    authorize(c, canAdminister);
    const { id } = parseOr400(Id, c.req.param(), '');
    const notice = c.req.query('done') === 'saved' ? c.var.i18n.t('cycleEdit.saved') : undefined;
    return cycleEditPage(c, id, { notice });
  })
  .post('/cycles/:id/edit', async (c) => {
    const by = authorize(c, canAdminister) as NonNullable<ReturnType<typeof authorize>>;
    const { id } = parseOr400(Id, c.req.param(), '');
    const body = await c.req.parseBody();
    const db = c.var.deps.db;
    const actors = await addressedActors(db, id);
    const rank = (actorId: string, index: number) => {
      const n = Number(text(body[`order:${actorId}`]));
      return Number.isFinite(n) ? n : index + 1;
    };
    const ordered = actors
      .map((a, index) => ({ id: a.id, rank: rank(a.id, index), index }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index);
    const labels: Record<string, MessageKey> = {
      ...CYCLE_EDIT_LABELS,
      ...Object.fromEntries(actors.map((a) => [`groups.${a.id}`, 'cycleEdit.group' as MessageKey])),
    };
    const refused = (fields: FieldError[]) =>
      cycleEditPage(c, id, { errors: formErrors(c.var.i18n, fields, labels) }, 400);
    const texts = UpdateCycleInput.safeParse({
      title: { es: text(body['title-es']), en: text(body['title-en']) },
      introduction: text(body.introduction),
      background: text(body.background),
      conclusion: text(body.conclusion),
      documentSymbol: text(body.documentSymbol),
      documentDate: text(body.documentDate),
      paper: text(body.paper) || undefined,
    });
    if (!texts.success) return refused(fieldErrorsFromZod(texts.error, ''));
    const groups = Object.fromEntries(actors.map((a) => [a.id, text(body[`group:${a.id}`]).trim() || null]));
    try {
      await updateCycleTexts(db, id, texts.data, by);
      await orderChapters(
        db,
        id,
        ordered.map((o) => o.id),
        by,
        groups,
      );
    } catch (err) {
      if (err instanceof AppError && err.fields.length > 0) return refused(err.fields);
      throw err;
    }
    return c.redirect(`/cycles/${id}/edit?done=saved`, 303);
  })
  .get('/reports/:id', async (c) => {
    // Actions, comments and agreements follow the person's rights, never who they are: the same for every peer.
    sameForPeers(c);
    const { id } = parseOr400(Id, c.req.param(), '');
    return reportPage(c, id);
  })
  .post('/reports/:id', async (c) => {
    const p = requirePrincipal(c);
    // Only a draft can be saved, and visitors see no draft: their cached pages stay.
    writeUnseenByVisitors(c);
    const { id } = parseOr400(Id, c.req.param(), '');
    const body = await c.req.parseBody();
    const version = versionField(body.version, 'version');
    // After a collision: the fields as the person chose; one left without a choice shows the collision again.
    const { fields, unresolved } = resolveConflictChoices(body);
    const base = unresolved.length > 0 ? versionField(body.baseVersion, 'baseVersion') : version;
    const patch = parseOr400(ReportPatch, patchFromForm(fields), '');
    try {
      await saveReport(c.var.deps.db, id, base, patch, p);
      return c.redirect(`/reports/${id}?done=saved`, 303);
    } catch (err) {
      if (!(err instanceof ReportConflictError)) throw err;
      const error = unresolved.length > 0 ? c.var.i18n.t('report.conflict.chooseEach') : undefined;
      return reportPage(c, id, { conflict: err.conflict, error }, 409);
    }
  })
  .post('/reports/:id/:action{submit|withdraw|approve|accept}', async (c) => {
    const p = requirePrincipal(c);
    const { id } = parseOr400(Id, { id: c.req.param('id') }, '');
    const action = c.req.param('action') as 'submit' | 'withdraw' | 'approve' | 'accept';
    if (action === 'submit' && text((await c.req.parseBody()).confirm) !== 'yes') {
      // Asked first, with the activities left empty. A report that cannot be submitted goes on to the step, which says why.
      const detail = await orSignIn(c, () => getReport(c.var.deps.db, id, c.var.principal));
      if (reportPermissions(c.var.principal, detail).submit) return confirmSubmit(c, detail);
    }
    const done = { submit: 'submitted', withdraw: 'withdrawn', approve: 'approved', accept: 'accepted' }[action];
    return withReportErrors(c, id, async () => {
      await transitionReport(c.var.deps.db, id, action, p);
      return done;
    });
  })
  .post('/reports/:id/status-proposals', async (c) => {
    const by = authorize(c, canAdminister);
    const { id } = parseOr400(Id, c.req.param(), '');
    const body = await c.req.parseBody();
    const form = parseOr400(
      StatusDecisionForm,
      { decision: text(body.decision), entryId: text(body.entryId) || undefined },
      '',
    );
    const input = { decision: form.decision, ...(form.entryId ? { entryIds: [form.entryId] } : {}) };
    const decided = await decideStatusProposals(c.var.deps.db, id, input, by, () => 'entryId');
    const done = input.decision === 'apply' ? 'statusApplied' : 'statusDismissed';
    return c.redirect(`/reports/${id}?done=${done}&count=${decided}#status-proposals`, 303);
  })
  .post('/reports/:id/comments', async (c) => {
    const by = requirePrincipal(c);
    // Comments are never shown to visitors: no cached page changes.
    writeUnseenByVisitors(c);
    const { id } = parseOr400(Id, c.req.param(), '');
    const form = await c.req.parseBody();
    const draft = { entryId: text(form.entryId), body: text(form.body) };
    const parsed = CommentInput.safeParse(draft);
    if (!parsed.success) {
      // Shown again in its activity's thread, the text kept and the reason under it.
      const errors = formErrors(c.var.i18n, fieldErrorsFromZod(parsed.error, ''));
      return reportPage(c, id, { errors, commentDraft: { ...draft, error: errors.body } }, 400);
    }
    return withReportErrors(
      c,
      id,
      async () => {
        await addReportComment(c.var.deps.db, id, parsed.data, by);
        return 'commented';
      },
      `#comments-${parsed.data.entryId}`,
    );
  })
  .get('/reports/:id/changes', async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const asked = parseOr400(ChangesQuery, { from: c.req.query('from'), to: c.req.query('to') }, '');
    const comparison = await orSignIn(c, () => compareSubmissions(c.var.deps.db, id, c.var.principal, asked));
    return render(c, <ReportChangesPage i18n={c.var.i18n} currentUrl={currentUrl(c)} comparison={comparison} />);
  })
  .post('/reports/:id/return', async (c) => {
    const p = requirePrincipal(c);
    const { id } = parseOr400(Id, c.req.param(), '');
    const parsed = ReturnInput.safeParse({ comment: text((await c.req.parseBody()).comment) });
    return withReportErrors(c, id, async () => {
      if (!parsed.success)
        throw new AppError('invalid_input', 400, 'error.invalidInput', {
          fields: fieldErrorsFromZod(parsed.error, ''),
        });
      await transitionReport(c.var.deps.db, id, 'return', p, parsed.data.comment);
      return 'returned';
    });
  })
  .post('/reports/:id/evidence', async (c) => {
    const p = requirePrincipal(c);
    // Evidence is only ever added to or removed from a report being drafted, which no visitor can see.
    writeUnseenByVisitors(c);
    const { id } = parseOr400(Id, c.req.param(), '');
    const multipart = isMultipart(c.req.header('content-type'));
    return withReportErrors(c, id, async () => {
      // The file form streams its file in; the link form (or a file form sent without a file) adds a link.
      if (multipart && (await uploadEvidence(c, id, p))) return 'evidence';
      const body = multipart ? multipartForm(c).fields : await c.req.parseBody();
      const parsed = LinkEvidenceInput.safeParse({
        title: text(body.title),
        url: text(body.url),
        entryId: text(body.entryId) || undefined,
      });
      if (!parsed.success)
        throw new AppError('invalid_input', 400, 'error.invalidInput', {
          fields: fieldErrorsFromZod(parsed.error, ''),
        });
      await addLinkEvidence(c.var.deps.db, id, parsed.data, p);
      return 'evidence';
    });
  })
  .post('/reports/:id/evidence/:attachment/remove', async (c) => {
    const p = requirePrincipal(c);
    // Evidence is only ever added to or removed from a report being drafted, which no visitor can see.
    writeUnseenByVisitors(c);
    const { id } = parseOr400(Id, { id: c.req.param('id') }, '');
    const { attachment } = parseOr400(
      z.object({ attachment: z.uuid() }),
      { attachment: c.req.param('attachment') },
      '',
    );
    return withReportErrors(c, id, async () => {
      await removeEvidence(c.var.deps.db, attachment, p);
      return 'removed';
    });
  })
  .get('/attachments/:id', async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const file = await getEvidenceFile(c.var.deps.db, id, c.var.principal);
    return c.body(new Uint8Array(file.data ?? Buffer.alloc(0)), 200, evidenceHeaders(file));
  });

/** A version posted by the report form: digits, at most nine as in If-Match (a larger number is no version and overflows the column). */
function versionField(value: unknown, field: string): number {
  const version = /^\s*\d{1,9}\s*$/.test(text(value)) ? Number(text(value)) : Number.NaN;
  if (!Number.isInteger(version) || version < 1) {
    throw new AppError('invalid_input', 400, 'error.invalidInput', {
      fields: [{ field, messageKey: 'error.field.invalid' }],
    });
  }
  return version;
}
