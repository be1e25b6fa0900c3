/** The consolidated annual report as a printable page: the same composition as the Word document. */
import { raw } from 'hono/html';
import type { Chapter, ConsolidatedReport } from '../../domain/consolidated-report.ts';
import { RichText } from '../../web/components.tsx';
import { translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';

const percent = (locale: string, value: number) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);

function ChapterView({ chapter, report }: { chapter: Chapter; report: ConsolidatedReport }) {
  const l = report.labels;
  const original = report.original;
  const sections: [string, string][] = [
    [l.bestPractices, chapter.sections.bestPractices],
    [l.newProposals, chapter.sections.newProposals],
    [l.calendar, chapter.sections.calendar],
  ];
  return (
    <section class="chapter">
      <h3>{chapter.heading}</h3>
      {original ? <p class="muted">{original.note}</p> : null}
      {chapter.pending ? <p class="alert alert-info">{`${l.pending}: ${chapter.pending}`}</p> : null}
      {chapter.late ? <p class="badge report-late">{l.late}</p> : null}
      {chapter.entries.map((e) => (
        <div class="entry-view" lang={original?.language}>
          {e.code ? (
            <p>
              <strong>{e.code}</strong> {e.itemText}
            </p>
          ) : null}
          {e.mandate ? (
            <>
              <h4>{l.mandate}</h4>
              <RichText html={e.mandate} />
            </>
          ) : null}
          <h4>{l.carriedOut}</h4>
          {e.carriedOut ? <RichText html={e.carriedOut} /> : <p class="muted">{l.noInformation}</p>}
          {e.planned ? (
            <>
              <h4>{l.planned}</h4>
              <RichText html={e.planned} />
            </>
          ) : null}
          {e.status ? <p>{`${l.statusAssessment}: ${l.statuses[e.status]}`}</p> : null}
        </div>
      ))}
      {sections
        .filter(([, body]) => body)
        .map(([title, body]) => (
          <>
            <h4>{title}</h4>
            <div lang={original?.language}>
              <RichText html={body} />
            </div>
          </>
        ))}
    </section>
  );
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

export function ConsolidatedReportPage({ report }: { report: ConsolidatedReport }) {
  const i18n = translator(report.locale);
  const l = report.labels;
  // Sections are numbered as the Word edition numbers them: only those present count.
  const present = [
    l.introduction,
    ...(report.background.length > 0 ? [l.background] : []),
    l.structure,
    l.chapters,
    ...(report.notReported.length > 0 ? [l.notReported] : []),
    ...(report.conclusion.length > 0 ? [l.conclusion] : []),
  ];
  const numbered = (label: string) => `${ROMAN[present.indexOf(label)] ?? ''}. ${label}`;
  const { statuses } = report.annex;
  // Texts not yet translated keep the language they were written in, marked for readers and screen readers.
  const textLanguage = report.original?.language;
  return (
    <Layout i18n={i18n} title={report.title} currentUrl="/" section="reporting">
      <article class="consolidated" lang={report.locale}>
        <p class="muted">{l.titlePage}</p>
        <h1>{report.title}</h1>
        <p class="lead">{report.subtitle}</p>
        {report.original ? <p class="muted">{report.original.note}</p> : null}
        {report.edition === 'draft' ? (
          <p class="alert alert-error" role="note">
            {l.draftNotice}
          </p>
        ) : null}
        <dl class="meta">
          <dt>{l.adoption}</dt>
          <dd>
            {[report.programme.title, report.programme.adoptionReference, report.programme.adoptionDate]
              .filter(Boolean)
              .join(' · ')}
          </dd>
          <dt>{l.period}</dt>
          <dd>{report.period}</dd>
          <dt>{l.generatedOn}</dt>
          <dd>{report.generatedOn}</dd>
        </dl>
        <h2>{numbered(l.introduction)}</h2>
        {report.introduction.map((p) => (
          <p lang={textLanguage}>{p}</p>
        ))}
        {report.background.length > 0 ? (
          <>
            <h2>{numbered(l.background)}</h2>
            {report.background.map((p) => (
              <p lang={textLanguage}>{p}</p>
            ))}
          </>
        ) : null}
        <h2>{numbered(l.structure)}</h2>
        {report.structure.texts.map((text) => (
          <>
            <h3>{text.heading}</h3>
            {text.paragraphs.map((p) => (
              <p lang={textLanguage}>{p}</p>
            ))}
          </>
        ))}
        {report.structure.texts.length > 0 ? null : (
          <ul>
            {report.structure.levels.map((lv) => (
              <li>{`${lv.name}: ${i18n.number(lv.count)}`}</li>
            ))}
          </ul>
        )}
        {report.structure.texts.length === 0 && report.structure.objectives.length > 0 ? (
          <>
            <h3>{l.objectives}</h3>
            <ul>
              {report.structure.objectives.map((o) => (
                <li>
                  <strong>{o.code}</strong> {o.text}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2>{numbered(l.chapters)}</h2>
        {report.chapters.map((chapter, i) => (
          <>
            {chapter.parent && chapter.parent.heading !== report.chapters[i - 1]?.parent?.heading ? (
              <h3 class="chapter-group">{chapter.parent.heading}</h3>
            ) : null}
            <ChapterView chapter={chapter} report={report} />
          </>
        ))}
        {report.notReported.length > 0 ? (
          <>
            <h2>{numbered(l.notReported)}</h2>
            <ul>
              {report.notReported.map((a) => (
                <li>{`${a.name} (${a.type})`}</li>
              ))}
            </ul>
          </>
        ) : null}
        <h2>{l.annex}</h2>
        <p>{l.annexIntro}</p>
        <div class="table-wrap" tabindex={0} role="region" aria-label={l.annex}>
          <table>
            <caption>{l.annex}</caption>
            <thead>
              <tr>
                <th scope="col">{l.objective}</th>
                <th scope="col">{l.activities}</th>
                {statuses.map((s) => (
                  <th scope="col">{l.statuses[s]}</th>
                ))}
                <th scope="col">{l.coverage}</th>
                {statuses.length > 0 ? <th scope="col">{l.progress}</th> : null}
              </tr>
            </thead>
            <tbody>
              {report.annex.objectives.map((o) => (
                <tr>
                  <th scope="row">{o.code ? <abbr title={o.text}>{o.code}</abbr> : o.text}</th>
                  <td>{i18n.number(o.activities)}</td>
                  {statuses.map((s) => (
                    <td>{i18n.number(o.counts[s])}</td>
                  ))}
                  <td>{`${i18n.number(o.covered)} / ${i18n.number(o.assigned)}`}</td>
                  {statuses.length > 0 ? <td>{percent(report.locale, o.progress)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {report.figures.statusChart ? (
          <figure>
            {raw(report.figures.statusChart)}
            <figcaption>{l.figureChart}</figcaption>
          </figure>
        ) : null}
        {report.figures.map ? (
          <figure>
            {raw(report.figures.map)}
            <figcaption>{l.figureMap}</figcaption>
          </figure>
        ) : null}
        {report.conclusion.length > 0 ? (
          <>
            <h2>{numbered(l.conclusion)}</h2>
            {report.conclusion.map((p) => (
              <p lang={textLanguage}>{p}</p>
            ))}
          </>
        ) : null}
      </article>
    </Layout>
  );
}
