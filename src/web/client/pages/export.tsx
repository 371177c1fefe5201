/**
 * Subject access for the privacy officer (admins only): everything kept about one resident, as a page
 * to print or save as PDF for the resident, and as the JSON file the API gives. Opening it is an
 * export and lands in the access log.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ResidentExport } from '../../../residents/subject.schema.js';
import { Field, Form, Message, type MessageValue, problem, TextInput, useFormState } from '../components/forms.js';
import { mountPage } from '../components/page.js';
import type { Skill } from '../components/skill-picker.js';
import { type Column, DataTable } from '../components/table.js';
import { api } from '../lib/api.js';
import { t, type TextKey } from '../lib/i18n.js';

const when = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' });
const at = (iso: string | null | undefined) => (iso ? when.format(new Date(iso)) : '');

/** Skill code → label, from the catalogue once the page has it. */
const labels = new Map<string, string>();
const skillsOf = (codes: readonly string[]) => codes.map((c) => labels.get(c) ?? c).join(', ');

type Resident = ResidentExport['resident'];
type Request = ResidentExport['requests'][number];
type Series = ResidentExport['series'][number];
type Entry = ResidentExport['audit'][number] & { id: number };

function addressLine(r: Resident): string {
  const a = r.address;
  const house = [a.houseNumber, a.houseNumberAddition].filter(Boolean).join('');
  return [[a.street, house].filter(Boolean).join(' '), [a.postcode, a.city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

function Facts({ rows }: { rows: ReadonlyArray<readonly [TextKey, string | number | null | undefined]> }) {
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ResidentFacts({ r }: { r: Resident }) {
  const n = r.neighbourhood;
  return (
    <Facts
      rows={[
        ['export.number', r.id],
        ['residents.col.name', r.name],
        ['residents.col.phone', r.phone],
        ['residents.col.address', addressLine(r)],
        ['export.neighbourhood', n ? [n.wijk, n.buurt].filter(Boolean).join(' · ') : null],
        ['export.location', `${r.location.lat.toFixed(5)}, ${r.location.lon.toFixed(5)}`],
        ['export.languages', r.languages.join(', ')],
        ['export.notes', r.notes],
        ['export.excluded', r.excludedHelperIds.join(', ')],
        ['export.created', at(r.createdAt)],
        ['export.updated', at(r.updatedAt)],
      ]}
    />
  );
}

const REQUEST_COLUMNS: ReadonlyArray<Column<Request>> = [
  { title: 'export.number', cell: (q) => q.id, numeric: true },
  { title: 'export.when', cell: (q) => at(q.window.start) },
  { title: 'export.skills', cell: (q) => skillsOf(q.skills) },
  { title: 'export.status', cell: (q) => t(`status.${q.status}` as TextKey) },
  { title: 'export.helper', cell: (q) => q.helperId ?? '' },
  {
    title: 'export.texts',
    cell: (q) => [q.description, q.completionNote, q.reciprocity, q.cancelReason].filter(Boolean).join(' · '),
  },
  {
    title: 'export.proposals',
    cell: (q) => q.proposals.map((p) => `${p.helperId}: ${t(`proposal.${p.status}` as TextKey)}`).join(', '),
  },
];

const SERIES_COLUMNS: ReadonlyArray<Column<Series>> = [
  { title: 'export.number', cell: (s) => s.id, numeric: true },
  { title: 'export.skills', cell: (s) => skillsOf(s.skills) },
  { title: 'export.texts', cell: (s) => s.description ?? '' },
  { title: 'export.from', cell: (s) => s.firstDate },
  { title: 'export.until', cell: (s) => s.untilDate ?? '' },
];

const AUDIT_COLUMNS: ReadonlyArray<Column<Entry>> = [
  { title: 'audit.at', cell: (e) => at(e.at) },
  { title: 'audit.actor', cell: (e) => e.actor },
  { title: 'audit.role', cell: (e) => t(`role.${e.role}` as TextKey) },
  { title: 'audit.action', cell: (e) => t(`audit.action.${e.action}` as TextKey) },
];

function Section(props: { title: TextKey; count: number; children: ComponentChildren }) {
  return (
    <section class="export-part">
      <h2>{t(props.title)}</h2>
      {props.count ? props.children : <p>{t('export.nothing')}</p>}
    </section>
  );
}

function Everything({ data }: { data: ResidentExport }) {
  const download = () => {
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    const link = Object.assign(document.createElement('a'), {
      href: URL.createObjectURL(blob),
      download: `bewoner-${data.resident.id}.json`,
    });
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <article aria-labelledby="export-of" class="export">
      <h2 id="export-of">{t('export.of', { id: data.resident.id, date: at(new Date().toISOString()) })}</h2>
      <p class="actions no-print">
        <button type="button" class="primary" onClick={() => window.print()}>
          {t('export.print')}
        </button>
        <button type="button" onClick={download}>
          {t('export.download')}
        </button>
      </p>
      <Section title="export.part.resident" count={1}>
        <ResidentFacts r={data.resident} />
      </Section>
      <Section title="export.part.requests" count={data.requests.length}>
        <DataTable records={data.requests} columns={REQUEST_COLUMNS} />
      </Section>
      <Section title="export.part.series" count={data.series.length}>
        <DataTable records={data.series} columns={SERIES_COLUMNS} />
      </Section>
      <Section title="export.part.audit" count={data.audit.length}>
        <DataTable records={data.audit.map((e, id) => ({ ...e, id }))} columns={AUDIT_COLUMNS} />
      </Section>
    </article>
  );
}

function ExportPage() {
  const form = useFormState();
  const [residentId, setResidentId] = useState(new URLSearchParams(location.search).get('resident') ?? '');
  const [data, setData] = useState<ResidentExport | null>(null);
  const [message, setMessage] = useState<MessageValue | null>(null);

  async function show(id: string): Promise<void> {
    if (!/^\d+$/.test(id.trim())) {
      form.setErrors([{ field: 'residentId', message: t('export.hint.resident') }]);
      return;
    }
    try {
      if (labels.size === 0)
        for (const skill of await api<Skill[]>('GET', '/skills')) labels.set(skill.code, skill.label);
      setData(await api<ResidentExport>('GET', `/residents/${id.trim()}/export`));
      form.setErrors([]);
      setMessage(null);
      history.replaceState(null, '', `?resident=${id.trim()}`);
    } catch (err) {
      setData(null);
      setMessage(problem(form, err));
    }
  }

  useEffect(() => {
    if (residentId) void show(residentId);
  }, []);

  return (
    <section aria-labelledby="export-title">
      <h1 id="export-title">{t('export.title')}</h1>
      <p class="no-print">{t('export.intro')}</p>
      <Form form={form} class="filters no-print" onSubmit={() => void show(residentId)}>
        <Field name="residentId" label={t('audit.resident')}>
          <TextInput inputMode="numeric" value={residentId} onValue={setResidentId} />
        </Field>
        <button type="submit" class="primary">
          {t('export.show')}
        </button>
      </Form>
      <Message message={message} />
      {data && <Everything data={data} />}
    </section>
  );
}

mountPage(<ExportPage />);
