/**
 * The five lanes of requests, each in the order its work is done (view.ts), with its count. Each lane
 * scrolls on its own; on a wall screen, whose cards are no buttons, the lane itself takes the focus so a
 * keyboard can scroll it too.
 */
import type { BoardRequest } from '../../../../board/board.schema.js';
import { RequestCard } from '../../components/request-card.js';
import { t } from '../../lib/i18n.js';
import * as store from '../../store.js';
import { cardView, type Lane, LANES } from './view.js';

function Cards(props: {
  requests: readonly BoardRequest[];
  live: ReadonlyMap<number, readonly store.LiveProposal[]>;
  now: number;
  onOpen?: (id: number) => void;
  label?: string;
}) {
  return (
    <ol aria-label={props.label}>
      {props.requests.map((r) => (
        <RequestCard key={r.id} view={cardView(r, props.live.get(r.id))} now={props.now} onOpen={props.onOpen} />
      ))}
    </ol>
  );
}

/** Afgerond holds two kinds of ending: the jobs done, and those cancelled, each newest first. */
function Ended(props: {
  requests: readonly BoardRequest[];
  live: ReadonlyMap<number, readonly store.LiveProposal[]>;
  now: number;
  onOpen?: (id: number) => void;
}) {
  const groups = [
    ['completed', props.requests.filter((r) => r.status === 'completed')],
    ['cancelled', props.requests.filter((r) => r.status === 'cancelled')],
  ] as const;
  return (
    <div class="lane-body" tabIndex={props.onOpen ? undefined : 0}>
      {groups.map(([status, requests]) =>
        requests.length ? (
          <div key={status} class="lane-group" data-group={status}>
            <h3>
              {t(`lane.group.${status}`)} <span class="count">{requests.length}</span>
            </h3>
            <Cards {...props} requests={requests} label={t(`lane.group.${status}`)} />
          </div>
        ) : null,
      )}
    </div>
  );
}

export function Lanes(props: {
  lanes: ReadonlyMap<Lane, BoardRequest[]>;
  live: ReadonlyMap<number, readonly store.LiveProposal[]>;
  now: number;
  /** Opens a request's detail; a wall screen has none. */
  onOpen?: (id: number) => void;
}) {
  return (
    <div class="lanes">
      {LANES.map((lane) => {
        const requests = props.lanes.get(lane)!;
        const title = t(`lane.${lane}`);
        return (
          <section key={lane} class="lane" aria-label={title} data-lane={lane}>
            <h2>
              {title}
              <span class="count">{requests.length}</span>
            </h2>
            {requests.length === 0 ? (
              <p class="muted">{t('lane.empty')}</p>
            ) : lane === 'done' ? (
              <Ended requests={requests} live={props.live} now={props.now} onOpen={props.onOpen} />
            ) : (
              <div class="lane-body" tabIndex={props.onOpen ? undefined : 0}>
                <Cards requests={requests} live={props.live} now={props.now} onOpen={props.onOpen} />
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
