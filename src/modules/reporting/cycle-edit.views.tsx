/** The secretariat's page for the consolidated report's texts, the order of its chapters and their groups. */

import { ADDITIONAL_ACTORS } from '../../domain/consolidated-report.ts';
import type { ActorType } from '../../domain/vocabulary.ts';
import { actorLabel, Notice } from '../../web/components.tsx';
import { SelectField, TextAreaField } from '../../web/form-controls.tsx';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import type { addressedActors, CycleRow, chapterGroupChoices } from './cycle.service.ts';

type Addressed = Awaited<ReturnType<typeof addressedActors>>;
type GroupChoices = Awaited<ReturnType<typeof chapterGroupChoices>>;

export function CycleEditPage(props: {
  i18n: Translator;
  currentUrl: string;
  cycle: CycleRow;
  actors: Addressed;
  groups: GroupChoices;
  errors?: FormErrors;
  notice?: string | undefined;
}) {
  const { i18n, cycle, actors } = props;
  const { t } = i18n;
  const groupOptions = props.groups
    .map((g) => ({ key: g.key, label: actorLabel(i18n, g) }))
    .sort((a, b) => a.label.localeCompare(b.label, i18n.locale));
  return (
    <Layout
      i18n={i18n}
      title={t('cycleEdit.title')}
      currentUrl={props.currentUrl}
      section="reporting"
      breadcrumbs={[
        { href: '/cycles', label: t('cycles.title') },
        { href: `/cycles/${cycle.id}`, label: cycle.period },
        { label: t('cycleEdit.title') },
      ]}
    >
      <h1>{t('cycleEdit.title')}</h1>
      <Notice>{props.notice}</Notice>
      <ErrorSummary i18n={i18n} errors={props.errors} />
      <form class="form report-form" method="post" action={`/cycles/${cycle.id}/edit`}>
        <CsrfField />
        <Field
          id="title-es"
          name="title-es"
          label={t('cycleEdit.titleEs')}
          value={cycle.title?.es ?? ''}
          hint={t('cycleEdit.titleHint')}
        />
        <Field id="title-en" name="title-en" label={t('cycleEdit.titleEn')} value={cycle.title?.en ?? ''} />
        <TextAreaField
          id="introduction"
          name="introduction"
          label={t('consolidated.introduction')}
          value={cycle.introduction ?? ''}
          hint={t('cycleEdit.paragraphs')}
        />
        <TextAreaField
          id="background"
          name="background"
          label={t('consolidated.background')}
          value={cycle.background ?? ''}
        />
        <TextAreaField
          id="conclusion"
          name="conclusion"
          label={t('consolidated.conclusion')}
          value={cycle.conclusion ?? ''}
        />
        <fieldset class="entry">
          <legend>{t('cycleEdit.document')}</legend>
          <TextAreaField
            id="documentSymbol"
            name="documentSymbol"
            label={t('cycleEdit.documentSymbol')}
            value={cycle.documentSymbol ?? ''}
            hint={t('cycleEdit.documentSymbolHint')}
            rows={2}
          />
          <Field
            id="documentDate"
            name="documentDate"
            type="date"
            label={t('cycleEdit.documentDate')}
            value={cycle.documentDate ?? ''}
          />
          <SelectField
            id="paper"
            name="paper"
            label={t('cycleEdit.paper')}
            value={cycle.paper}
            options={[
              { value: 'letter', label: t('cycleEdit.paperLetter') },
              { value: 'a4', label: t('cycleEdit.paperA4') },
            ]}
          />
        </fieldset>
        <fieldset class="entry">
          <legend>{t('cycleEdit.order')}</legend>
          <p class="hint">{t('cycleEdit.orderHint')}</p>
          <div class="table-wrap" tabindex={0} role="region" aria-label={t('cycleEdit.order')}>
            <table>
              <caption class="visually-hidden">{t('cycleEdit.order')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cycleEdit.position')}</th>
                  <th scope="col">{t('board.actor')}</th>
                  <th scope="col">{t('board.actorType')}</th>
                  <th scope="col">{t('cycleEdit.group')}</th>
                </tr>
              </thead>
              <tbody>
                {actors.map((a, index) => (
                  <tr>
                    <td>
                      <label class="visually-hidden" for={`order-${a.id}`}>
                        {t('cycleEdit.positionOf', { actor: actorLabel(i18n, a) })}
                      </label>
                      <input
                        id={`order-${a.id}`}
                        name={`order:${a.id}`}
                        type="number"
                        min="1"
                        max={String(actors.length)}
                        value={String(index + 1)}
                        class="position-input"
                      />
                    </td>
                    <td>{actorLabel(i18n, a)}</td>
                    <td>{t(`actorType.${a.type as ActorType}`)}</td>
                    <td>
                      <label class="visually-hidden" for={`group-${a.id}`}>
                        {t('cycleEdit.groupOf', { actor: actorLabel(i18n, a) })}
                      </label>
                      <select id={`group-${a.id}`} name={`group:${a.id}`}>
                        <option value="">{t('cycleEdit.noGroup')}</option>
                        {groupOptions.map((g) => (
                          <option value={g.key} selected={a.chapterGroup === g.key}>
                            {g.label}
                          </option>
                        ))}
                        <option value={ADDITIONAL_ACTORS} selected={a.chapterGroup === ADDITIONAL_ACTORS}>
                          {t('consolidated.additionalActors')}
                        </option>
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <div class="actions">
          <button class="button" type="submit">
            {t('cycleEdit.save')}
          </button>
        </div>
      </form>
    </Layout>
  );
}
