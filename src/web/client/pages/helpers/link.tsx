/**
 * A helper's personal link, issued or sent again from the helper's form: the page shows the link once
 * (only its hash is kept) with a text message and an e-mail to send it in, ready to copy. A new link
 * ends the previous one, so a lost phone is dealt with the same way.
 */
import { useState } from 'preact/hooks';
import type { AccessLink } from '../../../../auth/auth.schema.js';
import type { Helper } from '../../../../helpers/helpers.schema.js';
import { api, errorText } from '../../lib/api.js';
import { t } from '../../lib/i18n.js';

const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

function CopyField(props: { id: string; label: string; value: string; rows?: number }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard.writeText(props.value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div class="copy-field">
      <label for={props.id}>{props.label}</label>
      {props.rows ? (
        <textarea id={props.id} readOnly rows={props.rows} value={props.value} />
      ) : (
        <input id={props.id} readOnly value={props.value} />
      )}
      <button type="button" onClick={() => void copy()}>
        {copied ? t('link.copied') : t('link.copy')}
      </button>
    </div>
  );
}

export function PersonalLink({ helper }: { helper: Helper }) {
  const [link, setLink] = useState<AccessLink | null>(null);
  const [error, setError] = useState('');

  async function issue() {
    if (link && !confirm(t('link.again', { name: helper.name }))) return;
    setError('');
    try {
      setLink(await api<AccessLink>('POST', `/helpers/${helper.id}/access-link`));
    } catch (err) {
      setError(errorText(err));
    }
  }

  const sms = link ? t('link.sms', { name: firstName(helper.name), url: link.url }) : '';
  const mail = link ? t('link.mail', { name: firstName(helper.name), url: link.url }) : '';
  return (
    <section class="personal-link" aria-labelledby="personal-link-title">
      <h3 id="personal-link-title">{t('link.title')}</h3>
      <p class="hint">{t('link.hint')}</p>
      <p class="error" role="alert">
        {error}
      </p>
      <button type="button" onClick={() => void issue()}>
        {link ? t('link.issueAgain') : t('link.issue')}
      </button>
      {link ? (
        <div role="status">
          <p>{t('link.issued', { name: helper.name })}</p>
          <CopyField id="link-url" label={t('link.url')} value={link.url} />
          <CopyField id="link-sms" label={t('link.smsLabel')} value={sms} rows={3} />
          <CopyField id="link-mail" label={t('link.mailLabel')} value={mail} rows={6} />
          <p class="actions">
            {helper.phone ? (
              <a href={`sms:${helper.phone.replace(/[^\d+]/g, '')}?body=${encodeURIComponent(sms)}`}>
                {t('link.sendSms', { phone: helper.phone })}
              </a>
            ) : null}
            {helper.email ? (
              <a
                href={`mailto:${helper.email}?subject=${encodeURIComponent(t('link.mailSubject'))}&body=${encodeURIComponent(mail)}`}
              >
                {t('link.sendMail', { email: helper.email })}
              </a>
            ) : null}
          </p>
        </div>
      ) : null}
    </section>
  );
}
