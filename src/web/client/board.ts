/**
 * The live board: the snapshot from `GET /board`, then every committed event over the `/board`
 * socket in seq order. A reconnecting board sends the last seq it applied, so nothing is missed and
 * nothing is applied twice.
 */
import { io } from 'socket.io-client';
import type { Board } from '../../board/board.schema.js';
import type { Candidates } from '../../candidates/candidates.schema.js';
import { TRACKS, type Track } from '../../domain.js';
import type { AppEvent, ProposalEventData, RequestEventData } from '../../events/events.types.js';
import type { Helper } from '../../helpers/helpers.schema.js';
import type { Proposal } from '../../proposals/proposals.schema.js';
import type { HelpRequest } from '../../requests/requests.schema.js';
import type { Resident } from '../../residents/residents.schema.js';
import type { TextKey } from '../i18n.js';
import {
  api,
  countdown,
  errorText,
  formatDay,
  formatTime,
  formatWindow,
  h,
  localDate,
  page,
  staffUser,
  reasonSummary,
  t,
} from './common.js';

type BoardHelper = Board['helpers'][number];
type ResidentCard = Board['residents'][number];
type LiveProposal = Pick<Proposal, 'id' | 'requestId' | 'helperId' | 'status' | 'score' | 'expiresAt'>;
interface Skill {
  code: string;
  track: Track;
  label: string;
}

const LANES = ['open', 'proposed', 'assigned', 'today', 'done'] as const;
type Lane = (typeof LANES)[number];
const DAY_FILTERS = ['all', 'today', 'tomorrow', 'week'] as const;
const MAY_ASSIGN = staffUser().role !== 'intake';

const state = {
  seq: 0,
  requests: new Map<number, HelpRequest>(),
  proposals: new Map<number, LiveProposal>(),
  helpers: new Map<number, BoardHelper>(),
  residents: new Map<number, ResidentCard>(),
  closedDays: [] as Board['closedDays'],
  skills: new Map<string, Skill>(),
  filter: { track: '', area: '', day: 'all' as (typeof DAY_FILTERS)[number] },
  openRequestId: null as number | null,
};

const app = document.getElementById('app')!;
const connection = document.getElementById('connection')!;
const lanesEl = h('div', { class: 'lanes' });
const sideEl = h('aside', { class: 'side', 'aria-labelledby': 'side-title' });
const noticeEl = h('p', { role: 'status', 'aria-live': 'polite', class: 'muted' });
const closedEl = h('p', { class: 'closed-banner', hidden: true });
const dialog = h('dialog', { 'aria-labelledby': 'detail-title' });

// ——— what a request looks like on the board

function trackOf(request: HelpRequest): Track | undefined {
  return state.skills.get(request.skills[0] ?? '')?.track;
}

function areaOf(request: HelpRequest): string {
  const resident = state.residents.get(request.residentId);
  return resident?.city ?? resident?.postcode.slice(0, 4) ?? '';
}

function laneOf(request: HelpRequest, today: string): Lane {
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

function dayMatches(request: HelpRequest, now: number): boolean {
  const start = Date.parse(request.scheduled?.start ?? request.window.start);
  const day = localDate(start);
  switch (state.filter.day) {
    case 'all':
      return true;
    case 'today':
      return day === localDate(now);
    case 'tomorrow':
      return day === localDate(now + 86_400_000);
    case 'week':
      return start < now + 7 * 86_400_000;
  }
}

function visible(request: HelpRequest, now: number): boolean {
  const { track, area } = state.filter;
  return (!track || trackOf(request) === track) && (!area || areaOf(request) === area) && dayMatches(request, now);
}

function liveProposalsOf(requestId: number): LiveProposal[] {
  return [...state.proposals.values()].filter((p) => p.requestId === requestId && p.status === 'proposed');
}

function helperName(id: number | null): string {
  return (id !== null && state.helpers.get(id)?.name) || `#${id}`;
}

function skillLabels(request: HelpRequest): string {
  return request.skills.map((code) => state.skills.get(code)?.label ?? code).join(', ');
}

function card(request: HelpRequest, now: number): HTMLElement {
  const resident = state.residents.get(request.residentId);
  let status: Node | string = '';
  if (request.status === 'proposed') {
    const live = liveProposalsOf(request.id).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
    const first = live[0];
    if (first) {
      const left = countdown(first.expiresAt, now);
      status = h(
        'span',
        {},
        t('card.waitingFor', { name: live.map((p) => helperName(p.helperId)).join(', ') }),
        ' · ',
        h('span', { class: 'countdown' }, left ? t('card.answerIn', { time: left }) : t('card.expired')),
      );
    }
  } else if (request.status === 'assigned' || request.status === 'completed') {
    status = t('card.by', { name: helperName(request.helperId) });
  } else if (request.status === 'cancelled') {
    status = t('card.cancelled');
  }
  const when = request.scheduled ?? request.window;
  return h(
    'li',
    {},
    h(
      'button',
      {
        class: 'request-card',
        'data-urgency': request.urgency,
        'data-request-id': request.id,
        onclick: () => void openDetail(request.id),
      },
      h(
        'span',
        { class: 'line1' },
        h('span', {}, skillLabels(request)),
        h('span', { class: 'badge', 'data-urgency': request.urgency }, t(`urgency.${request.urgency}` as TextKey)),
      ),
      h('span', { class: 'line2', style: 'display:block' }, `${resident?.name ?? ''} · ${areaOf(request)}`),
      h(
        'span',
        { class: 'line3', style: 'display:block' },
        `${formatDay(when.start)} ${formatTime(when.start)}–${formatTime(when.end)}`,
        request.seriesId === null ? '' : ` · ${t('card.regular')}`,
      ),
      status ? h('span', { class: 'line3', style: 'display:block' }, status) : null,
      request.status === 'open' && request.needsDispatcher
        ? h('span', { class: 'line3 flag', style: 'display:block' }, t('board.needsDispatcher'))
        : null,
    ),
  );
}

// ——— rendering

function renderLanes(): void {
  const now = Date.now();
  const today = localDate(now);
  const byLane = new Map<Lane, HelpRequest[]>(LANES.map((lane) => [lane, []]));
  for (const request of state.requests.values()) {
    if (visible(request, now)) byLane.get(laneOf(request, today))!.push(request);
  }
  lanesEl.replaceChildren(
    ...LANES.map((lane) => {
      const requests = byLane.get(lane)!.sort((a, b) => a.window.start.localeCompare(b.window.start) || a.id - b.id);
      const title = t(`lane.${lane}`);
      return h(
        'section',
        { class: 'lane', 'aria-label': title, 'data-lane': lane },
        h('h2', {}, title, h('span', { class: 'count' }, String(requests.length))),
        requests.length
          ? h('ol', {}, ...requests.map((r) => card(r, now)))
          : h('p', { class: 'muted' }, t('lane.empty')),
      );
    }),
  );
}

/** Helpers whose week has a slot today and who are not absent, with their hours so far this week. */
function renderSide(): void {
  const now = Date.now();
  const today = localDate(now);
  const weekday = ((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const available = [...state.helpers.values()]
    .filter((helper) => helper.active && !helper.absences.some((a) => a.from <= today && today <= a.to))
    .map((helper) => ({ helper, slots: helper.availability.filter((slot) => slot.weekday === weekday) }))
    .filter(({ slots }) => slots.length > 0)
    .sort((a, b) => a.helper.name.localeCompare(b.helper.name));
  sideEl.replaceChildren(
    h(
      'h2',
      { id: 'side-title' },
      t('board.helpersToday'),
      ' ',
      h('span', { class: 'muted' }, String(available.length)),
    ),
    available.length
      ? h(
          'ul',
          {},
          ...available.map(({ helper, slots }) =>
            h(
              'li',
              {},
              h(
                'span',
                {},
                helper.name,
                h('br'),
                h('small', { class: 'muted' }, slots.map((s) => `${s.start}–${s.end}`).join(', ')),
              ),
              h('small', {}, t('board.hoursWeek', { hours: helper.hoursThisWeek.toFixed(1).replace('.0', '') })),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('board.noneToday')),
  );
}

/** Closed days ahead, consecutive days with one reason as one period: "Gesloten: Zomersluiting 14 jul – 2 sep". */
function renderClosed(): void {
  const periods: Array<{ from: string; to: string; reason: string }> = [];
  for (const day of state.closedDays) {
    const last = periods.at(-1);
    const next = new Date(`${last?.to}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    if (last && last.reason === day.reason && next.toISOString().startsWith(day.date)) last.to = day.date;
    else periods.push({ from: day.date, to: day.date, reason: day.reason });
  }
  const dayText = (date: string) => formatDay(`${date}T12:00:00Z`);
  closedEl.hidden = periods.length === 0;
  closedEl.replaceChildren(
    h('strong', {}, t('board.closed')),
    ' ',
    periods.map((p) => `${p.reason} ${dayText(p.from)}${p.to === p.from ? '' : ` – ${dayText(p.to)}`}`).join(' · '),
  );
}

async function refreshClosedDays(): Promise<void> {
  state.closedDays = (await api<Board>('GET', '/board')).closedDays;
  renderClosed();
}

let frame = 0;
function render(): void {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    renderLanes();
    renderSide();
  });
}

function select(label: string, options: Array<[string, string]>, value: string, onchange: (v: string) => void) {
  const id = `filter-${label}`;
  const el = h('select', { id, onchange: (e: Event) => onchange((e.target as HTMLSelectElement).value) });
  for (const [v, text] of options) el.append(h('option', { value: v, selected: v === value }, text));
  return h('div', {}, h('label', { for: id }, t(`filter.${label}` as TextKey)), el);
}

function renderTools(): HTMLElement {
  const areas = [...new Set([...state.residents.values()].map((r) => r.city ?? r.postcode.slice(0, 4)))].sort();
  const round = h('button', { class: 'primary', onclick: () => void runRound(round) }, t('board.round'));
  return h(
    'div',
    { class: 'board-tools' },
    select(
      'track',
      [['', t('filter.all')], ...TRACKS.map((tr): [string, string] => [tr, t(`track.${tr}`)])],
      state.filter.track,
      (v) => {
        state.filter.track = v;
        render();
      },
    ),
    select('area', [['', t('filter.all')], ...areas.map((a): [string, string] => [a, a])], state.filter.area, (v) => {
      state.filter.area = v;
      render();
    }),
    select(
      'day',
      DAY_FILTERS.map((d): [string, string] => [d, t(`filter.${d}` as TextKey)]),
      state.filter.day,
      (v) => {
        state.filter.day = v as (typeof DAY_FILTERS)[number];
        render();
      },
    ),
    h('span', { class: 'spacer' }),
    noticeEl,
    MAY_ASSIGN ? round : null,
  );
}

async function runRound(button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const result = await api<{ proposals: unknown[] }>('POST', '/matching/run', {});
    noticeEl.textContent = t('board.roundDone', { count: result.proposals.length });
  } catch (err) {
    noticeEl.textContent = errorText(err);
  } finally {
    button.disabled = false;
  }
}

// ——— the request's detail: candidates, reasons, actions

function breakdownText(breakdown: Candidates['candidates'][number]['breakdown']): HTMLElement {
  return h(
    'span',
    { class: 'breakdown' },
    ...Object.entries(breakdown).map(([criterion, part]) =>
      h('span', {}, `${t(`criterion.${criterion}` as TextKey)} ${part.points.toFixed(0)}`),
    ),
  );
}

async function act(run: () => Promise<unknown>, message: HTMLElement): Promise<void> {
  message.textContent = '';
  try {
    await run();
    if (state.openRequestId !== null) await openDetail(state.openRequestId);
  } catch (err) {
    message.textContent = errorText(err);
    message.className = 'error';
  }
}

async function openDetail(requestId: number): Promise<void> {
  state.openRequestId = requestId;
  const [request, ranking, proposals] = await Promise.all([
    api<HelpRequest>('GET', `/requests/${requestId}`),
    api<Candidates>('GET', `/requests/${requestId}/candidates`),
    api<Proposal[]>('GET', `/requests/${requestId}/proposals`),
  ]);
  state.requests.set(request.id, request);
  const resident = state.residents.get(request.residentId);
  const message = h('p', { role: 'alert' });
  const live = request.status === 'open' || request.status === 'proposed';
  const proposedTo = new Set(proposals.filter((p) => p.status === 'proposed').map((p) => p.helperId));
  const why = reasonSummary(ranking.excluded);

  const candidateRows = ranking.candidates.slice(0, 10).map((c) =>
    h(
      'tr',
      {},
      h('td', {}, helperName(c.helperId), h('br'), breakdownText(c.breakdown)),
      h('td', { class: 'num' }, c.score.toFixed(0)),
      h('td', { class: 'num' }, `${c.distanceKm.toFixed(1)} km`),
      h('td', {}, formatTime(c.start)),
      h(
        'td',
        { class: 'actions' },
        live && !proposedTo.has(c.helperId)
          ? h(
              'button',
              {
                onclick: () =>
                  void act(() => api('POST', `/requests/${requestId}/proposals`, { helperId: c.helperId }), message),
              },
              t('detail.propose'),
            )
          : null,
        live && MAY_ASSIGN
          ? h(
              'button',
              {
                onclick: () => {
                  if (confirm(t('detail.assignConfirm', { name: helperName(c.helperId) })))
                    void act(() => api('POST', `/requests/${requestId}/assign`, { helperId: c.helperId }), message);
                },
              },
              t('detail.assign'),
            )
          : null,
      ),
    ),
  );

  const reason = h('input', { id: 'cancel-reason', required: true, maxlength: 500 });
  const cancelForm = h(
    'form',
    {
      class: 'cancel-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void act(() => api('POST', `/requests/${requestId}/cancel`, { reason: reason.value }), message);
      },
    },
    h('div', {}, h('label', { for: 'cancel-reason' }, t('detail.cancelReason')), reason),
    h('button', { type: 'submit', class: 'danger' }, t('detail.cancel')),
  );

  dialog.replaceChildren(
    h(
      'div',
      { class: 'dialog-body' },
      h(
        'div',
        { class: 'dialog-head' },
        h('h2', { id: 'detail-title' }, t('detail.title', { id: request.id })),
        h('button', { onclick: () => dialog.close() }, t('detail.close')),
      ),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, t('detail.resident')),
        h('dd', {}, `${resident?.name ?? ''} · ${resident?.postcode ?? ''} ${resident?.city ?? ''}`),
        h('dt', {}, t('detail.what')),
        h(
          'dd',
          {},
          skillLabels(request),
          ' ',
          h('span', { class: 'badge', 'data-urgency': request.urgency }, t(`urgency.${request.urgency}` as TextKey)),
        ),
        h('dt', {}, t('detail.when')),
        h('dd', {}, formatWindow(request.scheduled ?? request.window), ` (${request.durationMinutes} min)`),
        h('dt', {}, t('detail.status')),
        h(
          'dd',
          {},
          t(`status.${request.status}` as TextKey),
          request.helperId ? ` · ${helperName(request.helperId)}` : '',
        ),
        request.description ? h('dt', {}, t('detail.note')) : null,
        request.description ? h('dd', {}, request.description) : null,
      ),
      message,
      proposals.length
        ? h(
            'section',
            {},
            h('h3', {}, t('detail.proposals')),
            h(
              'ul',
              {},
              ...proposals.map((p) =>
                h(
                  'li',
                  {},
                  `${helperName(p.helperId)}: ${t(`proposal.${p.status}` as TextKey)}`,
                  p.declineReason ? ` (${p.declineReason})` : '',
                ),
              ),
            ),
          )
        : null,
      live
        ? h(
            'section',
            {},
            h('h3', {}, t('detail.candidates')),
            ranking.candidates.length
              ? h(
                  'table',
                  {},
                  h(
                    'thead',
                    {},
                    h(
                      'tr',
                      {},
                      h('th', {}, t('nav.helpers')),
                      h('th', { class: 'num' }, t('detail.score')),
                      h('th', { class: 'num' }, t('detail.distance')),
                      h('th', {}, t('detail.when')),
                      h('th', {}, ''),
                    ),
                  ),
                  h('tbody', {}, ...candidateRows),
                )
              : h('p', { class: 'error' }, t('detail.noCandidates')),
            why ? h('p', { class: 'why' }, t('detail.why', { reasons: why })) : null,
          )
        : null,
      request.status !== 'completed' && request.status !== 'cancelled' ? cancelForm : null,
    ),
  );
  if (!dialog.open) dialog.showModal();
}

// ——— applying events

const loading = new Set<number>();
const stale = new Set<number>();

/**
 * The event says what changed; the card needs the whole request (and its resident). A change that
 * arrives while the request is loading loads it once more afterwards, so the card never goes back.
 */
function refreshRequest(id: number): void {
  if (loading.has(id)) {
    stale.add(id);
    return;
  }
  loading.add(id);
  void (async () => {
    const request = await api<HelpRequest>('GET', `/requests/${id}`);
    if (!state.residents.has(request.residentId)) {
      const r = await api<Resident>('GET', `/residents/${request.residentId}`);
      state.residents.set(r.id, { id: r.id, name: r.name, postcode: r.address.postcode, city: r.address.city });
    }
    state.requests.set(id, request);
    render();
  })()
    .catch(() => undefined)
    .finally(() => {
      loading.delete(id);
      if (stale.delete(id)) refreshRequest(id);
    });
}

function refreshHelper(id: number): void {
  void api<Helper>('GET', `/helpers/${id}`)
    .then((helper) => {
      state.helpers.set(id, { ...helper, hoursThisWeek: state.helpers.get(id)?.hoursThisWeek ?? 0 });
      render();
    })
    .catch(() => undefined);
}

function apply(event: AppEvent): void {
  if (event.seq <= state.seq) return;
  state.seq = event.seq;
  if (event.type.startsWith('proposal.')) {
    const data = event.data as ProposalEventData;
    state.proposals.set(data.proposalId, {
      id: data.proposalId,
      requestId: data.requestId,
      helperId: data.helperId,
      status: data.status,
      score: data.score,
      expiresAt: data.expiresAt,
    });
  } else if (event.type.startsWith('request.')) {
    const data = event.data as RequestEventData & { hours?: number };
    const known = state.requests.get(data.requestId);
    if (known) {
      state.requests.set(data.requestId, {
        ...known,
        status: data.status,
        urgency: data.urgency,
        helperId: data.helperId,
      });
    }
    if (event.type === 'request.completed' && data.helperId !== null && data.hours) {
      const helper = state.helpers.get(data.helperId);
      if (helper) helper.hoursThisWeek += data.hours;
    }
    refreshRequest(data.requestId);
  } else if (event.type === 'helper.created' || event.type === 'helper.updated') {
    refreshHelper((event.data as { helperId: number }).helperId);
  } else if (event.type.startsWith('closure.')) {
    void refreshClosedDays().catch(() => undefined);
  }
  render();
  if (
    state.openRequestId !== null &&
    dialog.open &&
    (event.data as { requestId?: number }).requestId === state.openRequestId
  ) {
    void openDetail(state.openRequestId);
  }
}

function setConnection(key: 'conn.live' | 'conn.connecting' | 'conn.offline'): void {
  connection.textContent = t(key);
  connection.dataset.state = key.slice(5);
}

// ——— start

async function start(): Promise<void> {
  setConnection('conn.connecting');
  const [skills, board] = await Promise.all([api<Skill[]>('GET', '/skills'), api<Board>('GET', '/board')]);
  for (const skill of skills) state.skills.set(skill.code, skill);
  for (const r of board.requests) state.requests.set(r.id, r);
  for (const p of board.proposals) state.proposals.set(p.id, p);
  for (const helper of board.helpers) state.helpers.set(helper.id, helper);
  for (const resident of board.residents) state.residents.set(resident.id, resident);
  state.closedDays = board.closedDays;
  state.seq = board.seq;

  app.replaceChildren(
    h('h1', { class: 'sr-only' }, t('nav.board')),
    closedEl,
    renderTools(),
    h('div', { class: 'board' }, lanesEl, sideEl),
    dialog,
  );
  dialog.addEventListener('close', () => (state.openRequestId = null));
  renderClosed();
  render();

  const socket = io('/board', {
    auth: (send) => send({ afterSeq: state.seq }),
    withCredentials: true,
    transports: ['websocket', 'polling'],
  });
  socket.on('connect', () => setConnection('conn.live'));
  socket.on('disconnect', () => setConnection('conn.offline'));
  socket.io.on('reconnect_attempt', () => setConnection('conn.connecting'));
  socket.on('connect_error', () => setConnection('conn.offline'));
  socket.on('event', apply);
  setInterval(render, 15_000);
}

void start().catch((err: unknown) => {
  app.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)));
});
