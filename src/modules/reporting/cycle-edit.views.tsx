/** The secretariat's page for the consolidated report's texts and the order of its chapters. */

import type { ActorType } from '../../domain/vocabulary.ts';
import { actorLabel, Notice } from '../../web/components.tsx';
import { TextAreaField } from '../../web/form-controls.tsx';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import type { addressedActors, CycleRow } from './cycle.service.ts';

type Addressed = Awaited<ReturnType<typeof addressedActors>>;

export function CycleEditPage(props: {
  i18n: Translator;
  currentUrl: string;
  cycle: CycleRow;
  actors: Addressed;
  errors?: FormErrors;
  notice?: string | undefined;
}) {
  const { i18n, cycle, actors } = props;
  const { t } = i18n;
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
          <legend>{t('cycleEdit.order')}</legend>
          <p class="hint">{t('cycleEdit.orderHint')}</p>
          <table>
            <caption class="visually-hidden">{t('cycleEdit.order')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cycleEdit.position')}</th>
                <th scope="col">{t('board.actor')}</th>
                <th scope="col">{t('board.actorType')}</th>
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
                </tr>
              ))}
            </tbody>
          </table>
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
