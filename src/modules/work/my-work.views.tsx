/** "My work": the signed-in home, one section per role the person holds. */
import { actorLabel, DateText, Notice } from '../../web/components.tsx';
import type { Translator } from '../../web/i18n/i18n.ts';
import { Layout } from '../../web/layout.tsx';
import { type AgreementList, AgreementsSection } from '../meetings/agreement.views.tsx';
import { daysText, ReportStateBadge } from '../reporting/reporting.views.tsx';
import type { MyWork, WorkReport } from './my-work.service.ts';

function ReportList({ i18n, rows, id }: { i18n: Translator; rows: WorkReport[]; id: string }) {
  const { t } = i18n;
  return (
    <ul class="work-list" aria-labelledby={id}>
      {rows.map((r) => (
        <li class={r.overdue ? 'work-item overdue' : 'work-item'}>
          <a href={`/reports/${r.id}`}>
            {t('work.reportOf', { actor: actorLabel(i18n, r.actor), period: r.cycle.period })}
          </a>{' '}
          <span class="muted">{i18n.pick(r.programme.shortTitle)}</span>
          <p>
            <ReportStateBadge i18n={i18n} state={r.state} />{' '}
            {r.state === 'draft' || r.state === 'returned' ? (
              <span class={r.overdue ? 'badge report-late' : 'muted'}>{daysText(i18n, r.daysLeft)}</span>
            ) : r.submittedAt ? (
              <span class="muted">{t('board.submittedOn', { date: i18n.date(r.submittedAt) })}</span>
            ) : null}{' '}
            <span class="muted">
              {t('cycles.deadline')}: <DateText i18n={i18n} iso={r.deadline} />
            </span>
          </p>
          {r.state === 'returned' && r.returnComment ? (
            <p class="returned">
              <strong>{t('report.returnedWith')}</strong> {r.returnComment}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Empty({ text }: { text: string }) {
  return <p class="muted">{text}</p>;
}

export function MyWorkPage({
  i18n,
  currentUrl,
  name,
  work,
  notice,
}: {
  i18n: Translator;
  currentUrl: string;
  name: string;
  work: MyWork;
  notice?: string | undefined;
}) {
  const { t } = i18n;
  const board = work.secretariat;
  const nothing = !work.roles.writes && !work.roles.approves && !work.roles.secretariat;
  return (
    <Layout i18n={i18n} title={t('work.title')} currentUrl={currentUrl} section="work">
      <h1>{t('work.heading', { name })}</h1>
      <Notice>{notice}</Notice>
      {nothing ? <p>{t('work.member')}</p> : null}
      {work.roles.writes ? (
        <section aria-labelledby="work-reports">
          <h2 id="work-reports">{t('work.reports')}</h2>
          <p class="hint">{t('work.reportsHint')}</p>
          {work.reports.length === 0 ? (
            <Empty text={t('work.noReports')} />
          ) : (
            <ReportList i18n={i18n} rows={work.reports} id="work-reports" />
          )}
        </section>
      ) : null}
      {work.roles.approves ? (
        <section aria-labelledby="work-approve">
          <h2 id="work-approve">{t('work.toApprove')}</h2>
          {work.toApprove.length === 0 ? (
            <Empty text={t('work.noneToApprove')} />
          ) : (
            <ReportList i18n={i18n} rows={work.toApprove} id="work-approve" />
          )}
        </section>
      ) : null}
      {work.roles.writes ? (
        work.agreements.length > 0 ? (
          <AgreementsSection
            i18n={i18n}
            agreements={work.agreements as AgreementList}
            heading={t('work.agreements')}
            headingId="work-agreements"
          />
        ) : (
          <section aria-labelledby="work-agreements">
            <h2 id="work-agreements">{t('work.agreements')}</h2>
            <Empty text={t('work.noAgreements')} />
          </section>
        )
      ) : null}
      {board ? (
        <>
          <section aria-labelledby="work-cycles">
            <h2 id="work-cycles">{t('work.openCycles')}</h2>
            {board.cycles.length === 0 ? <Empty text={t('work.noOpenCycles')} /> : null}
            <ul class="cards">
              {board.cycles.map((c) => {
                const total = Object.values(c.counts).reduce((a, b) => a + (b ?? 0), 0);
                return (
                  <li class="card">
                    <h3>
                      <a href={`/cycles/${c.id}`}>{`${i18n.pick(c.programme.shortTitle)} ${c.period}`}</a>
                    </h3>
                    <p>
                      {t('cycles.deadline')}: <DateText i18n={i18n} iso={c.deadline} /> ({daysText(i18n, c.daysLeft)})
                    </p>
                    <p>
                      {t('work.cycleCounts', {
                        total,
                        draft: (c.counts.draft ?? 0) + (c.counts.returned ?? 0),
                        submitted: c.counts.submitted ?? 0,
                        approved: c.counts.approved ?? 0,
                        accepted: c.counts.accepted ?? 0,
                      })}
                    </p>
                  </li>
                );
              })}
            </ul>
          </section>
          <section aria-labelledby="work-accept">
            <h2 id="work-accept">{t('work.toAccept')}</h2>
            {board.toAccept.length === 0 ? (
              <Empty text={t('work.noneToAccept')} />
            ) : (
              <ReportList i18n={i18n} rows={board.toAccept} id="work-accept" />
            )}
          </section>
          <section aria-labelledby="work-late">
            <h2 id="work-late">{t('work.late')}</h2>
            {board.late.length === 0 ? (
              <Empty text={t('work.noneLate')} />
            ) : (
              <ReportList i18n={i18n} rows={board.late} id="work-late" />
            )}
          </section>
          <section aria-labelledby="work-mail">
            <h2 id="work-mail">{t('work.mail')}</h2>
            {board.undelivered.failed || board.undelivered.not_configured ? (
              <p>
                {board.undelivered.failed ? t('work.mailFailed', { count: board.undelivered.failed }) : null}{' '}
                {board.undelivered.not_configured
                  ? t('work.mailNotConfigured', { count: board.undelivered.not_configured })
                  : null}{' '}
                <a href="/admin/outbox">{t('work.outbox')}</a>
              </p>
            ) : (
              <Empty text={t('work.mailOk')} />
            )}
          </section>
        </>
      ) : null}
    </Layout>
  );
}
