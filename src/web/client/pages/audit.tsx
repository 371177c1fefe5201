/**
 * The access log for the privacy officer (admins only): every read, change and export of a resident's
 * data, filtered by resident, person, action and period, newest first.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry } from '../../../audit/audit.schema.js';
import { AUDIT_ACTIONS } from '../../../db/schema/audit.js';
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
import { type Column, DataTable } from '../components/table.js';
import { api } from '../lib/api.js';
import { t, type TextKey } from '../lib/i18n.js';

interface Filters {
  residentId: string;
  actor: string;
  action: string;
  from: string;
  to: string;
}

const NONE: Filters = { residentId: '', actor: '', action: '', from: '', to: '' };

const when = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'short', timeStyle: 'medium' });

/** The query string: dates as the start of that day where the browser is, `to` up to the end of its day. */
function queryOf(f: Filters): string {
  const q = new URLSearchParams();
  if (f.residentId.trim()) q.set('residentId', f.residentId.trim());
  if (f.actor.trim()) q.set('actor', f.actor.trim());
  if (f.action) q.set('action', f.action);
  if (f.from) q.set('from', new Date(`${f.from}T00:00`).toISOString());
  if (f.to) q.set('to', new Date(new Date(`${f.to}T00:00`).getTime() + 86_400_000).toISOString());
  return q.size ? `?${q}` : '';
}

type Row = AuditEntry & { id: number };

const COLUMNS: ReadonlyArray<Column<Row>> = [
  { title: 'audit.at', cell: (e) => when.format(new Date(e.at)) },
  { title: 'audit.actor', cell: (e) => e.actor },
  { title: 'audit.role', cell: (e) => t(`role.${e.role}` as TextKey) },
  { title: 'audit.action', cell: (e) => t(`audit.action.${e.action}` as TextKey) },
  {
    title: 'audit.resident',
    cell: (e) => <a href={`/export?resident=${e.residentId}`}>{e.residentId}</a>,
    numeric: true,
  },
  { title: 'audit.origin', cell: (e) => e.origin ?? '' },
];

function AuditPage() {
  const form = useFormState();
  const [filters, setFilters] = useState<Filters>(NONE);
  const [entries, setEntries] = useState<Row[] | null>(null);
  const [message, setMessage] = useState<MessageValue | null>(null);
  const set = (key: keyof Filters) => (value: string) => setFilters({ ...filters, [key]: value });

  async function search(f: Filters): Promise<void> {
    try {
      const found = await api<{ entries: AuditEntry[] }>('GET', `/audit${queryOf(f)}`);
      form.setErrors([]);
      setMessage(null);
      setEntries(found.entries.map((e, i) => ({ ...e, id: i })));
    } catch (err) {
      setMessage(problem(form, err));
    }
  }

  useEffect(() => void search(NONE), []);

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <Form form={form} class="filters" onSubmit={() => void search(filters)}>
        <Field name="residentId" label={t('audit.resident')}>
          <TextInput inputMode="numeric" value={filters.residentId} onValue={set('residentId')} />
        </Field>
        <Field name="actor" label={t('audit.actor')}>
          <TextInput value={filters.actor} onValue={set('actor')} placeholder="user:3" />
        </Field>
        <Field name="action" label={t('audit.action')}>
          <Select
            value={filters.action}
            onChange={set('action')}
            options={[
              ['', t('audit.anyAction')],
              ...AUDIT_ACTIONS.map((a) => [a, t(`audit.action.${a}` as TextKey)] as const),
            ]}
          />
        </Field>
        <Field name="from" label={t('audit.from')}>
          <TextInput type="date" value={filters.from} onValue={set('from')} />
        </Field>
        <Field name="to" label={t('audit.to')}>
          <TextInput type="date" value={filters.to} onValue={set('to')} />
        </Field>
        <button type="submit" class="primary">
          {t('audit.search')}
        </button>
      </Form>
      <Message message={message} />
      {entries && (
        <>
          <p role="status">{t('audit.count', { n: entries.length })}</p>
          {entries.length ? <DataTable records={entries} columns={COLUMNS} /> : <p>{t('audit.none')}</p>}
        </>
      )}
    </section>
  );
}

mountPage(<AuditPage />);
