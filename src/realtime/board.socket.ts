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
});
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

type BoardSocket = Socket<ClientEvents, { event: (e: AppEvent) => void }, Record<string, never>, BoardData>;

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

  function forEachAfter(after: number, upTo: number, send: (e: AppEvent) => void): void {
    for (let from = after; from < upTo;) {
      const page = board.eventsAfter(from, PAGE);
      if (page.length === 0) return;
      for (const e of page) if (e.seq <= upTo) send(e);
      from = page[page.length - 1]!.seq;
    }
  }

  /**
   * Sends every board everything committed up to `upTo` that it has not had yet. Only checked staff get
   * into the namespace, so the whole namespace is the audience: no room of our own is needed.
   */
  function broadcastUpTo(upTo: number): void {
    forEachAfter(broadcastSeq, upTo, relay);
    broadcastSeq = Math.max(broadcastSeq, upTo);
  }

  /** Sends one event to every board; a session that just ended loses its board before the next one. */
  function relay(e: AppEvent): void {
    if (SESSION_EVENTS.has(e.type)) recheckSessions();
    nsp.emit('event', e);
  }

  const unsubscribe = bus.subscribe((e) => {
    if (e.seq <= broadcastSeq) return;
    if (e.seq > broadcastSeq + 1) broadcastUpTo(e.seq - 1);
    relay(e);
    broadcastSeq = e.seq;
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
    if (!handshake.success || !token || !identity || identity.kind !== 'staff') {
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
    forEachAfter(parsed.data.afterSeq, broadcastSeq, (e) => this.emit('event', e));
    ack?.({ ok: true, seq: broadcastSeq });
  }

  nsp.on('connection', (raw) => {
    const socket = raw as BoardSocket;
    const afterSeq = Handshake.parse(socket.handshake.auth ?? {}).afterSeq;
    if (afterSeq !== undefined) forEachAfter(afterSeq, broadcastSeq, (e) => socket.emit('event', e));
    // Every message counts against the flood bucket, whatever its name: an unknown one costs parsing too.
    socket.use((_packet, next) => {
      if (withinBudget(socket.data)) return next();
      logger.warn({ socket: socket.id }, 'board flooded; disconnected');
      socket.disconnect(true);
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
