/** On a cycle not yet opened, for the secretariat: the actors it will address, to remove some or add others. */

import { EXPANDABLE_ACTOR_TYPES } from '../../domain/vocabulary.ts';
import { actorLabel } from '../../web/components.tsx';
import { type ActorOption, actorGroups, SelectField } from '../../web/form-controls.tsx';
import { CsrfField } from '../../web/forms.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { addressedActors } from './cycle.service.ts';

export type Addressing = { addressed: Awaited<ReturnType<typeof addressedActors>>; actors: ActorOption[] };

export function AddresseesSection({
  i18n,
  cycleId,
  addressing,
}: {
  i18n: Translator;
  cycleId: string;
  addressing: Addressing;
}) {
  const { t } = i18n;
  const addressed = new Set(addressing.addressed.map((a) => a.id));
  const candidates = addressing.actors.filter(
    (a) => !addressed.has(a.id) && !EXPANDABLE_ACTOR_TYPES.includes(a.type as never),
  );
  return (
    <section aria-labelledby="addressees">
      <h2 id="addressees">{t('cycles.addressees', { count: addressing.addressed.length })}</h2>
      <p class="hint">{t('cycles.addresseesEditHint')}</p>
      <ul class="addressees">
        {addressing.addressed.map((a) => (
          <li>
            {actorLabel(i18n, a)}{' '}
            <form method="post" action={`/cycles/${cycleId}/addressees/${a.id}/remove`} class="inline-form">
              <CsrfField />
              <button type="submit" class="link-button">
                {t('cycles.removeAddressee')}
                <span class="visually-hidden">{`: ${actorLabel(i18n, a)}`}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
      {candidates.length > 0 ? (
        <form class="form" method="post" action={`/cycles/${cycleId}/addressees`}>
          <CsrfField />
          <SelectField
            id="add-addressee"
            name="actor"
            label={t('cycles.addAddressee')}
            groups={actorGroups(i18n, candidates)}
            required
          />
          <button class="button secondary" type="submit">
            {t('cycles.add')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
