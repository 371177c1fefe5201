/**
 * Changing your own password (every account: the office's and the coaches'): the current one, the new
 * one twice. The API keeps this session and ends all your others, and the section says so before and after.
 */
import { useId, useState } from 'preact/hooks';
import type { PasswordChange } from '../../../../auth/auth.schema.js';
import { PASSWORD_MIN_LENGTH } from '../../../../domain.js';
import { Field, Form, Message, type MessageValue, problem, TextInput, useFormState } from '../../components/forms.js';
import { api, ApiError } from '../../lib/api.js';
import { t, type TextKey } from '../../lib/i18n.js';

const EMPTY = { currentPassword: '', newPassword: '', repeatPassword: '' };

/** The API's field complaints are English: each field's, in the page's language. */
function hintsFor(err: unknown, draft: typeof EMPTY): Record<string, TextKey> {
  const wrong = err instanceof ApiError && err.code === 'wrong_password';
  return {
    currentPassword: wrong ? 'password.wrongCurrent' : 'password.currentMissing',
    newPassword: draft.newPassword.length < PASSWORD_MIN_LENGTH ? 'password.tooShort' : 'password.tooEasy',
  };
}

export function PasswordSection() {
  const form = useFormState();
  const ruleId = useId();
  const [draft, setDraft] = useState(EMPTY);
  const [message, setMessage] = useState<MessageValue | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof EMPTY) => (value: string) => setDraft({ ...draft, [key]: value });

  async function change(): Promise<void> {
    if (busy) return;
    if (draft.newPassword !== draft.repeatPassword) {
      form.setErrors([{ field: 'repeatPassword', message: t('password.mismatch') }]);
      setMessage({ kind: 'error', text: t('form.invalid') });
      return;
    }
    setBusy(true);
    try {
      const body: PasswordChange = { currentPassword: draft.currentPassword, newPassword: draft.newPassword };
      await api('POST', '/auth/password', body);
      form.setErrors([]);
      setDraft(EMPTY);
      setMessage({ kind: 'notice', text: t('password.changed') });
    } catch (err) {
      form.setErrors([]);
      const said = problem(form, err, hintsFor(err, draft));
      setMessage(
        err instanceof ApiError && err.code === 'wrong_password'
          ? { kind: 'error', text: t('error.wrong_password') }
          : said,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      <p>{t('password.intro')}</p>
      <Message message={message} />
      <Form form={form} class="card password-form" onSubmit={() => void change()}>
        <Field name="currentPassword" label={t('password.current')}>
          <TextInput
            type="password"
            autoComplete="current-password"
            required
            value={draft.currentPassword}
            onValue={set('currentPassword')}
          />
        </Field>
        <Field name="newPassword" label={t('password.new')}>
          <TextInput
            type="password"
            autoComplete="new-password"
            required
            maxLength={200}
            aria-describedby={ruleId}
            value={draft.newPassword}
            onValue={set('newPassword')}
          />
        </Field>
        <p id={ruleId} class="muted">
          {t('password.rule')}
        </p>
        <Field name="repeatPassword" label={t('password.repeat')}>
          <TextInput
            type="password"
            autoComplete="new-password"
            required
            maxLength={200}
            value={draft.repeatPassword}
            onValue={set('repeatPassword')}
          />
        </Field>
        <button type="submit" class="primary" aria-busy={busy ? 'true' : undefined}>
          {t('password.submit')}
        </button>
      </Form>
    </section>
  );
}
