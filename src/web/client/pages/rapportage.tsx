/**
 * Reports for the coordinator, the school and the funder: hours and requests over a period, as a
 * chart with the same numbers in a table under it, and as CSV or Excel to send on. Cells about too few
 * residents come withheld from the API and show as a dash.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { DemandReport, HoursReport } from '../../../reports/reports.schema.js';
import { DEMAND_BY, HOURS_BY } from '../../../reports/reports.types.js';
import { type BarSeries, BarChart } from '../components/bar-chart.js';
import {
  Field,
  Form,
  Message,
  type MessageValue,
  problem,
  Select,
  TextInput,
  useFormState,
} from '../components/forms.js';
import { mountPage } from '../components/page.js';
import { api } from '../lib/api.js';
import { page, staffUser, t, type TextKey } from '../lib/i18n.js';

type Kind = 'hours' | 'demand';
interface Query {
  kind: Kind;
  by: string;
  from: string;
  to: string;
}
type Shown = { kind: 'hours'; report: HoursReport } | { kind: 'demand'; report: DemandReport };

const DEMAND_NUMBERS = ['served', 'unmet', 'cancelled', 'pending'] as const;
const COLORS: Record<(typeof DEMAND_NUMBERS)[number] | 'hours', string> = {
  hours: '#1f5fa8',
  served: '#2e7d32',
  unmet: '#c62828',
  cancelled: '#9e9e9e',
  pending: '#f9a825',
};

const number = new Intl.NumberFormat(page.lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });
const shownNumber = (value: number | null) => (value === null ? '—' : number.format(value));
const day = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeZone: 'UTC' });
const dayText = (date: string) => day.format(new Date(`${date}T00:00:00Z`));

/** The browser's current month, as local dates. */
function thisMonth(): { from: string; to: string } {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(now.getFullYear(), now.getMonth() + 1, 0).getDate();
  const month = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}

const queryString = (q: Query, format?: 'csv' | 'xlsx') =>
  new URLSearchParams({ from: q.from, to: q.to, by: q.by, ...(format ? { format } : {}) }).toString();

/** What a row's key means to a person: a name, a track, a skill's label, a neighbourhood. */
function labeller(shown: Shown, skills: Map<string, string>): (row: { key: string; name?: string }) => string {
  const { by } = shown.report;
  if (by === 'helper') return (row) => row.name ?? row.key;
  if (by === 'track') return (row) => t(`track.${row.key}` as TextKey);
  if (by === 'urgency') return (row) => t(`urgency.${row.key}` as TextKey);
  if (by === 'skill') return (row) => skills.get(row.key) ?? row.key;
  return (row) => {
    const place = row as { key: string; wijk?: string | null; buurt?: string | null };
    return place.key === 'unknown' ? t('reports.unknownPlace') : `${place.buurt ?? place.key} (${place.wijk ?? ''})`;
  };
}

function ReportView({ shown, query, skills }: { shown: Shown; query: Query; skills: Map<string, string> }) {
  const label = labeller(shown, skills);
  const keyTitle = t(`reports.key.${shown.report.by}` as TextKey);
  const title = `${t(`reports.${shown.kind}`)} ${t(`reports.by.${shown.report.by}` as TextKey).toLowerCase()}, ${t('reports.period', { from: dayText(shown.report.from), to: dayText(shown.report.to) })}`;
  const labels = useMemo(() => shown.report.rows.map(label), [shown]);
  const series = useMemo<BarSeries[]>(
    () =>
      shown.kind === 'hours'
        ? [{ label: t('reports.col.hours'), values: shown.report.rows.map((r) => r.hours), color: COLORS.hours }]
        : DEMAND_NUMBERS.map((field) => ({
            label: t(`reports.col.${field}`),
            values: shown.report.rows.map((r) => r[field]),
            color: COLORS[field],
          })),
    [shown],
  );
  const columns: TextKey[] =
    shown.kind === 'hours'
      ? ['reports.col.hours', 'reports.col.jobs']
      : ['reports.col.requests', ...DEMAND_NUMBERS.map((f) => `reports.col.${f}` as const)];
  const numbers = (cells: Record<string, number | null>) =>
    shown.kind === 'hours' ? [cells.hours!, cells.jobs!] : ['requests', ...DEMAND_NUMBERS].map((f) => cells[f]!);

  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">{title}</h2>
      {shown.report.rows.length === 0 ? (
        <p>{t('reports.none')}</p>
      ) : (
        <>
          <BarChart title={title} labels={labels} series={series} stacked={shown.kind === 'demand'} />
          <table class="report">
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{keyTitle}</th>
                {columns.map((c) => (
                  <th key={c} scope="col" class="num">
                    {t(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.report.rows.map((row, i) => (
                <tr key={row.key} data-key={row.key}>
                  <th scope="row">{labels[i]}</th>
                  {numbers(row as unknown as Record<string, number | null>).map((value, j) => (
                    <td
                      key={j}
                      class="num"
                      title={row.suppressed ? t('reports.suppressed', { n: shown.report.threshold }) : undefined}
                    >
                      {shownNumber(value)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>{t('reports.total')}</td>
                {numbers(shown.report.total as unknown as Record<string, number | null>).map((value, j) => (
                  <td key={j} class="num">
                    {shownNumber(value)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </>
      )}
      <p class="actions">
        <a href={`/api/v1/reports/${shown.kind}?${queryString(query, 'csv')}`} download>
          {t('reports.csv')}
        </a>
        <a href={`/api/v1/reports/${shown.kind}?${queryString(query, 'xlsx')}`} download>
          {t('reports.xlsx')}
        </a>
      </p>
    </section>
  );
}

function ReportsPage() {
  const form = useFormState();
  // Per-helper hours are personal data of the participants: the API shows them to admins and dispatchers.
  const hoursBy = HOURS_BY.filter((by) => by !== 'helper' || staffUser().role !== 'intake');
  const [query, setQuery] = useState<Query>({ kind: 'hours', by: hoursBy[0]!, ...thisMonth() });
  const [shown, setShown] = useState<{ shown: Shown; query: Query } | null>(null);
  const [skills, setSkills] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<MessageValue | null>(null);
  const byOptions = query.kind === 'hours' ? hoursBy : DEMAND_BY;

  async function show(q: Query): Promise<void> {
    try {
      const report = await api<HoursReport & DemandReport>('GET', `/reports/${q.kind}?${queryString(q)}`);
      form.setErrors([]);
      setMessage(null);
      setShown({ shown: { kind: q.kind, report } as Shown, query: q });
    } catch (err) {
      setMessage(problem(form, err));
    }
  }

  useEffect(() => {
    void api<{ code: string; label: string; labelEn: string }[]>('GET', '/skills').then((list) =>
      setSkills(new Map(list.map((s) => [s.code, page.lang === 'nl' ? s.label : s.labelEn]))),
    );
    void show(query);
  }, []);

  const setKind = (kind: string) =>
    setQuery({ ...query, kind: kind as Kind, by: (kind === 'hours' ? hoursBy : DEMAND_BY)[0]! });

  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <p>{t('reports.intro', { n: 5 })}</p>
      <Form form={form} class="filters" onSubmit={() => void show(query)}>
        <Field name="report" label={t('reports.report')}>
          <Select
            value={query.kind}
            onChange={setKind}
            options={[
              ['hours', t('reports.hours')],
              ['demand', t('reports.demand')],
            ]}
          />
        </Field>
        <Field name="by" label={t('reports.byLabel')}>
          <Select
            value={query.by}
            onChange={(by) => setQuery({ ...query, by })}
            options={byOptions.map((by) => [by, t(`reports.by.${by}` as TextKey)] as const)}
          />
        </Field>
        <Field name="from" label={t('reports.from')}>
          <TextInput type="date" value={query.from} onValue={(from) => setQuery({ ...query, from })} />
        </Field>
        <Field name="to" label={t('reports.to')}>
          <TextInput type="date" value={query.to} onValue={(to) => setQuery({ ...query, to })} />
        </Field>
        <button type="submit" class="primary">
          {t('reports.show')}
        </button>
      </Form>
      <Message message={message} />
      {shown && <ReportView shown={shown.shown} query={shown.query} skills={skills} />}
    </section>
  );
}

mountPage(<ReportsPage />);
