/**
 * The second factor of your own account: whether it is on, setting it up (a QR code to scan, the key
 * to type in, a first code to confirm it) and turning it off with a code. The API keeps the rules: a
 * set-up counts only once a code confirms it, and every code works once.
 */
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SecondFactorSetup } from '../../../../auth/auth.schema.js';
import { Field, Form, Input, Message, type MessageValue, problem, useFormState } from '../../components/forms.js';
import { api } from '../../lib/api.js';
import { t } from '../../lib/i18n.js';

/** The key in groups of four, as the apps show it and as it is easier to type over. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** A code as typed or pasted ("123 456"), without its spaces. */
const digits = (code: string) => code.replace(/\s/g, '');

const HINTS = { code: 'factor.wrongCode' } as const;

function CodeField({ value, onValue }: { value: string; onValue: (value: string) => void }) {
  const hintId = useId();
  return (
    <>
      <Field name="code" label={t('factor.code')}>
        <Input
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          aria-describedby={hintId}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      </Field>
      <p id={hintId} class="muted">
        {t('factor.codeHint')}
      </p>
    </>
  );
}

export function SecondFactorSection(props: { on: boolean }) {
  const form = useFormState();
  const [on, setOn] = useState(props.on);
  const [setup, setSetup] = useState<SecondFactorSetup | null>(null);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<MessageValue | null>(null);
  const [busy, setBusy] = useState(false);
  // Where the keyboard goes when the control it was on goes away: the set-up's steps, or the state.
  const [focusTo, setFocusTo] = useState<'steps' | 'state' | null>(null);
  const steps = useRef<HTMLHeadingElement>(null);
  const state = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (focusTo) (focusTo === 'steps' ? steps : state).current?.focus();
  }, [focusTo, setup, on]);

  /** Sends with the busy flag; a refusal goes to the code field (its hint in Dutch) or the message. */
  async function run(action: () => Promise<void>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setFocusTo(null);
    try {
      await action();
    } catch (err) {
      form.setErrors([]);
      setMessage(problem(form, err, HINTS));
    } finally {
      setBusy(false);
    }
  }

  /** The code as the API takes it, or null when it cannot be one (said at the field, nothing sent). */
  function typedCode(): string | null {
    const typed = digits(code);
    if (/^\d{6}$/.test(typed)) return typed;
    form.setErrors([{ field: 'code', message: t('factor.codeFormat') }]);
    setMessage({ kind: 'error', text: t('form.invalid') });
    return null;
  }

  const done = (text: string) => {
    form.setErrors([]);
    setCode('');
    setMessage({ kind: 'notice', text });
    setFocusTo('state');
  };

  const start = () =>
    run(async () => {
      const started = await api<SecondFactorSetup>('POST', '/auth/second-factor', {});
      form.setErrors([]);
      setMessage(null);
      setSetup(started);
      setFocusTo('steps');
    });

  const confirm = () => {
    const typed = typedCode();
    if (typed)
      void run(async () => {
        await api('POST', '/auth/second-factor/confirm', { code: typed });
        setSetup(null);
        setOn(true);
        done(t('factor.confirmed'));
      });
  };

  const remove = () => {
    const typed = typedCode();
    if (typed)
      void run(async () => {
        await api('POST', '/auth/second-factor/remove', { code: typed });
        setOn(false);
        done(t('factor.removed'));
      });
  };

  const cancel = () => {
    setSetup(null);
    done(t('factor.cancelled'));
  };

  const submit = (label: string) => (
    <button type="submit" class="primary" aria-busy={busy ? 'true' : undefined}>
      {label}
    </button>
  );

  return (
    <section aria-labelledby="factor-title" class="factor">
      <h2 id="factor-title">{t('factor.title')}</h2>
      <p ref={state} tabIndex={-1} class={on ? 'factor-state on' : 'factor-state'}>
        {t(on ? 'factor.on' : 'factor.off')}
      </p>
      <Message message={message} />
      {on ? (
        <Form form={form} class="card factor-form" onSubmit={remove}>
          <p>{t('factor.removeIntro')}</p>
          <CodeField value={code} onValue={setCode} />
          {submit(t('factor.remove'))}
        </Form>
      ) : setup ? (
        <Form form={form} class="card factor-form" onSubmit={confirm}>
          <h3 ref={steps} tabIndex={-1}>
            {t('factor.setupTitle')}
          </h3>
          <ol class="factor-steps">
            <li>
              <p>{t('factor.scan')}</p>
              <img class="factor-qr" src={setup.qrCode} alt={t('factor.qrAlt')} width={220} height={220} />
              <p>{t('factor.type')}</p>
              <Field name="secret" label={t('factor.secret')}>
                <Input type="text" readOnly class="factor-secret" value={grouped(setup.secret)} />
              </Field>
            </li>
            <li>
              <p>{t('factor.confirmStep')}</p>
              <CodeField value={code} onValue={setCode} />
            </li>
          </ol>
          <div class="actions">
            {submit(t('factor.confirm'))}
            <button type="button" onClick={cancel}>
              {t('factor.cancel')}
            </button>
          </div>
        </Form>
      ) : (
        <div class="card factor-form">
          <p>{t('factor.why')}</p>
          <button type="button" class="primary" aria-busy={busy ? 'true' : undefined} onClick={() => void start()}>
            {t('factor.start')}
          </button>
        </div>
      )}
    </section>
  );
}
