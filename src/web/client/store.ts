/**
 * The board's live state, in one place: the snapshot from `GET /board`, then every committed event over
 * the `/board` socket in seq order. A reconnecting board sends the last seq it applied, so nothing is
 * missed and nothing is applied twice. Components read the signals; only this file writes them.
 */
import { batch, signal } from '@preact/signals';
import { io } from 'socket.io-client';
import type { Board, BoardRequest } from '../../board/board.schema.js';
import type { AppEvent, ProposalEventData, RequestEventData } from '../../events/events.types.js';
import type { Helper } from '../../helpers/helpers.schema.js';
import type { Proposal } from '../../proposals/proposals.schema.js';
import type { HelpRequest } from '../../requests/requests.schema.js';
import type { Resident } from '../../residents/residents.schema.js';
import type { Skill } from './components/skill-picker.js';
import { api } from './lib/api.js';

export type BoardHelper = Board['helpers'][number];
export type ResidentCard = Board['residents'][number];
export type LiveProposal = Pick<
  Proposal,
  'id' | 'requestId' | 'helperId' | 'status' | 'score' | 'expiresAt' | 'agreedAt'
>;
export type Connection = 'connecting' | 'live' | 'offline';

/** Countdowns and "today" move on with the clock; a quarter of a minute is fine enough for a wall screen. */
const TICK_MS = 15_000;

export const requests = signal<ReadonlyMap<number, BoardRequest>>(new Map());
export const proposals = signal<ReadonlyMap<number, LiveProposal>>(new Map());
export const helpers = signal<ReadonlyMap<number, BoardHelper>>(new Map());
export const residents = signal<ReadonlyMap<number, ResidentCard>>(new Map());
export const skills = signal<ReadonlyMap<string, Skill>>(new Map());
export const closedDays = signal<Board['closedDays']>([]);
export const connection = signal<Connection>('connecting');
/** The newest event applied: an open request's detail loads again when one concerns it. */
export const lastEvent = signal<AppEvent | null>(null);
export const now = signal(Date.now());

let seq = 0;

function put<K, V>(map: { value: ReadonlyMap<K, V> }, key: K, value: V): void {
  map.value = new Map(map.value).set(key, value);
}

/** A request read in full, as the board holds it: the office's free texts stay with the detail that read them. */
function onBoard(request: HelpRequest): BoardRequest {
  const { cancelReason: _cancel, overrideReason, completionNote: _note, ...card } = request;
  return { ...card, overridden: overrideReason !== null };
}

const byId = <T extends { id: number }>(rows: readonly T[]) => new Map(rows.map((row) => [row.id, row]));

/** The snapshot: everything on the board now, and the seq to follow from. */
export async function loadBoard(): Promise<void> {
  const [catalogue, board] = await Promise.all([api<Skill[]>('GET', '/skills'), api<Board>('GET', '/board')]);
  batch(() => {
    skills.value = new Map(catalogue.map((skill) => [skill.code, skill]));
    requests.value = byId(board.requests);
    proposals.value = byId(board.proposals);
    helpers.value = byId(board.helpers);
    residents.value = byId(board.residents);
    closedDays.value = board.closedDays;
    seq = board.seq;
  });
}

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
    if (!residents.value.has(request.residentId)) {
      const r = await api<Resident>('GET', `/residents/${request.residentId}`);
      put(residents, r.id, {
        id: r.id,
        name: r.name,
        postcode: r.address.postcode,
        city: r.address.city,
        wijk: r.neighbourhood?.wijk ?? null,
        buurt: r.neighbourhood?.buurt ?? null,
      });
    }
    put(requests, id, onBoard(request));
  })()
    .catch(() => undefined)
    .finally(() => {
      loading.delete(id);
      if (stale.delete(id)) refreshRequest(id);
    });
}

/** A request as the detail just read it: the card follows at once. */
export function knownRequest(request: HelpRequest): void {
  put(requests, request.id, onBoard(request));
}

function refreshHelper(id: number): void {
  void api<Helper>('GET', `/helpers/${id}`)
    .then((helper) => put(helpers, id, { ...helper, hoursThisWeek: helpers.value.get(id)?.hoursThisWeek ?? 0 }))
    .catch(() => undefined);
}

async function refreshClosedDays(): Promise<void> {
  closedDays.value = (await api<Board>('GET', '/board')).closedDays;
}

function apply(event: AppEvent): void {
  if (event.seq <= seq) return;
  seq = event.seq;
  batch(() => {
    if (event.type.startsWith('proposal.')) {
      const data = event.data as ProposalEventData;
      put(proposals, data.proposalId, {
        id: data.proposalId,
        requestId: data.requestId,
        helperId: data.helperId,
        status: data.status,
        score: data.score,
        expiresAt: data.expiresAt,
        // A pair's half who said yes waits for the other; the event's time is when they said it.
        agreedAt:
          event.type === 'proposal.agreed' ? event.at : (proposals.value.get(data.proposalId)?.agreedAt ?? null),
      });
    } else if (event.type.startsWith('request.')) {
      const data = event.data as RequestEventData & { hours?: number };
      const known = requests.value.get(data.requestId);
      if (known) {
        put(requests, data.requestId, {
          ...known,
          status: data.status,
          urgency: data.urgency,
          helperId: data.helperId,
        });
      }
      if (event.type === 'request.completed' && data.helperId !== null && data.hours) {
        const helper = helpers.value.get(data.helperId);
        if (helper) put(helpers, helper.id, { ...helper, hoursThisWeek: helper.hoursThisWeek + data.hours });
      }
      refreshRequest(data.requestId);
    } else if (event.type === 'helper.created' || event.type === 'helper.updated') {
      refreshHelper((event.data as { helperId: number }).helperId);
    } else if (event.type.startsWith('closure.')) {
      void refreshClosedDays().catch(() => undefined);
    }
    lastEvent.value = event;
  });
}

/** Follows the board's events from the snapshot's seq; keeps `connection` saying how the line is. */
export function connectBoard(): void {
  const socket = io('/board', {
    auth: (send) => send({ afterSeq: seq, batch: true }),
    withCredentials: true,
    transports: ['websocket', 'polling'],
  });
  socket.on('connect', () => (connection.value = 'live'));
  socket.on('disconnect', () => (connection.value = 'offline'));
  socket.io.on('reconnect_attempt', () => (connection.value = 'connecting'));
  socket.on('connect_error', () => (connection.value = 'offline'));
  // A board asks for batches (one frame per server tick); a single `event` is applied the same way.
  socket.on('events', (events: AppEvent[]) => batch(() => events.forEach(apply)));
  socket.on('event', apply);
  setInterval(() => (now.value = Date.now()), TICK_MS);
}
