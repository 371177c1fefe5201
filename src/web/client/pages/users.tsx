/**
 * The office's accounts (admins only): who may log in, in which role; a new colleague with a first
 * password; a role changed or an account closed ends that person's sessions at once.
 */
import { TableScroll } from '../components/table.js';
import { useEffect, useState } from 'preact/hooks';
import type { UserAccount } from '../../../auth/auth.schema.js';
import { USER_ROLES } from '../../../domain.js';
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
import { api, errorText } from '../lib/api.js';
import { staffUser, t, type TextKey } from '../lib/i18n.js';

type Account = UserAccount;

const ROLE_OPTIONS = USER_ROLES.map((role) => [role, t(`role.${role}` as TextKey)] as const);
const EMPTY = { name: '', email: '', role: 'intake', password: '' };
const HINTS = {
  name: 'users.hint.name',
  email: 'users.hint.email',
  password: 'users.hint.password',
} as const satisfies Record<string, TextKey>;

function UsersPage() {
  const form = useFormState();
  const [users, setUsers] = useState<Account[] | null>(null);
  const [draft, setDraft] = useState(EMPTY);
  const [message, setMessage] = useState<MessageValue | null>(null);
  const set = (key: keyof typeof EMPTY) => (value: string) => setDraft({ ...draft, [key]: value });
  const me = staffUser().id;

  const load = async () => setUsers(await api<Account[]>('GET', '/users'));
  useEffect(() => {
    load().catch((err: unknown) => setMessage(problem(form, err)));
  }, []);

  async function add(): Promise<void> {
    try {
      await api('POST', '/users', draft);
      form.setErrors([]);
      setDraft(EMPTY);
      setMessage({ kind: 'notice', text: t('users.added', { name: draft.name }) });
      await load();
    } catch (err) {
      setMessage(problem(form, err, HINTS));
    }
  }

  /** A change in the table: its error is said as a whole (the form's fields are the new colleague's). */
  async function patch(u: Account, body: Record<string, unknown>, done: TextKey): Promise<void> {
    try {
      await api('PATCH', `/users/${u.id}`, body);
      setMessage({ kind: 'notice', text: t(done, { name: u.name }) });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    }
    await load();
  }

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <p>{t('users.intro')}</p>
      <Message message={message} />
      {users ? (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.email')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.secondFactor')}</th>
                <th scope="col">{t('users.state')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} class={u.active ? undefined : 'muted'}>
                  <td>{u.name}</td>
                  <td>{u.email}</td>
                  <td>
                    <select
                      aria-label={t('users.roleOf', { name: u.name })}
                      value={u.role}
                      disabled={!u.active}
                      onChange={(e) => void patch(u, { role: e.currentTarget.value }, 'users.roleChanged')}
                    >
                      {ROLE_OPTIONS.map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {u.secondFactor ? t('users.yes') : t('users.no')}
                    {u.secondFactor ? (
                      <button
                        type="button"
                        class="link"
                        onClick={() => void patch(u, { removeSecondFactor: true }, 'users.secondFactorRemoved')}
                      >
                        {t('users.removeSecondFactor')}
                      </button>
                    ) : null}
                  </td>
                  <td>
                    {u.active ? t('users.active') : t('users.inactive')}{' '}
                    {u.id === me ? null : u.active ? (
                      <button
                        type="button"
                        class="danger"
                        onClick={() => {
                          if (confirm(t('users.closeConfirm', { name: u.name })))
                            void patch(u, { active: false }, 'users.closed');
                        }}
                      >
                        {t('users.close')}
                      </button>
                    ) : (
                      <button type="button" onClick={() => void patch(u, { active: true }, 'users.reopened')}>
                        {t('users.reopen')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <h2>{t('users.new')}</h2>
      <Form form={form} class="filters" onSubmit={() => void add()}>
        <Field name="name" label={t('users.name')}>
          <TextInput required maxLength={120} value={draft.name} onValue={set('name')} />
        </Field>
        <Field name="email" label={t('users.email')}>
          <TextInput type="email" required value={draft.email} onValue={set('email')} />
        </Field>
        <Field name="role" label={t('users.role')}>
          <Select value={draft.role} onChange={set('role')} options={ROLE_OPTIONS} />
        </Field>
        <Field name="password" label={t('users.password')}>
          <TextInput
            type="password"
            autoComplete="new-password"
            required
            value={draft.password}
            onValue={set('password')}
          />
        </Field>
        <button type="submit" class="primary">
          {t('users.add')}
        </button>
      </Form>
    </section>
  );
}

mountPage(<UsersPage />);
