/**
 * The board as a map: open requests, proposals and today's jobs at the residents' homes, coloured by
 * urgency, and on demand the helpers' homes. A click opens the request's card; the store keeps it live.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Urgency } from '../../../../domain.js';
import { type MapPoint, PointMap } from '../../components/map.js';
import { t, type TextKey } from '../../lib/i18n.js';
import { localDate } from '../../lib/time.js';
import * as store from '../../store.js';
import { areaOf, type Filter, laneOf, skillLabels, visible } from './view.js';

export const URGENCY_COLOURS: Record<Urgency, string> = {
  urgent: '#c62828',
  high: '#ef6c00',
  normal: '#1f5fa8',
  low: '#78909c',
};
const HELPER_COLOUR = '#2e7d32';
const ON_THE_MAP = new Set(['open', 'proposed', 'today']);

export function BoardMap({ filter, onOpen }: { filter: Filter; onOpen: (id: number) => void }) {
  const [homes, setHomes] = useState(false);
  const now = store.now.value;
  const requests = store.requests.value;
  const residents = store.residents.value;
  const helpers = store.helpers.value;
  const today = localDate(now);
  const points = useMemo(() => {
    const shown: MapPoint[] = [];
    for (const r of requests.values()) {
      if (!ON_THE_MAP.has(laneOf(r, today)) || !visible(r, filter, now)) continue;
      const resident = residents.get(r.residentId);
      shown.push({
        id: `r${r.id}`,
        lat: r.location.lat,
        lon: r.location.lon,
        color: URGENCY_COLOURS[r.urgency],
        title: `${skillLabels(r)} · ${resident?.name ?? ''} · ${t(`urgency.${r.urgency}` as TextKey)}`,
        area: resident?.buurt ?? areaOf(resident),
        onClick: () => onOpen(r.id),
      });
    }
    if (homes) {
      for (const h of helpers.values())
        shown.push({
          id: `h${h.id}`,
          lat: h.location.lat,
          lon: h.location.lon,
          color: HELPER_COLOUR,
          title: h.name,
          area: h.neighbourhood?.buurt ?? null,
        });
    }
    return shown;
  }, [requests, residents, helpers, homes, filter, today]);

  return (
    <section class="board-map" aria-label={t('board.map')}>
      <div class="map-tools">
        <label>
          <input type="checkbox" checked={homes} onChange={(e) => setHomes(e.currentTarget.checked)} />{' '}
          {t('board.helperHomes')}
        </label>
        <ul class="map-legend">
          {(Object.keys(URGENCY_COLOURS) as Urgency[]).map((u) => (
            <li key={u}>
              <span class="dot" style={{ background: URGENCY_COLOURS[u] }} /> {t(`urgency.${u}` as TextKey)}
            </li>
          ))}
        </ul>
      </div>
      <PointMap label={t('board.mapLabel')} height={640} points={points} />
    </section>
  );
}
