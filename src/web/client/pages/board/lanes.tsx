/** The five lanes of requests, each in window order, with its count. */
import type { HelpRequest } from '../../../../requests/requests.schema.js';
import { RequestCard } from '../../components/request-card.js';
import { t } from '../../lib/i18n.js';
import { localDate } from '../../lib/time.js';
import * as store from '../../store.js';
import { cardView, type Filter, type Lane, LANES, laneOf, liveProposalsByRequest, visible } from './view.js';

export function Lanes({ filter, onOpen }: { filter: Filter; onOpen: (id: number) => void }) {
  const now = store.now.value;
  const today = localDate(now);
  const live = liveProposalsByRequest();
  const byLane = new Map<Lane, HelpRequest[]>(LANES.map((lane) => [lane, []]));
  for (const request of store.requests.value.values()) {
    if (visible(request, filter, now)) byLane.get(laneOf(request, today))!.push(request);
  }
  return (
    <div class="lanes">
      {LANES.map((lane) => {
        const requests = byLane.get(lane)!.sort((a, b) => a.window.start.localeCompare(b.window.start) || a.id - b.id);
        const title = t(`lane.${lane}`);
        return (
          <section key={lane} class="lane" aria-label={title} data-lane={lane}>
            <h2>
              {title}
              <span class="count">{requests.length}</span>
            </h2>
            {requests.length ? (
              <ol>
                {requests.map((r) => (
                  <RequestCard key={r.id} view={cardView(r, live.get(r.id))} now={now} onOpen={onOpen} />
                ))}
              </ol>
            ) : (
              <p class="muted">{t('lane.empty')}</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
