import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { AuthService } from '../auth/auth.service.js';
import type { Identity } from '../auth/auth.types.js';
import type { BoardService } from '../board/board.service.js';
import type { EventBus } from '../events/event-bus.js';
import type { AppEvent } from '../events/events.types.js';
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

interface BoardData {
  identity: Identity;
  token: string;
}

/** One reply shape for every command a board sends: `ok`, or the API's error body. */
type CommandReply = { ok: true; seq: number } | { error: ErrorBody };

interface ClientEvents {
  resume: (payload: unknown, ack?: (reply: CommandReply) => void) => void;
}

type BoardSocket = Socket<ClientEvents, { event: (e: AppEvent) => void }, Record<string, never>, BoardData>;

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

  /** Every event up to this seq has gone to the `live` room, in order. */
  let broadcastSeq = board.lastSeq();

  function forEachAfter(after: number, upTo: number, send: (e: AppEvent) => void): void {
    for (let from = after; from < upTo;) {
      const page = board.eventsAfter(from, PAGE);
      if (page.length === 0) return;
      for (const e of page) if (e.seq <= upTo) send(e);
      from = page[page.length - 1]!.seq;
    }
  }

  /** Sends the live room everything committed up to `upTo` that it has not had yet. */
  function broadcastUpTo(upTo: number): void {
    forEachAfter(broadcastSeq, upTo, (e) => nsp.to('live').emit('event', e));
    broadcastSeq = Math.max(broadcastSeq, upTo);
  }

  const unsubscribe = bus.subscribe((e) => {
    if (e.seq <= broadcastSeq) return;
    if (e.seq > broadcastSeq + 1) broadcastUpTo(e.seq - 1);
    nsp.to('live').emit('event', e);
    broadcastSeq = e.seq;
  });

  /** Events another server process committed to the same file reach this one's boards too. */
  const poll = setInterval(() => {
    const latest = board.lastSeq();
    if (latest > broadcastSeq) broadcastUpTo(latest);
  }, options.pollMs ?? 1000);
  poll.unref();

  /** A board whose session ended (logout, expiry, deactivated user) is disconnected. */
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
    socket.data = { identity, token } satisfies BoardData;
    next();
  });

  nsp.on('connection', (raw) => {
    const socket = raw as BoardSocket;
    const afterSeq = Handshake.parse(socket.handshake.auth ?? {}).afterSeq;
    if (afterSeq !== undefined) forEachAfter(afterSeq, broadcastSeq, (e) => socket.emit('event', e));
    void socket.join('live');
    logger.debug(
      { socket: socket.id, userId: socket.data.identity.kind === 'staff' ? socket.data.identity.userId : null },
      'board connected',
    );

    let tokens = BURST;
    let refilledAt = Date.now();
    socket.use((_packet, next) => {
      const now = Date.now();
      tokens = Math.min(BURST, tokens + ((now - refilledAt) / 1000) * PER_SECOND);
      refilledAt = now;
      if (tokens < 1) {
        logger.warn({ socket: socket.id }, 'board flooded; disconnected');
        socket.disconnect(true);
        return;
      }
      tokens -= 1;
      next();
    });

    socket.on('resume', (payload: unknown, ack?: (reply: CommandReply) => void) => {
      const parsed = Resume.safeParse(payload);
      if (!parsed.success) {
        ack?.({ error: validationError(parsed.error, 'body').toBody() });
        return;
      }
      forEachAfter(parsed.data.afterSeq, broadcastSeq, (e) => socket.emit('event', e));
      ack?.({ ok: true, seq: broadcastSeq });
    });
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
