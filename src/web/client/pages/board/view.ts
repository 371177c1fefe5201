/** What the board shows of the live state: lanes, filters, names. Plain functions over the store. */
import { type Track, URGENCIES } from '../../../../domain.js';
import type { BoardRequest } from '../../../../board/board.schema.js';
import type { CardView } from '../../components/request-card.js';
import * as store from '../../store.js';
import { localDate } from '../../lib/time.js';
import { t } from '../../lib/i18n.js';

export const LANES = ['open', 'proposed', 'assigned', 'today', 'done'] as const;
export type Lane = (typeof LANES)[number];
export const DAY_FILTERS = ['all', 'today', 'tomorrow', 'week'] as const;
export type DayFilter = (typeof DAY_FILTERS)[number];

export interface Filter {
  track: Track | '';
  area: string;
  day: DayFilter;
}

export function trackOf(request: Pick<BoardRequest, 'skills'>): Track | undefined {
  return store.skills.value.get(request.skills[0] ?? '')?.track;
}

/** The resident's CBS wijk when their address was found, else their town (or postcode digits). */
export function areaOf(resident: store.ResidentCard | undefined): string {
  return resident?.wijk ?? resident?.city ?? resident?.postcode.slice(0, 4) ?? '';
}

export function laneOf(request: BoardRequest, today: string): Lane {
  switch (request.status) {
    case 'open':
      return 'open';
    case 'proposed':
      return 'proposed';
    case 'assigned':
      return localDate(Date.parse(request.scheduled?.start ?? request.window.start)) === today ? 'today' : 'assigned';
    case 'completed':
    case 'cancelled':
      return 'done';
  }
}

const byWindow = (a: BoardRequest, b: BoardRequest) => a.window.start.localeCompare(b.window.start) || a.id - b.id;
const startOf = (r: BoardRequest) => r.scheduled?.start ?? r.window.start;
/** The soonest deadline among a request's live proposals: the one to chase first. */
const deadlineOf = (r: BoardRequest, live: ReadonlyMap<number, readonly store.LiveProposal[]>) =>
  (live.get(r.id) ?? []).reduce((soonest, p) => (p.expiresAt < soonest ? p.expiresAt : soonest), '\uffff');

/**
 * Each lane in the order a dispatcher works it. Open: most urgent first, then the job that starts
 * soonest. Voorgesteld: the proposal whose answer is due first. Toegewezen and Vandaag: by start.
 * Afgerond: the newest change first (its groups, done and cancelled, are drawn apart).
 */
export function sortLane(
  lane: Lane,
  requests: BoardRequest[],
  live: ReadonlyMap<number, readonly store.LiveProposal[]>,
): BoardRequest[] {
  switch (lane) {
    case 'open':
      return requests.sort((a, b) => URGENCIES.indexOf(b.urgency) - URGENCIES.indexOf(a.urgency) || byWindow(a, b));
    case 'proposed':
      return requests.sort((a, b) => deadlineOf(a, live).localeCompare(deadlineOf(b, live)) || byWindow(a, b));
    case 'assigned':
    case 'today':
      return requests.sort((a, b) => startOf(a).localeCompare(startOf(b)) || a.id - b.id);
    case 'done':
      return requests.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id);
  }
}

/** The visible requests of each lane, each lane in its order. */
export function laneContents(
  filter: Filter,
  now: number,
  live: ReadonlyMap<number, readonly store.LiveProposal[]>,
): Map<Lane, BoardRequest[]> {
  const today = localDate(now);
  const byLane = new Map<Lane, BoardRequest[]>(LANES.map((lane) => [lane, []]));
  for (const request of store.requests.value.values()) {
    if (visible(request, filter, now)) byLane.get(laneOf(request, today))!.push(request);
  }
  for (const [lane, requests] of byLane) sortLane(lane, requests, live);
  return byLane;
}

/** Not yet assigned: the requests still waiting for a helper, open or proposed. */
export function oldestWaiting(requests: Iterable<BoardRequest>): BoardRequest | null {
  let oldest: BoardRequest | null = null;
  for (const r of requests) {
    if (r.status !== 'open' && r.status !== 'proposed') continue;
    if (!oldest || r.createdAt < oldest.createdAt || (r.createdAt === oldest.createdAt && r.id < oldest.id)) oldest = r;
  }
  return oldest;
}

function dayMatches(request: BoardRequest, day: DayFilter, now: number): boolean {
  const start = Date.parse(request.scheduled?.start ?? request.window.start);
  const date = localDate(start);
  switch (day) {
    case 'all':
      return true;
    case 'today':
      return date === localDate(now);
    case 'tomorrow':
      return date === localDate(now + 86_400_000);
    case 'week':
      return start < now + 7 * 86_400_000;
  }
}

export function visible(request: BoardRequest, filter: Filter, now: number): boolean {
  const area = areaOf(store.residents.value.get(request.residentId));
  return (
    (!filter.track || trackOf(request) === filter.track) &&
    (!filter.area || area === filter.area) &&
    dayMatches(request, filter.day, now)
  );
}

export function helperName(id: number | null): string {
  return (id !== null && store.helpers.value.get(id)?.name) || `#${id}`;
}

/** Where a helper lives, as the CBS buurt and wijk (never the street), or the postcode digits. */
export function helperArea(id: number): string {
  const helper = store.helpers.value.get(id);
  if (!helper) return '';
  const n = helper.neighbourhood;
  return n?.buurt && n.wijk ? `${n.buurt} (${n.wijk})` : (n?.wijk ?? helper.address?.postcode?.slice(0, 4) ?? '');
}

export function skillLabels(request: Pick<BoardRequest, 'skills'>): string {
  return request.skills.map((code) => store.skills.value.get(code)?.label ?? code).join(', ');
}

/** Live proposals by request, built once per change of the proposals rather than once per card. */
export function liveProposalsByRequest(): Map<number, store.LiveProposal[]> {
  const byRequest = new Map<number, store.LiveProposal[]>();
  for (const p of store.proposals.value.values()) {
    if (p.status !== 'proposed') continue;
    const list = byRequest.get(p.requestId) ?? [];
    list.push(p);
    byRequest.set(p.requestId, list);
  }
  return byRequest;
}

export function cardView(request: BoardRequest, live: readonly store.LiveProposal[] | undefined): CardView {
  const resident = store.residents.value.get(request.residentId);
  const all = [...(live ?? [])].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  const waiting = all.filter((p) => p.agreedAt === null);
  const agreed = all.filter((p) => p.agreedAt !== null);
  return {
    request,
    what: skillLabels(request),
    residentName: resident?.name ?? '',
    area: areaOf(resident),
    waitingFor: waiting[0]
      ? { names: waiting.map((p) => helperName(p.helperId)).join(', '), expiresAt: waiting[0].expiresAt }
      : null,
    agreed: agreed.length ? agreed.map((p) => helperName(p.helperId)).join(', ') : null,
    helperName:
      request.supervisorHelperId === null
        ? helperName(request.helperId)
        : t('card.pair', { learner: helperName(request.helperId), supervisor: helperName(request.supervisorHelperId) }),
    usualHelperName: request.usualHelperId === null ? null : helperName(request.usualHelperId),
  };
}
