import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { AuthService } from '../auth/auth.service.js';
import type { BoardService } from '../board/board.service.js';
import type { EventBus } from '../events/event-bus.js';
import type { AppEvent, EventType } from '../events/events.types.js';
import { originAllowed, sessionToken } from '../http/session.js';
import type { Logger } from '../logger.js';
import { validationError } from '../http/validation.js';
import type { ErrorBody } from '../errors.js';
import { STAFF_ROLES } from '../domain.js';

/** What a board may send: nothing bigger than a resume. */
const MAX_MESSAGE_BYTES = 16 * 1024;
/** Flood control per socket: a bucket of messages, refilled every second. */
const BURST = 20;
const PER_SECOND = 10;
/** Catch-up reads this many events at a time. */
const PAGE = 500;

const Handshake = z.object({
  token: z.string().min(1).max(200).optional(),
  afterSeq: z.number().int().min(0).optional(),
  /** The board takes `events` frames (an array of events, in seq order) instead of one `event` each. */
  batch: z.boolean().optional(),
});
/** The room of boards that asked for batches. */
const BATCHED = 'batched';
/** Events after which some board's session may have ended. */
const SESSION_EVENTS: ReadonlySet<EventType> = new Set(['user.updated', 'user.logged-out']);

const Resume = z.strictObject({ afterSeq: z.number().int().min(0) });

export interface BoardSocketOptions {
  auth: AuthService;
  board: BoardService;
  bus: EventBus;
  allowedOrigins: readonly string[];
  logger: Logger;
  /** How often to look for events committed by another process on the same file. */
  pollMs?: number;
  /** How often to check that every connected board's session is still valid. */
  recheckMs?: number;
}

/**
 * All a board keeps on the server besides socket.io's own state: the token for `recheckSessions` and its
 * flood bucket. Kept here rather than in closures per socket, which would cost a closure, its context and
 * a listener array for every board.
 */
interface BoardData {
  token: string;
  /** Messages the board may still send now; refilled by `PER_SECOND` up to `BURST`. */
  tokens: number;
  refilledAt: number;
}

/** One reply shape for every command a board sends: `ok`, or the API's error body. */
type CommandReply = { ok: true; seq: number } | { error: ErrorBody };

interface ClientEvents {
  resume: (payload: unknown, ack?: (reply: CommandReply) => void) => void;
}

interface ServerEvents {
  event: (e: AppEvent) => void;
  events: (batch: AppEvent[]) => void;
}

type BoardSocket = Socket<ClientEvents, ServerEvents, Record<string, never>, BoardData>;

/**
 * Once the handshake is checked nothing reads the request's headers again, but they would stay for the
 * life of the connection: engine.io keeps the request (as `conn.request` and, for a WebSocket, in the
 * response it wraps around the upgrade, which the TCP socket's `close` listener holds) and socket.io's
 * handshake points at its `headers`. A browser's cookies and user agent make them the largest part of a
 * board that we can let go of. Setting `conn.request` to null at engine.io's `connection`, as socket.io's
 * tuning guide suggests, would hide the session cookie from the handshake and free nothing while that
 * response holds the request. A second namespace on the same connection would see no headers; boards
 * use only this one.
 */
function forgetHeaders(socket: BoardSocket): void {
  socket.request.rawHeaders = [];
  socket.request.headers = {};
  socket.handshake.headers = {};
}

/**
 * The `/board` namespace: the only code that touches Socket.IO. Every committed event goes to every
 * board in seq order; a board that was away sends the seq it has and gets what it missed from the
 * events table first. The handshake is checked on every connection (no state recovery skips it).
 *
 * The events committed in one tick go out together at its end: a board that asked for batches gets them
 * as one `events` frame, the others one `event` each, as the contract first said. With 200 boards and a
 * group commit of ten accepts (seventy-odd events), that is 200 frames a tick instead of 14,000.
 */
export function attachBoardSocket(http: HttpServer, options: BoardSocketOptions) {
  const { auth, board, bus, logger } = options;
  const io = new Server(http, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    allowRequest: (req, callback) =>
      callback(null, originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins)),
  });
  const nsp = io.of('/board');

  /** Every event up to this seq has gone to every board, in order. */
  let broadcastSeq = board.lastSeq();
  /** Committed in this process during this tick, not yet sent. */
  let pending: AppEvent[] = [];

  /** The stored events in (after, upTo], a page at a time. */
  function pagesAfter(after: number, upTo: number, send: (page: AppEvent[]) => void): void {
    for (let from = after; from < upTo;) {
      const page = board.eventsAfter(from, PAGE);
      if (page.length === 0) return;
      const last = page[page.length - 1]!.seq;
      const within = last <= upTo ? page : page.filter((e) => e.seq <= upTo);
      if (within.length > 0) send(within);
      from = last;
    }
  }

  /** What a board missed, after `after`: in frames of a page for a batching board, else one by one. */
  function catchUp(socket: BoardSocket, batched: boolean, after: number): void {
    pagesAfter(after, broadcastSeq, (page) => {
      if (batched) socket.emit('events', page);
      else for (const e of page) socket.emit('event', e);
    });
  }

  /** One part of a tick's events to every board: one frame to each batching board, one per event to the rest. */
  function send(part: AppEvent[]): void {
    if (SESSION_EVENTS.has(part[0]!.type)) recheckSessions();
    nsp.to(BATCHED).emit('events', part);
    // socket.io encodes a packet before it looks for receivers: skip that when every board batches.
    if ((nsp.adapter.rooms.get(BATCHED)?.size ?? 0) === nsp.sockets.size) return;
    const single = nsp.except(BATCHED);
    for (const e of part) single.emit('event', e);
  }

  /**
   * Sends every board these events, which follow `broadcastSeq` without a gap. Only checked staff get into
   * the namespace, so the namespace is the audience. A session ended by one of them loses its board before
   * that event goes out, so the events are sent in parts that each start at such an event.
   */
  function broadcast(events: AppEvent[]): void {
    let from = 0;
    for (let i = 1; i <= events.length; i++) {
      if (i < events.length && !SESSION_EVENTS.has(events[i]!.type)) continue;
      send(from === 0 && i === events.length ? events : events.slice(from, i));
      from = i;
    }
    broadcastSeq = events[events.length - 1]!.seq;
  }

  /** Everything stored up to `upTo` that the boards have not had yet. */
  function broadcastUpTo(upTo: number): void {
    pagesAfter(broadcastSeq, upTo, broadcast);
  }

  /**
   * The tick's events, in runs of consecutive seqs: what another process committed before or between
   * them is read from the file first, and what the poll already sent is skipped.
   */
  function flush(): void {
    const events = pending;
    pending = [];
    for (let i = 0; i < events.length;) {
      const first = events[i]!;
      if (first.seq <= broadcastSeq) {
        i += 1;
        continue;
      }
      if (first.seq > broadcastSeq + 1) broadcastUpTo(first.seq - 1);
      let j = i + 1;
      while (j < events.length && events[j]!.seq === events[j - 1]!.seq + 1) j += 1;
      broadcast(i === 0 && j === events.length ? events : events.slice(i, j));
      i = j;
    }
  }

  const unsubscribe = bus.subscribe((e) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(e);
  });

  /** Events another server process committed to the same file reach this one's boards too. */
  const poll = setInterval(() => {
    const latest = board.lastSeq();
    if (latest > broadcastSeq) broadcastUpTo(latest);
  }, options.pollMs ?? 1000);
  poll.unref();

  /**
   * A board whose session ended (logout, expiry, deactivated user) is disconnected: at once when the
   * ending is an event, in this process or another; within `recheckMs` when a session just runs out.
   */
  function recheckSessions(): void {
    for (const socket of nsp.sockets.values() as Iterable<BoardSocket>) {
      if (!auth.authenticate(socket.data.token)) socket.disconnect(true);
    }
  }
  const recheck = setInterval(recheckSessions, options.recheckMs ?? 60_000);
  recheck.unref();

  nsp.use((socket, next) => {
    const handshake = Handshake.safeParse(socket.handshake.auth ?? {});
    const token = (handshake.success && handshake.data.token) || sessionToken(socket.handshake.headers.cookie);
    const identity = token ? auth.authenticate(token) : null;
    const office = identity?.kind === 'staff' && (STAFF_ROLES as readonly string[]).includes(identity.role);
    if (!handshake.success || !token || !identity || !office) {
      logger.info({ socket: socket.id }, 'board handshake refused');
      next(Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized' } }));
      return;
    }
    socket.data = { token, tokens: BURST, refilledAt: Date.now() } satisfies BoardData;
    forgetHeaders(socket as BoardSocket);
    logger.debug({ socket: socket.id, userId: identity.userId }, 'board connected');
    next();
  });

  /** Whether the board may send one more message now; takes it from its bucket. */
  function withinBudget(data: BoardData): boolean {
    const now = Date.now();
    data.tokens = Math.min(BURST, data.tokens + ((now - data.refilledAt) / 1000) * PER_SECOND);
    data.refilledAt = now;
    if (data.tokens < 1) return false;
    data.tokens -= 1;
    return true;
  }

  /** One handler for every board: socket.io calls it with the board's socket as `this`. */
  function onResume(this: BoardSocket, payload: unknown, ack?: (reply: CommandReply) => void): void {
    const parsed = Resume.safeParse(payload);
    if (!parsed.success) {
      ack?.({ error: validationError(parsed.error, 'body').toBody() });
      return;
    }
    catchUp(this, this.rooms.has(BATCHED), parsed.data.afterSeq);
    ack?.({ ok: true, seq: broadcastSeq });
  }

  nsp.on('connection', (raw) => {
    const socket = raw as BoardSocket;
    const { afterSeq, batch } = Handshake.parse(socket.handshake.auth ?? {});
    if (batch) void socket.join(BATCHED);
    if (afterSeq !== undefined) catchUp(socket, batch === true, afterSeq);
    // Every message counts against the flood bucket, whatever its name: an unknown one costs parsing too.
    socket.use((_packet, next) => {
      if (withinBudget(socket.data)) return next();
      // socket.io hands a message that passed to its handler on the next tick: the cut waits for those,
      // so what arrived within the budget is answered even when the whole flood came in one read.
      process.nextTick(() => {
        if (!socket.connected) return;
        logger.warn({ socket: socket.id }, 'board flooded; disconnected');
        socket.disconnect(true);
      });
    });
    socket.on('resume', onResume);
  });

  return {
    io,
    recheckSessions,
    /** Disconnects every board and closes the HTTP server; resolves when in-flight requests are done. */
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(poll);
        clearInterval(recheck);
        unsubscribe();
        void io.close(() => resolve());
      }),
  };
}

export type BoardSocketServer = ReturnType<typeof attachBoardSocket>;
