/**
 * Reports for the coordinator, the school and the funder: hours, requests, participants and quality
 * over a period, as a chart with the same numbers in a table under it, and as CSV or Excel to send
 * on. Cells about too few residents come withheld from the API and show as a dash.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ReportKind, ReportLine, ReportReply } from './rapportage/reports.js';
import { cellOf, REPORTS } from './rapportage/reports.js';
import { ExportLinks } from './rapportage/exports.js';
import { WhyUnmetView } from './rapportage/why-unmet.js';
import type { WhyUnmet } from '../../../reports/reports.types.js';
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
import { TableScroll } from '../components/table.js';
import { api } from '../lib/api.js';
import { page, staffUser, t, type TextKey } from '../lib/i18n.js';

interface Query {
  kind: ReportKind;
  by: string;
  from: string;
  to: string;
}

const number = new Intl.NumberFormat(page.lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 4 });
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
  new URLSearchParams({
    from: q.from,
    to: q.to,
    ...(REPORTS[q.kind].by.length ? { by: q.by } : {}),
    ...(format ? { format } : {}),
  }).toString();

/** What a row's key means to a person: a name, a track, a skill's label, a neighbourhood, a measure. */
function labeller(by: string, skills: Map<string, string>): (row: ReportLine) => string {
  if (by === 'helper') return (row) => row.name ?? row.key;
  if (by === 'track') return (row) => t(`track.${row.key}` as TextKey);
  if (by === 'urgency') return (row) => t(`urgency.${row.key}` as TextKey);
  if (by === 'kind') return (row) => t(`helpers.kind.${row.key}` as TextKey);
  if (by === 'skill') return (row) => skills.get(row.key) ?? row.key;
  if (by === 'measure') return (row) => t(`reports.measure.${row.key}` as TextKey);
  if (by === 'channel') return (row) => t(`channel.${row.key}` as TextKey);
  if (by === 'week' || by === 'month') return (row) => row.key;
  if (by === 'wijk') return (row) => (row.key === 'unknown' ? t('reports.unknownPlace') : (row.wijk ?? row.key));
  return (row) => (row.key === 'unknown' ? t('reports.unknownPlace') : `${row.buurt ?? row.key} (${row.wijk ?? ''})`);
}

/** A column's heading: `outflow.education` is "Uitstroom: opleiding". */
function columnTitle(column: string): string {
  const [field, part] = column.split('.');
  return part === undefined
    ? t(`reports.col.${field}` as TextKey)
    : t(`reports.col.${field}` as TextKey, { kind: t(`${field}.${part}` as TextKey) });
}

function ReportView(props: { kind: ReportKind; reply: ReportReply; query: Query; skills: Map<string, string> }) {
  const { kind, reply } = props;
  const report = REPORTS[kind];
  const by = reply.by ?? 'measure';
  const label = labeller(by, props.skills);
  const period = t('reports.period', { from: dayText(reply.from), to: dayText(reply.to) });
  const title = reply.by
    ? `${t(`reports.${kind}`)} ${t(`reports.by.${by}` as TextKey).toLowerCase()}, ${period}`
    : `${t(`reports.${kind}`)}, ${period}`;
  const labels = useMemo(() => reply.rows.map(label), [reply, props.skills]);
  const columns = [...report.columns, ...(report.extraColumns?.[by] ?? [])];
  const series = useMemo<BarSeries[]>(
    () =>
      report.charted.map((field) => ({
        label: t(`reports.col.${field}` as TextKey),
        values: reply.rows.map((r) => r[field] as number | null),
        color: report.colors[field]!,
      })),
    [reply],
  );

  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">{title}</h2>
      {reply.rows.length === 0 ? (
        <p>{t('reports.none')}</p>
      ) : (
        <>
          {series.length > 0 && <BarChart title={title} labels={labels} series={series} stacked={report.stacked} />}
          <TableScroll label={t('reports.tableOf', { title })}>
            <table class="report">
              <caption class="sr-only">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`reports.key.${by}` as TextKey)}</th>
                  {columns.map((c) => (
                    <th key={c} scope="col" class="num">
                      {columnTitle(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {reply.rows.map((row, i) => (
                  <tr key={row.key} data-key={row.key}>
                    <th scope="row">{labels[i]}</th>
                    {columns.map((c) => (
                      <td
                        key={c}
                        class="num"
                        title={row.suppressed ? t('reports.suppressed', { n: reply.threshold ?? 5 }) : undefined}
                      >
                        {shownNumber(cellOf(row, c))}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              {reply.total && (
                <tfoot>
                  <tr>
                    <td>{t('reports.total')}</td>
                    {columns.map((c) => (
                      <td key={c} class="num">
                        {c.split('.')[0]! in reply.total! ? shownNumber(cellOf(reply.total!, c)) : ''}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              )}
            </table>
          </TableScroll>
        </>
      )}
      {kind === 'demand' && reply.total && (
        <WhyUnmetView
          why={reply.total.whyUnmet as Record<WhyUnmet, number> | null}
          threshold={reply.threshold ?? 5}
          period={period}
        />
      )}
      <p class="actions">
        <a href={`/api/v1/reports/${kind}?${queryString(props.query, 'csv')}`} download>
          {t('reports.csv')}
        </a>
        <a href={`/api/v1/reports/${kind}?${queryString(props.query, 'xlsx')}`} download>
          {t('reports.xlsx')}
        </a>
      </p>
    </section>
  );
}

function ReportsPage() {
  const form = useFormState();
  // Per-helper hours are personal data of the participants: the API shows them to admins and dispatchers.
  const byOf = (kind: ReportKind) => REPORTS[kind].by.filter((by) => by !== 'helper' || staffUser().role !== 'intake');
  const [query, setQuery] = useState<Query>({ kind: 'hours', by: byOf('hours')[0]!, ...thisMonth() });
  const [shown, setShown] = useState<{ kind: ReportKind; reply: ReportReply; query: Query } | null>(null);
  const [skills, setSkills] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<MessageValue | null>(null);

  async function show(q: Query): Promise<void> {
    try {
      const reply = await api<ReportReply>('GET', `/reports/${q.kind}?${queryString(q)}`);
      form.setErrors([]);
      setMessage(null);
      setShown({ kind: q.kind, reply, query: q });
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
    setQuery({ ...query, kind: kind as ReportKind, by: byOf(kind as ReportKind)[0] ?? '' });
  const byOptions = byOf(query.kind);

  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports.title')}</h1>
      <p>{t('reports.intro', { n: 5 })}</p>
      <Form form={form} class="filters" onSubmit={() => void show(query)}>
        <Field name="report" label={t('reports.report')}>
          <Select
            value={query.kind}
            onChange={setKind}
            options={(Object.keys(REPORTS) as ReportKind[]).map((kind) => [kind, t(`reports.${kind}`)] as const)}
          />
        </Field>
        {byOptions.length > 0 && (
          <Field name="by" label={t('reports.byLabel')}>
            <Select
              value={query.by}
              onChange={(by) => setQuery({ ...query, by })}
              options={byOptions.map((by) => [by, t(`reports.by.${by}` as TextKey)] as const)}
            />
          </Field>
        )}
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
      {shown && <ReportView kind={shown.kind} reply={shown.reply} query={shown.query} skills={skills} />}
      <ExportLinks from={query.from} to={query.to} />
    </section>
  );
}

mountPage(<ReportsPage />);
