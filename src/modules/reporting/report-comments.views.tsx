/**
 * The comments on one activity of a report: its thread, and the form to add
 * to it. Inside the report form (a focal point editing), the comment's fields
 * belong to a form of their own placed after it (`CommentForms`), since forms
 * do not nest; elsewhere the form is in the thread.
 */
import { CsrfField, PostButton } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { ReportComment } from './report-comments.service.ts';

const formId = (entryId: string) => `comment-form-${entryId}`;

export function CommentThread({
  i18n,
  reportId,
  entryId,
  code,
  comments,
  canComment,
  insideForm = false,
  draft,
}: {
  i18n: Translator;
  reportId: string;
  entryId: string;
  code: string;
  comments: readonly ReportComment[];
  canComment: boolean;
  insideForm?: boolean;
  /** A comment on this activity that was refused: its text, kept, and why. */
  draft?: { body: string; error?: string | undefined } | undefined;
}) {
  const { t } = i18n;
  const mine = comments.filter((c) => c.entryId === entryId);
  if (mine.length === 0 && !canComment) return null;
  const field = `comment-${entryId}`;
  const described = [`${field}-hint`, draft?.error ? `${field}-error` : null].filter(Boolean).join(' ');
  return (
    <details class="comments" id={`comments-${entryId}`} open={mine.length > 0 || draft !== undefined}>
      <summary>{t('comments.summary', { count: mine.length })}</summary>
      {mine.length > 0 ? (
        <ol class="notes">
          {mine.map((c) => (
            <li>
              <p class="muted">
                <time datetime={c.at.toISOString()}>{i18n.date(c.at, 'dateTime')}</time>
                {` · ${t('comments.by', { by: c.author?.name ?? '—', role: t(`role.${c.role}`) })}`}
              </p>
              <p class="prose">{c.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {canComment ? (
        <div class="field">
          <label for={field}>{t('comments.label', { code })}</label>
          <textarea
            id={field}
            name="body"
            rows={2}
            required
            maxlength={5000}
            aria-describedby={described}
            aria-invalid={draft?.error ? 'true' : undefined}
            form={formId(entryId)}
          >
            {draft?.body ?? ''}
          </textarea>
          <p class="hint" id={`${field}-hint`}>
            {t('comments.hint')}
          </p>
          {draft?.error ? (
            <p class="field-error" id={`${field}-error`}>
              {draft.error}
            </p>
          ) : null}
          {insideForm ? (
            <button class="button secondary" type="submit" form={formId(entryId)}>
              {t('comments.add')}
            </button>
          ) : (
            // The text field above belongs to this form through its `form` attribute.
            <PostButton
              id={formId(entryId)}
              action={`/reports/${reportId}/comments`}
              look="secondary"
              fields={{ entryId }}
              label={t('comments.add')}
            />
          )}
        </div>
      ) : null}
    </details>
  );
}

/** The forms the comment fields inside the report form submit with, one per activity. */
export function CommentForms({ reportId, entryIds }: { reportId: string; entryIds: readonly string[] }) {
  return (
    <>
      {entryIds.map((entryId) => (
        <form id={formId(entryId)} method="post" action={`/reports/${reportId}/comments`} hidden>
          <CsrfField />
          <input type="hidden" name="entryId" value={entryId} />
        </form>
      ))}
    </>
  );
}
