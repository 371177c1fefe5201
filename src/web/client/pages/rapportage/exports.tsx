/**
 * The lists behind the reports, to take into a spreadsheet: helpers, residents, and the period's
 * requests and hours, as CSV or Excel. Hours per helper are the participants' data: not for intake,
 * as the API says.
 */
import { staffUser, t } from '../../lib/i18n.js';

const LISTS = ['helpers', 'residents', 'requests', 'hours'] as const;
type List = (typeof LISTS)[number];
const PERIODIC: ReadonlySet<List> = new Set(['requests', 'hours']);

export function ExportLinks(props: { from: string; to: string }) {
  const lists = LISTS.filter((list) => list !== 'hours' || staffUser().role !== 'intake');
  const href = (list: List, format: 'csv' | 'xlsx') => {
    const period: Record<string, string> = PERIODIC.has(list) ? { from: props.from, to: props.to } : {};
    return `/api/v1/exports/${list}?${new URLSearchParams({ ...period, format })}`;
  };
  return (
    <section aria-labelledby="exports-title">
      <h2 id="exports-title">{t('exports.title')}</h2>
      <p>{t('exports.intro')}</p>
      <ul>
        {lists.map((list) => (
          <li key={list}>
            {t(`exports.${list}`)}:{' '}
            <a href={href(list, 'csv')} download>
              {t('exports.csv', { list: t(`exports.${list}`) })}
            </a>{' '}
            <a href={href(list, 'xlsx')} download>
              {t('exports.xlsx', { list: t(`exports.${list}`) })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
