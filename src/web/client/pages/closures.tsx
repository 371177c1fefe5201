/**
 * When the organisation is closed (the summer, the holidays, a study day): nothing is planned then,
 * and regular help pauses. Everyone in the office sees them; dispatchers and admins add and remove.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Closure } from '../../../closures/closures.schema.js';
import { Field, Form, Message, type MessageValue, problem, TextInput, useFormState } from '../components/forms.js';
import { TableScroll } from '../components/table.js';
import { mountPage } from '../components/page.js';
import { api } from '../lib/api.js';
import { staffUser, t } from '../lib/i18n.js';

const MAY_CHANGE = staffUser().role === 'admin' || staffUser().role === 'dispatcher';
const day = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'full', timeZone: 'UTC' });
const dateOf = (iso: string) => day.format(new Date(`${iso}T00:00:00Z`));

const EMPTY = { from: '', to: '', reason: '' };

const HINTS = { from: 'closures.hint.from', to: 'closures.hint.to', reason: 'closures.hint.reason' } as const;

function ClosuresPage() {
  const form = useFormState();
  const [closures, setClosures] = useState<Closure[] | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [message, setMessage] = useState<MessageValue | null>(null);
  const set = (key: keyof typeof EMPTY) => (value: string) => setDraft({ ...draft, [key]: value });

  const load = async () => setClosures(await api<Closure[]>('GET', '/closures'));
  useEffect(() => {
    load().catch((err: unknown) => setMessage(problem(form, err)));
  }, []);

  async function add(): Promise<void> {
    try {
      const made = await api<Closure>('POST', '/closures', { ...draft, to: draft.to || draft.from });
      form.setErrors([]);
      setDraft(EMPTY);
      setMessage({ kind: 'notice', text: t('closures.added', { reason: made.reason }) });
      await load();
    } catch (err) {
      setMessage(problem(form, err, HINTS));
    }
  }

  async function remove(closure: Closure): Promise<void> {
    if (!confirm(t('closures.removeConfirm', { reason: closure.reason }))) return;
    try {
      await api('DELETE', `/closures/${closure.id}`);
      setMessage({ kind: 'notice', text: t('closures.removed', { reason: closure.reason }) });
      await load();
    } catch (err) {
      setMessage(problem(form, err));
    }
  }

  return (
    <section aria-labelledby="closures-title">
      <h1 id="closures-title">{t('closures.title')}</h1>
      <p>{t('closures.intro')}</p>
      {MAY_CHANGE ? (
        <Form form={form} class="filters" onSubmit={() => void add()}>
          <Field name="from" label={t('closures.from')}>
            <TextInput type="date" required value={draft.from} onValue={set('from')} />
          </Field>
          <Field name="to" label={t('closures.to')}>
            <TextInput type="date" value={draft.to} onValue={set('to')} />
          </Field>
          <Field name="reason" label={t('closures.reason')}>
            <TextInput required maxLength={200} value={draft.reason} onValue={set('reason')} />
          </Field>
          <button type="submit" class="primary">
            {t('closures.add')}
          </button>
        </Form>
      ) : null}
      <Message message={message} />
      {closures === null ? null : closures.length === 0 ? (
        <p>{t('closures.none')}</p>
      ) : (
        <TableScroll label={MAY_CHANGE ? undefined : t('closures.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('closures.from')}</th>
                <th scope="col">{t('closures.to')}</th>
                <th scope="col">{t('closures.reason')}</th>
                {MAY_CHANGE ? (
                  <th scope="col">
                    <span class="sr-only">{t('detail.actions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {closures.map((c) => (
                <tr key={c.id}>
                  <td>{dateOf(c.from)}</td>
                  <td>{dateOf(c.to)}</td>
                  <td>{c.reason}</td>
                  {MAY_CHANGE ? (
                    <td>
                      <button type="button" class="danger" onClick={() => void remove(c)}>
                        {t('closures.remove')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

mountPage(<ClosuresPage />);
