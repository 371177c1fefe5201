/** A request as a card on the board: what, for whom, when, and where it stands. */
import type { BoardRequest } from '../../../board/board.schema.js';
import { t } from '../lib/i18n.js';
import { countdown, formatDay, formatTime } from '../lib/time.js';

export interface CardView {
  request: BoardRequest;
  what: string;
  residentName: string;
  area: string;
  /** Who the live proposals wait for, soonest deadline first. */
  waitingFor: { names: string; expiresAt: string } | null;
  /** The half of a supervised pair who said yes already and waits for the other. */
  agreed: string | null;
  helperName: string;
  /** The resident's usual helper when somebody else got the job: continuity broke. */
  usualHelperName: string | null;
}

export function UrgencyBadge({ urgency }: { urgency: BoardRequest['urgency'] }) {
  return (
    <span class="badge" data-urgency={urgency}>
      {t(`urgency.${urgency}`)}
    </span>
  );
}

function status(view: CardView, now: number) {
  const { request } = view;
  if (request.status === 'proposed' && view.waitingFor) {
    const left = countdown(view.waitingFor.expiresAt, now);
    // The time alone is kept on one line; the words around it wrap in a narrow lane.
    const [before, after] = t('card.answerIn', { time: '\u0000' }).split('\u0000');
    return (
      <>
        <span class="line3">{t('card.waitingFor', { name: view.waitingFor.names })}</span>
        {view.agreed ? <span class="line3 agreed">{t('card.agreed', { name: view.agreed })}</span> : null}
        <span class="line3 answer">
          {left ? (
            <>
              {before}
              <span class="countdown">{left}</span>
              {after}
            </>
          ) : (
            t('card.expired')
          )}
        </span>
      </>
    );
  }
  if (request.status === 'assigned' || request.status === 'completed')
    return <span class="line3">{t('card.by', { name: view.helperName })}</span>;
  if (request.status === 'cancelled') return <span class="line3">{t('card.cancelled')}</span>;
  return null;
}

/** A card opens its request's detail when `onOpen` is given; on a wall screen it is only read. */
export function RequestCard({ view, now, onOpen }: { view: CardView; now: number; onOpen?: (id: number) => void }) {
  const { request } = view;
  const when = request.scheduled ?? request.window;
  const content = (
    <>
      <span class="line1">
        <span>{view.what}</span>
        <UrgencyBadge urgency={request.urgency} />
      </span>
      <span class="line2">{`${view.residentName} · ${view.area}`}</span>
      <span class="line3">
        {`${formatDay(when.start)} ${formatTime(when.start)}–${formatTime(when.end)}`}
        {request.seriesId === null ? '' : ` · ${t('card.regular')}`}
      </span>
      {status(view, now)}
      {request.overridden ? <span class="line3 flag">{t('card.overridden')}</span> : null}
      {view.usualHelperName !== null && (request.status === 'assigned' || request.status === 'completed') ? (
        <span class="line3 flag">{t('card.notUsual', { name: view.usualHelperName })}</span>
      ) : null}
      {request.status === 'open' && request.needsDispatcher ? (
        <span class="line3 flag">{t('board.needsDispatcher')}</span>
      ) : null}
    </>
  );
  const data = { class: 'request-card', 'data-urgency': request.urgency, 'data-request-id': request.id };
  return (
    <li>
      {onOpen ? (
        <button type="button" {...data} onClick={() => onOpen(request.id)}>
          {content}
        </button>
      ) : (
        <div {...data}>{content}</div>
      )}
    </li>
  );
}
