/**
 * Why the period's requests went unmet: each one once, under the reason of the helpers who came
 * closest, as a chart and the same numbers in a table (the CSV has them per row as `whyUnmet.*`).
 */
import { useMemo } from 'preact/hooks';
import { WHY_UNMET, type WhyUnmet } from '../../../../reports/reports.types.js';
import { type BarSeries, BarChart } from '../../components/bar-chart.js';
import { t, type TextKey } from '../../lib/i18n.js';

export function WhyUnmetView(props: { why: Record<WhyUnmet, number> | null; threshold: number; period: string }) {
  const { why } = props;
  const shown = useMemo(() => (why ? WHY_UNMET.filter((r) => why[r] > 0) : []), [why]);
  const labels = useMemo(() => shown.map((r) => t(`reports.why.${r}` as TextKey)), [shown]);
  const series = useMemo<BarSeries[]>(
    () => [{ label: t('reports.col.unmet'), values: shown.map((r) => why![r]), color: '#c62828' }],
    [shown],
  );
  const title = `${t('reports.whyUnmet')}, ${props.period}`;
  return (
    <section aria-labelledby="why-unmet-title">
      <h3 id="why-unmet-title">{t('reports.whyUnmet')}</h3>
      {why === null ? (
        <p>{t('reports.whyUnmetWithheld', { n: props.threshold })}</p>
      ) : shown.length === 0 ? (
        <p>{t('reports.whyUnmetNone')}</p>
      ) : (
        <>
          <p>{t('reports.whyUnmetIntro')}</p>
          <BarChart title={title} labels={labels} series={series} counts />
          <table class="why-unmet">
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.whyCol')}</th>
                <th scope="col" class="num">
                  {t('reports.col.unmet')}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((reason, i) => (
                <tr key={reason} data-key={reason}>
                  <th scope="row">{labels[i]}</th>
                  <td class="num">{why[reason]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
