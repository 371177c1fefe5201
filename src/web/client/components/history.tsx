/**
 * A resident's or a helper's requests, the latest first: what was asked, for when, how it stands, and
 * who helped (for a resident) or the hours logged (for a helper). Under their form on the list pages.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Helper } from '../../../helpers/helpers.schema.js';
import type { HelpRequest } from '../../../requests/requests.schema.js';
import { api, errorText } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { formatDay, formatTime } from '../lib/time.js';
import { type Skill, skillLabel } from './skill-picker.js';

/** The last requests shown; older ones are in the reports and the subject-access export. */
const SHOWN = 50;

interface Loaded {
  requests: HelpRequest[];
  skills: ReadonlyMap<string, string>;
  helpers: ReadonlyMap<number, string>;
}

async function load(of: 'residentId' | 'helperId', id: number): Promise<Loaded> {
  const [requests, skills] = await Promise.all([
    api<HelpRequest[]>('GET', `/requests?${of}=${id}&order=desc&limit=${SHOWN}`),
    api<Skill[]>('GET', '/skills'),
  ]);
  const helperIds = of === 'residentId' ? [...new Set(requests.flatMap((r) => (r.helperId ? [r.helperId] : [])))] : [];
  const helpers = await Promise.all(helperIds.map((helperId) => api<Helper>('GET', `/helpers/${helperId}`)));
  return {
    requests,
    skills: new Map(skills.map((s) => [s.code, skillLabel(s)])),
    helpers: new Map(helpers.map((h) => [h.id, h.name])),
  };
}

export function History(props: { of: 'residentId' | 'helperId'; id: number }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    load(props.of, props.id)
      .then(setLoaded)
      .catch((err: unknown) => setError(errorText(err)));
  }, [props.of, props.id]);

  const forResident = props.of === 'residentId';
  return (
    <section class="history" aria-labelledby="history-title">
      <h3 id="history-title">{t('history.title')}</h3>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {loaded === null ? null : loaded.requests.length === 0 ? (
        <p class="muted">{t('history.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('detail.when')}</th>
              <th scope="col">{t('detail.what')}</th>
              <th scope="col">{t('detail.status')}</th>
              <th scope="col" class={forResident ? undefined : 'num'}>
                {forResident ? t('history.helper') : t('history.hours')}
              </th>
            </tr>
          </thead>
          <tbody>
            {loaded.requests.map((r) => {
              const start = (r.scheduled ?? r.window).start;
              return (
                <tr key={r.id}>
                  <td>{`${formatDay(start)} ${formatTime(start)}`}</td>
                  <td>{r.skills.map((code) => loaded.skills.get(code) ?? code).join(', ')}</td>
                  <td>{t(`status.${r.status}`)}</td>
                  {forResident ? (
                    <td>{r.helperId ? (loaded.helpers.get(r.helperId) ?? `#${r.helperId}`) : ''}</td>
                  ) : (
                    <td class="num">{r.hours === null ? '' : r.hours.toLocaleString(document.documentElement.lang)}</td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
