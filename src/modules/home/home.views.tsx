/** The home page: what Enlace is, and the programmes it follows. */
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import type { listProgrammes } from '../programmes/programme.service.ts';

type Programme = Awaited<ReturnType<typeof listProgrammes>>[number];

export function HomePage({
  i18n,
  programmes,
  currentUrl,
}: {
  i18n: Translator;
  programmes: Programme[];
  currentUrl: string;
}) {
  const { t } = i18n;
  return (
    <Layout i18n={i18n} title={t('home.title')} currentUrl={currentUrl} section="home" description={t('home.lead')}>
      <h1>{t('home.heading')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <p>{t('home.body')}</p>
      <h2 id="programmes">{t('home.programmes')}</h2>
      <ul class="cards">
        {programmes.map((p) => (
          <li class="card">
            <p class="kind">{t(`programme.kind.${p.kind}`)}</p>
            <h3>
              <a href={`/programmes/${p.slug}`}>{i18n.pick(p.shortTitle)}</a>
            </h3>
            <p>{i18n.pick(p.summary)}</p>
            <p class="muted">
              {[
                p.adoptionReference,
                p.adoptionDate ? i18n.date(p.adoptionDate) : null,
                t(`programme.status.${p.status}`),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <ul class="counts">
              {p.levels.map((l) => (
                <li>{`${i18n.number(l.count)} ${i18n.pick(l.count === 1 ? l.name : l.plural).toLowerCase()}`}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p>
        <a href="/actors">{t('home.actorsLink')}</a>
      </p>
    </Layout>
  );
}
