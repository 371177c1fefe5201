/**
 * The board's header row, readable across a room: how many requests each lane holds, and the request
 * that has waited longest for a helper (open or proposed), with how long it has waited.
 */
import type { BoardRequest } from '../../../../board/board.schema.js';
import { t } from '../../lib/i18n.js';
import { elapsed } from '../../lib/time.js';
import * as store from '../../store.js';
import { type Lane, LANES, oldestWaiting, skillLabels } from './view.js';

export function Summary(props: {
  lanes: ReadonlyMap<Lane, BoardRequest[]>;
  now: number;
  onOpen?: (id: number) => void;
}) {
  const oldest = oldestWaiting([...props.lanes.get('open')!, ...props.lanes.get('proposed')!]);
  const resident = oldest ? store.residents.value.get(oldest.residentId) : undefined;
  const what = oldest ? `${skillLabels(oldest)} · ${resident?.name ?? ''}` : '';
  return (
    <section class="board-summary" aria-label={t('board.summary')}>
      <dl class="lane-counts">
        {LANES.map((lane) => (
          <div key={lane} data-lane-count={lane}>
            <dt>{t(`lane.${lane}`)}</dt>
            <dd>{props.lanes.get(lane)!.length}</dd>
          </div>
        ))}
      </dl>
      <p class="oldest" data-oldest={oldest?.id}>
        <strong>{t('board.oldest')}</strong>{' '}
        {oldest ? (
          <>
            {props.onOpen ? (
              <button type="button" class="link" onClick={() => props.onOpen!(oldest.id)}>
                {what}
              </button>
            ) : (
              what
            )}{' '}
            <span class="waited" data-urgency={oldest.urgency}>
              {t('board.waiting', { time: elapsed(oldest.createdAt, props.now) })}
            </span>
          </>
        ) : (
          t('board.noneWaiting')
        )}
      </p>
    </section>
  );
}
