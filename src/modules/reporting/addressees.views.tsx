/** On a cycle not yet opened, for the secretariat: the actors it will address, to remove some or add others. */

import { EXPANDABLE_ACTOR_TYPES } from '../../domain/vocabulary.ts';
import { actorLabel } from '../../web/components.tsx';
import { type ActorOption, actorGroups, SelectField } from '../../web/form-controls.tsx';
import { PostButton, PostForm } from '../../web/forms.tsx';
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
            <PostButton
              action={`/cycles/${cycleId}/addressees/${a.id}/remove`}
              look="link"
              label={t('cycles.removeAddressee')}
              named={`: ${actorLabel(i18n, a)}`}
            />
          </li>
        ))}
      </ul>
      {candidates.length > 0 ? (
        <PostForm action={`/cycles/${cycleId}/addressees`} submit={t('cycles.add')} look="secondary">
          <SelectField
            id="add-addressee"
            name="actor"
            label={t('cycles.addAddressee')}
            groups={actorGroups(i18n, candidates)}
            required
          />
        </PostForm>
      ) : null}
    </section>
  );
}
