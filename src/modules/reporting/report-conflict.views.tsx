/**
 * The report form after a save that collided with another person's: a
 * summary at the top, and in place of each field both people changed, the
 * two texts side by side with an explicit choice — keep mine, keep the
 * saved text, or edit a merged text. Every other field already holds both
 * people's changes.
 */
import type { MergeConflict } from '../../domain/report-merge.ts';
import { assets } from '../../web/assets.ts';
import { RichText } from '../../web/components.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { ReportContent } from './report.service.ts';
import { richTextForEditing } from './rich-text.ts';

export type ReportConflict = {
  current: { version: number; content: ReportContent };
  yours: { version: number; content: ReportContent };
  conflicts: MergeConflict[];
};

/** The form field a conflict is about, as the report form names it. */
export function conflictFieldName(c: MergeConflict): string {
  if ('section' in c) return `section:${c.section}`;
  return `${c.field === 'statusAssessment' ? 'status' : c.field}:${c.entryId}`;
}

const anchor = (name: string) => `conflict-${name.replace(':', '-')}`;

export function ConflictSummary({
  i18n,
  conflict,
  labelOf,
}: {
  i18n: Translator;
  conflict: ReportConflict;
  labelOf: (c: MergeConflict) => string;
}) {
  const { t } = i18n;
  return (
    <section class="alert alert-warning conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">{t('report.conflict.title')}</h2>
      <p>
        {t('report.conflict.body', {
          saved: conflict.current.version,
          yours: conflict.yours.version,
          count: conflict.conflicts.length,
        })}
      </p>
      <ul>
        {conflict.conflicts.map((c) => (
          <li>
            <a href={`#${anchor(conflictFieldName(c))}`}>{labelOf(c)}</a>
          </li>
        ))}
      </ul>
      <input type="hidden" name="baseVersion" value={String(conflict.yours.version)} />
    </section>
  );
}

/**
 * One field both people changed. `saved` and `mine` are stored values (HTML,
 * or a status key); `show` turns a status key into words.
 */
export function ConflictChoice({
  i18n,
  name,
  label,
  saved,
  mine,
  savedVersion,
  show,
}: {
  i18n: Translator;
  name: string;
  label: string;
  saved: string;
  mine: string;
  savedVersion: number;
  show?: (value: string) => string;
}) {
  const { t } = i18n;
  const id = anchor(name);
  const text = !show;
  return (
    <fieldset class="conflict-choice" id={id}>
      <legend>{label}</legend>
      <div class="conflict-sides">
        <div>
          <h3 class="conflict-side">{t('report.conflict.saved', { version: savedVersion })}</h3>
          {show ? <p>{show(saved)}</p> : <RichText html={saved} />}
        </div>
        <div>
          <h3 class="conflict-side">{t('report.conflict.yours')}</h3>
          {show ? <p>{show(mine)}</p> : <RichText html={mine} />}
        </div>
      </div>
      <input type="hidden" name={`mine:${name}`} value={text ? richTextForEditing(mine) : mine} />
      <div class="choices">
        <label>
          <input type="radio" name={`resolve:${name}`} value="mine" required /> {t('report.conflict.keepMine')}
        </label>
        <label>
          <input type="radio" name={`resolve:${name}`} value="theirs" required /> {t('report.conflict.keepSaved')}
        </label>
        {text ? (
          <label>
            <input type="radio" name={`resolve:${name}`} value="edit" required /> {t('report.conflict.edit')}
          </label>
        ) : null}
      </div>
      {text ? (
        <div class="field">
          <label for={`${id}-edit`}>{t('report.conflict.merged')}</label>
          <textarea id={`${id}-edit`} name={`edit:${name}`} rows={5} data-rich={assets.editorPath}>
            {`${richTextForEditing(saved)}\n${richTextForEditing(mine)}`}
          </textarea>
        </div>
      ) : null}
    </fieldset>
  );
}
