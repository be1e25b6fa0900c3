/** Page routes of the library. */
import { asc } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { actors } from '../../db/schema/index.ts';
import { canAddDocuments, canChangeDocument } from '../../domain/library.policy.ts';
import { AppError, forbidden } from '../../errors.ts';
import { authorize, requirePrincipal } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { isMultipart, multipartForm } from '../../http/multipart.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { render } from '../../http/render.tsx';
import { formErrors } from '../../web/forms.tsx';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import { evidenceHeaders } from '../reporting/evidence.service.ts';
import { foundPages } from '../search/found-pages.ts';
import { DocumentChangeInput, DocumentListQuery } from './document.schema.ts';
import {
  addDocument,
  DOCUMENTS_PER_PAGE,
  type DocumentDetail,
  getDocument,
  getDocumentFile,
  listDocuments,
} from './document.service.ts';
import { deleteDocument, documentSource, updateDocument } from './document-edit.service.ts';
import { documentFormObject, formValues, linkDocumentFields } from './document-form.ts';
import { uploadDocument } from './document-upload.ts';
import { DocumentFormPage, type DocumentFormValues, DocumentPage, LibraryPage } from './library.views.tsx';

type Ctx = Context<AppEnv>;
const Id = z.object({ id: z.uuid() });

/** How the form labels its fields, for messages that name one. */
const LABELS: Record<string, MessageKey> = {
  title: 'library.field.title',
  summary: 'library.field.summary',
  type: 'library.field.type',
  languages: 'library.field.languages',
  countries: 'library.field.countries',
  actors: 'library.field.actor',
  issuedOn: 'library.field.issuedOn',
  visibility: 'library.field.visibility',
  url: 'library.field.url',
};

async function formChoices(c: Ctx) {
  const all = await c.var.deps.db
    .select({ id: actors.id, key: actors.key, type: actors.type, name: actors.name, acronym: actors.acronym })
    .from(actors)
    .orderBy(asc(actors.key));
  return {
    countries: all.filter((a) => a.type === 'member_state'),
    actors: all.filter((a) => a.type !== 'member_state'),
  };
}

/** A document as the policy sees it: the actors it is about and who sees it. */
const describedBy = (detail: DocumentDetail) => ({
  actorIds: [...detail.countries, ...detail.actors].map((a) => a.id),
  visibility: detail.document.visibility,
});

/** A document this person may change, or the refusal a stranger gets. */
async function changeableDetail(c: Ctx, id: string) {
  const by = requirePrincipal(c);
  const detail = await getDocument(c.var.deps.db, id, by);
  if (!canChangeDocument(by, describedBy(detail))) throw forbidden();
  return detail;
}

const editingOf = (c: Ctx, detail: DocumentDetail) => ({
  id: detail.document.id,
  title: c.var.i18n.pick(detail.document.title),
  isLink: detail.document.url !== null,
});

const omit = (texts: Record<string, string>, language: string) =>
  Object.fromEntries(Object.entries(texts).filter(([k]) => k !== language));

/** A urlencoded form's fields, each as the list of its values. */
async function formLists(c: Ctx): Promise<Record<string, string[]>> {
  const sent = await c.req.parseBody({ all: true });
  return Object.fromEntries(
    Object.entries(sent).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string')]),
  );
}

async function renderForm(
  c: Ctx,
  form: { values: DocumentFormValues; error?: AppError; editing?: { id: string; title: string; isLink: boolean } },
) {
  const choices = await formChoices(c);
  // A list's entry (`countries.3`) is named as its list.
  const fields = form.error?.fields.map((f) => ({ ...f, field: f.field.split('.')[0] ?? f.field }));
  const errors = fields ? formErrors(c.var.i18n, fields, LABELS) : undefined;
  return render(
    c,
    <DocumentFormPage
      i18n={c.var.i18n}
      currentUrl={currentUrl(c)}
      {...choices}
      values={form.values}
      errors={errors}
      editing={form.editing}
    />,
    form.error ? (form.error.status as 400 | 403 | 413) : 200,
  );
}

export const libraryPages = new Hono<AppEnv>()
  .get('/library', async (c) => {
    const { page } = parseOr400(DocumentListQuery, c.req.query(), '');
    const { rows, total } = await listDocuments(c.var.deps.db, c.var.principal, page);
    return render(
      c,
      <LibraryPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        rows={rows}
        total={total}
        page={page}
        perPage={DOCUMENTS_PER_PAGE}
        canAdd={canAddDocuments(c.var.principal)}
      />,
    );
  })
  .get('/library/new', async (c) => {
    const by = authorize(c, canAddDocuments);
    // A focal point's own country or actor comes ticked: its documents are about it.
    const own = new Set(by.grants.flatMap((g) => (g.role === 'focal_point' && g.actorId ? [g.actorId] : [])));
    const { countries, actors: others } = await formChoices(c);
    return renderForm(c, {
      values: {
        countries: countries.filter((a) => own.has(a.id)).map((a) => a.key),
        actors: others.find((a) => own.has(a.id))?.id,
      },
    });
  })
  .post('/library', async (c) => {
    const by = authorize(c, canAddDocuments);
    const multipart = isMultipart(c.req.header('content-type'));
    // A form without a file (a link) may come urlencoded; its repeated fields are kept as lists.
    const sent = multipart ? null : await formLists(c);
    const lists = () => sent ?? multipartForm(c).lists;
    try {
      const { id } = sent
        ? await addDocument(c.var.deps.db, linkDocumentFields(formValues(sent)), by)
        : await uploadDocument(c, by, true);
      return c.redirect(`/library/documents/${id}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || ![400, 403, 413].includes(err.status) || err.fields.length === 0) throw err;
      // The form comes back as it was sent, with each wrong field named as the form labels it.
      const raw = documentFormObject(formValues(lists()));
      const values: DocumentFormValues = {
        ...(raw as Omit<DocumentFormValues, 'actors'>),
        actors: (raw.actors as string[] | undefined)?.[0],
      };
      return renderForm(c, { values, error: err });
    }
  })
  .get('/library/documents/:id', async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const detail = await getDocument(c.var.deps.db, id, c.var.principal);
    // Come from a search: where its words are in the text.
    const q = c.req.query('q')?.trim().slice(0, 200);
    const found = q ? { q, pages: await foundPages(c.var.deps.db, id, q) } : undefined;
    const canChange = canChangeDocument(c.var.principal, describedBy(detail));
    const canRemove = canChange && (await documentSource(c.var.deps.db, id)) === null;
    return render(
      c,
      <DocumentPage
        i18n={c.var.i18n}
        currentUrl={currentUrl(c)}
        detail={detail}
        found={found}
        canChange={canChange}
        canRemove={canRemove}
      />,
    );
  })
  .get('/library/documents/:id/edit', async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const detail = await changeableDetail(c, id);
    const d = detail.document;
    const language = d.languages[0] ?? 'es';
    return renderForm(c, {
      values: {
        title: d.title[language] ?? c.var.i18n.pick(d.title),
        summary: d.summary[language] ?? '',
        type: d.type,
        languages: d.languages,
        issuedOn: d.issuedOn ?? undefined,
        countries: detail.countries.map((a) => a.key),
        actors: detail.actors[0]?.id,
        visibility: d.visibility,
        url: d.url ?? undefined,
      },
      editing: editingOf(c, detail),
    });
  })
  .post('/library/documents/:id', async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const by = requirePrincipal(c);
    const detail = await changeableDetail(c, id);
    const raw = documentFormObject(formValues(await formLists(c)));
    try {
      const fields = parseOr400(DocumentChangeInput, raw, '');
      const language = fields.languages[0] as string;
      await updateDocument(
        c.var.deps.db,
        id,
        {
          ...fields,
          // The form holds the title and summary in the first language: those in the others stay, as do the items
          // and meetings the form does not show.
          title: { ...detail.document.title, [language]: fields.title as string },
          summary: fields.summary
            ? { ...detail.document.summary, [language]: fields.summary as string }
            : omit(detail.document.summary, language),
          items: detail.items.map((i) => i.id),
          meetings: detail.meetings.map((m) => m.id),
        },
        by,
      );
      return c.redirect(`/library/documents/${id}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || ![400, 403].includes(err.status) || err.fields.length === 0) throw err;
      const values: DocumentFormValues = {
        ...(raw as Omit<DocumentFormValues, 'actors'>),
        actors: (raw.actors as string[] | undefined)?.[0],
      };
      return renderForm(c, { values, error: err, editing: editingOf(c, detail) });
    }
  })
  .post('/library/documents/:id/delete', async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    await deleteDocument(c.var.deps.db, id, requirePrincipal(c));
    return c.redirect('/library', 303);
  })
  .get('/library/documents/:id/file', async (c) => {
    const { id } = parseOr400(Id, c.req.param(), '');
    const file = await getDocumentFile(c.var.deps.db, id, c.var.principal);
    return c.body(new Uint8Array(file.bytes), 200, evidenceHeaders(file));
  });
