/**
 * How new weights would choose: the first open request's best five as they rank now, beside how they
 * would rank with the weights as typed. Nothing is saved; the preview follows the typing.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Candidates } from '../../../../candidates/candidates.schema.js';
import type { Helper } from '../../../../helpers/helpers.schema.js';
import type { HelpRequest } from '../../../../requests/requests.schema.js';
import { api, errorText } from '../../lib/api.js';
import { t } from '../../lib/i18n.js';
import { formatWindow } from '../../lib/time.js';

const PAUSE_MS = 300;
const SHOWN = 5;

interface Sample {
  request: HelpRequest;
  names: ReadonlyMap<number, string>;
  now: Candidates['candidates'];
}

async function sample(): Promise<Sample | null> {
  const [request] = await api<HelpRequest[]>('GET', '/requests?status=open,proposed&limit=1');
  if (!request) return null;
  const [ranking, helpers] = await Promise.all([
    api<Candidates>('GET', `/requests/${request.id}/candidates`),
    api<Helper[]>('GET', '/helpers?active=true'),
  ]);
  return { request, names: new Map(helpers.map((h) => [h.id, h.name])), now: ranking.candidates };
}

function Ranked(props: { title: string; list: Candidates['candidates']; names: ReadonlyMap<number, string> }) {
  return (
    <section aria-label={props.title}>
      <h3>{props.title}</h3>
      <ol>
        {props.list.slice(0, SHOWN).map((c) => (
          <li key={c.helperId}>{`${props.names.get(c.helperId) ?? `#${c.helperId}`} — ${c.score.toFixed(0)}`}</li>
        ))}
      </ol>
    </section>
  );
}

export function WeightsPreview({ weights }: { weights: Record<string, number> }) {
  const [base, setBase] = useState<Sample | null | undefined>(undefined);
  const [tried, setTried] = useState<Candidates['candidates'] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    sample()
      .then(setBase)
      .catch((err: unknown) => setError(errorText(err)));
  }, []);
  const body = JSON.stringify({ weights });
  useEffect(() => {
    if (!base) return;
    let current = true;
    const timer = setTimeout(() => {
      api<Candidates>('POST', `/requests/${base.request.id}/candidates/preview`, JSON.parse(body))
        .then((ranking) => current && setTried(ranking.candidates))
        .catch((err: unknown) => current && setError(errorText(err)));
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [base, body]);

  return (
    <section class="weights-preview" aria-labelledby="weights-preview-title">
      <h2 id="weights-preview-title">{t('settings.previewTitle')}</h2>
      {error ? <p class="error">{error}</p> : null}
      {base === null ? <p class="muted">{t('settings.previewNone')}</p> : null}
      {base ? (
        <>
          <p class="muted">
            {t('settings.previewOf', { id: base.request.id, when: formatWindow(base.request.window) })}
          </p>
          <div class="row" aria-live="polite">
            <Ranked title={t('settings.previewNow')} list={base.now} names={base.names} />
            {tried ? <Ranked title={t('settings.previewTried')} list={tried} names={base.names} /> : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
