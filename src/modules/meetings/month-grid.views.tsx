/** A month of meetings as a calendar grid; on a phone, the days that have meetings, one under another. */
import { monthGrid } from '../../domain/month-grid.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { listMeetings } from './meeting.service.ts';

type ListRow = Awaited<ReturnType<typeof listMeetings>>[number];

/** Monday to Sunday in the reader's language (1 January 2024 was a Monday). */
const weekdays = (i18n: Translator, style: 'short' | 'long') => {
  const format = new Intl.DateTimeFormat(i18n.locale, { weekday: style, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
};

export function MonthGrid({
  i18n,
  month,
  rows,
  today,
}: {
  i18n: Translator;
  month: string;
  rows: readonly ListRow[];
  today: string;
}) {
  // A meeting known only by its month ("FEBRERO – 2019") is listed once, not on every day of it.
  const undated = rows.filter((r) => r.meeting.dateText);
  const weeks = monthGrid(
    month,
    rows
      .filter((r) => !r.meeting.dateText)
      .map((r) => ({ ...r, startsOn: r.meeting.startsOn, endsOn: r.meeting.endsOn })),
  );
  const long = weekdays(i18n, 'long');
  const dayFormat = new Intl.DateTimeFormat(i18n.locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  return (
    <>
      {undated.length > 0 ? (
        <section aria-labelledby="undated-heading">
          <h2 id="undated-heading">{i18n.t('calendar.undated')}</h2>
          <ul>
            {undated.map(({ meeting }) => (
              <li>
                <a href={`/meetings/${meeting.id}`} lang="es">
                  {meeting.title}
                </a>{' '}
                <span class="muted">{`(${meeting.dateText})`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div class="table-wrap">
        <table class="month-grid">
          <caption>{i18n.date(`${month}-01`, 'month')}</caption>
          <thead>
            <tr>
              {weekdays(i18n, 'short').map((d, i) => (
                <th scope="col">
                  <abbr title={long[i]}>{d}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr>
                {week.map((day) => {
                  const classes = [
                    'day',
                    day.inMonth ? '' : 'outside',
                    day.meetings.length === 0 ? 'empty' : '',
                    day.date === today ? 'today' : '',
                  ]
                    .filter(Boolean)
                    .join(' ');
                  return (
                    <td class={classes} aria-current={day.date === today ? 'date' : undefined}>
                      <time datetime={day.date}>
                        <span class="day-number" aria-hidden="true">
                          {Number(day.date.slice(8))}
                        </span>
                        <span class="day-full">{dayFormat.format(new Date(`${day.date}T00:00:00Z`))}</span>
                      </time>
                      {day.meetings.length > 0 ? (
                        <ul class="day-meetings">
                          {day.meetings.map(({ meeting }) => (
                            <li>
                              <a href={`/meetings/${meeting.id}`} lang="es" class="day-meeting">
                                {meeting.title}
                              </a>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
