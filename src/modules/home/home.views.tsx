/** The home page: what Enlace is, and the programmes it follows. */
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import type { listProgrammes } from '../programmes/programme.service.ts';
import type { listCycles } from '../reporting/cycle.service.ts';

type Programme = Awaited<ReturnType<typeof listProgrammes>>[number];
type PublishedCycle = Awaited<ReturnType<typeof listCycles>>[number];

export function HomePage({
  i18n,
  programmes,
  published,
  currentUrl,
}: {
  i18n: Translator;
  programmes: Programme[];
  published: PublishedCycle[];
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
      {published.length > 0 ? (
        <>
          <h2 id="published">{t('home.published')}</h2>
          <ul class="cards">
            {published.map(({ cycle, programme }) => (
              <li class="card">
                <p class="kind">{t('cycles.cycle')}</p>
                <h3>
                  <a href={`/cycles/${cycle.id}`}>{`${i18n.pick(programme.shortTitle)} — ${cycle.period}`}</a>
                </h3>
                <ul class="counts">
                  <li>
                    <a href={`/cycles/${cycle.id}/progress`}>{t('progress.title')}</a>
                  </li>
                  <li>
                    <a href={`/api/v1/cycles/${cycle.id}/report.pdf?lang=${i18n.locale}`}>{t('progress.pdf')}</a>
                  </li>
                  <li>
                    <a href={`/api/v1/cycles/${cycle.id}/report.html?lang=${i18n.locale}`}>{t('progress.html')}</a>
                  </li>
                  <li>
                    <a href={`/api/v1/cycles/${cycle.id}/report.docx?lang=${i18n.locale}`}>{t('progress.docx')}</a>
                  </li>
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ul class="counts">
        <li>
          <a href="/actors">{t('home.actorsLink')}</a>
        </li>
        <li>
          <a href="/calendar">{t('home.calendarLink')}</a>
        </li>
      </ul>
    </Layout>
  );
}
