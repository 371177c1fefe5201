import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import type { AppEvent } from '../../src/events/events.types.js';
import { SESSION_COOKIE } from '../../src/http/session.js';
import { createServices } from '../../src/services.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';

let app: TestApp;
let listening: Awaited<ReturnType<TestApp['listen']>>;
let residentId: number;
const sockets: Socket[] = [];
const serviceConfig = { autoPropose: true, sessionHours: 12, publicUrl: 'http://wijkmatch.test' };

beforeAll(async () => {
  app = await startTestApp();
  listening = await app.listen({ pollMs: 50 });
  residentId = app.services.residents.create(buildResident(), 'test').id;
  app.services.helpers.create(buildHelper(), 'test');
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

afterAll(async () => {
  await listening.server.close();
  app.close();
});

function connect(
  auth: Record<string, unknown>,
  options: { url?: string; origin?: string; cookie?: string } = {},
): Socket {
  const headers = {
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.cookie ? { cookie: options.cookie } : {}),
  };
  const socket = io(`${options.url ?? listening.url}/board`, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
  });
  sockets.push(socket);
  return socket;
}

/** Settles as `promise` does, or fails after `ms` saying what did not happen: not the test's timeout. */
function bounded<T>(promise: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function connected(socket: Socket): Promise<void> {
  const connection = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return bounded(connection, 'the board did not connect');
}

function refusal(socket: Socket): Promise<string> {
  const refused = new Promise<string>((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but should have been refused')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
  return bounded(refused, 'the board was neither refused nor let in');
}

/** Why a connected socket was let go; fails if it is still connected after a while. */
function disconnection(socket: Socket): Promise<Socket.DisconnectReason> {
  const gone = new Promise<Socket.DisconnectReason>((resolve) => socket.once('disconnect', resolve));
  return bounded(gone, 'the board was not disconnected');
}

/** The server's side of the namespace: which boards it still holds. */
const boardsOnServer = () => listening.server.boards.io.of('/board').sockets;

/** A board that is still connected and answered: a resume at the current seq, within a bounded wait. */
async function expectStillServed(socket: Socket): Promise<void> {
  expect(socket.connected).toBe(true);
  const seq = app.services.board.lastSeq();
  expect(await socket.timeout(5000).emitWithAck('resume', { afterSeq: seq })).toEqual({ ok: true, seq });
}

/**
 * Records every event a socket receives from the moment it is made (events can arrive in the same
 * packet burst as the connection itself), one by one (`event`) or in batches (`events`); `frames` says
 * how they came: 'event' for a single one, the batch's length for a batch. `until(n)` waits for the
 * first n, then a moment more so that an extra or repeated event would show.
 */
function record(socket: Socket) {
  const got: AppEvent[] = [];
  const frames: Array<'event' | number> = [];
  socket.on('event', (e: AppEvent) => {
    got.push(e);
    frames.push('event');
  });
  socket.on('events', (batch: AppEvent[]) => {
    got.push(...batch);
    frames.push(batch.length);
  });
  return {
    got,
    frames,
    async until(n: number, timeoutMs = 5000): Promise<AppEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (got.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${got.length} of ${n} events arrived`);
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, 100));
      return got.slice();
    },
  };
}

/** Enters requests (each is proposed at once: several events) and says how many events that made. */
function enterRequests(count: number, services = app.services): number {
  const before = services.board.lastSeq();
  for (let i = 0; i < count; i++) services.requests.create(buildRequest(residentId), null, 'test');
  return services.board.lastSeq() - before;
}

const seqs = (events: AppEvent[]) => events.map((e) => e.seq);
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('who may watch the board', () => {
  it('lets the office in and refuses a missing, wrong, helper, coach or expired token', async () => {
    await connected(connect({ token: app.tokens.intake }));
    expect(await refusal(connect({}))).toBe('unauthorized');
    expect(await refusal(connect({ token: 'not-a-token' }))).toBe('unauthorized');
    const helper = app.services.helpers.create(buildHelper(), 'test');
    const link = app.services.auth.issueHelperLink(helper.id, 'test');
    expect(await refusal(connect({ token: link.token }))).toBe('unauthorized');
    expect(await refusal(connect({ token: 42 }))).toBe('unauthorized');
    // A coach is staff of the learning side: the office's board is not theirs.
    expect(await refusal(connect({ token: app.tokens.coach }))).toBe('unauthorized');

    const { token } = await app.services.auth.login('dispatcher@wijkmatch.test', 'correct horse battery');
    app.clock.advance(13 * 3_600_000);
    try {
      expect(await refusal(connect({ token }))).toBe('unauthorized');
    } finally {
      app.clock.advance(-13 * 3_600_000);
    }
  });

  it('refuses a browser page from an origin that is not allowed, before the handshake', async () => {
    const refused = connect({ token: app.tokens.dispatcher }, { origin: 'https://evil.example' });
    expect(await refusal(refused)).toMatch(/websocket error|xhr poll error|Forbidden|Bad request/i);
    await connected(connect({ token: app.tokens.dispatcher }, { origin: 'http://wijkmatch.test' }));
  });

  it('lets the board page in by its session cookie, and disconnects it when that session ends', async () => {
    const { token } = await app.services.auth.login('dispatcher@wijkmatch.test', 'correct horse battery');
    const socket = connect({}, { cookie: `other=1; ${SESSION_COOKIE}=${token}` });
    await connected(socket);
    expect(await refusal(connect({}, { cookie: `${SESSION_COOKIE}=not-a-token` }))).toBe('unauthorized');

    const gone = disconnection(socket);
    app.services.auth.logout(token);
    listening.server.boards.recheckSessions();
    expect(await gone).toBe('io server disconnect');
    expect(await refusal(connect({}, { cookie: `${SESSION_COOKIE}=${token}` }))).toBe('unauthorized');
  });

  it('keeps no request headers (the session cookie) once a board is in', async () => {
    const { token } = await app.services.auth.login('dispatcher@wijkmatch.test', 'correct horse battery');
    const socket = connect({}, { cookie: `${SESSION_COOKIE}=${token}` });
    await connected(socket);
    const server = listening.server.boards.io.of('/board').sockets.get(socket.id!)!;
    expect(server.handshake.headers).toEqual({});
    expect(server.request.headers).toEqual({});
    expect(server.request.rawHeaders).toEqual([]);
    const reply = await socket.emitWithAck('resume', { afterSeq: app.services.board.lastSeq() });
    expect(reply).toEqual({ ok: true, seq: app.services.board.lastSeq() });
  });

  it('disconnects a board whose session was ended, and only that one', async () => {
    const { token } = await app.services.auth.login('dispatcher@wijkmatch.test', 'correct horse battery');
    const ended = connect({ token });
    const other = connect({ token: app.tokens.dispatcher });
    await Promise.all([connected(ended), connected(other)]);
    const endedId = ended.id!;

    const gone = disconnection(ended);
    app.services.auth.logout(token);
    listening.server.boards.recheckSessions();
    expect(await gone).toBe('io server disconnect');
    expect(ended.connected).toBe(false);
    expect(boardsOnServer().has(endedId)).toBe(false);
    await expectStillServed(other);
    expect(await refusal(connect({ token }))).toBe('unauthorized');
  });
});

describe("a tick's events in one frame, for a board that asks for batches", () => {
  it('sends what one tick committed as one frame to a batching board, one by one to the others', async () => {
    const from = app.services.board.lastSeq();
    const batching = connect({ token: app.tokens.dispatcher, afterSeq: from, batch: true });
    const single = connect({ token: app.tokens.dispatcher, afterSeq: from });
    const [batched, one] = [record(batching), record(single)];
    await Promise.all([connected(batching), connected(single)]);
    const n = enterRequests(10);
    expect(n).toBeGreaterThanOrEqual(20);
    expect(seqs(await batched.until(n))).toEqual(range(from + 1, n));
    expect(batched.frames).toEqual([n]);
    expect(seqs(await one.until(n))).toEqual(range(from + 1, n));
    expect(one.frames).toEqual(Array(n).fill('event'));
  });

  it('sends the events of accepts answered together over HTTP in seq order, none missing', async () => {
    // Three requests at the same hour, each proposed to a helper of its own.
    const proposals = [0, 1, 2].map(() => {
      const helper = app.services.helpers.create(buildHelper(), 'test');
      const request = app.services.requests.create(buildRequest(residentId), null, 'test');
      return app.services.proposals.propose(request.id, helper.id, null, 'test').id;
    });
    const from = app.services.board.lastSeq();
    const socket = connect({ token: app.tokens.dispatcher, afterSeq: from, batch: true });
    const events = record(socket);
    await connected(socket);
    const replies = await Promise.all(
      proposals.map((id) =>
        fetch(`${listening.url}/api/v1/proposals/${id}/accept`, { method: 'POST', headers: app.auth() }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    const n = app.services.board.lastSeq() - from;
    const got = await events.until(n);
    expect(seqs(got)).toEqual(range(from + 1, n));
    expect(got.filter((e) => e.type === 'proposal.accepted')).toHaveLength(3);
  });
});

describe.each([
  ['one by one', false],
  ['in batches', true],
])('every committed event, in seq order (%s)', (_, batch) => {
  /** A board that asks for batches in the second run. */
  const board = (auth: Record<string, unknown>) => connect(batch ? { ...auth, batch } : auth);

  it('sends events contiguously in seq order, starting after the seq the board has', async () => {
    const from = app.services.board.lastSeq();
    const socket = board({ token: app.tokens.dispatcher, afterSeq: from });
    const events = record(socket);
    await connected(socket);
    const n = enterRequests(20);
    expect(n).toBeGreaterThanOrEqual(40);
    const got = await events.until(n);
    expect(seqs(got)).toEqual(range(from + 1, n));
    expect(got.map((e) => e.type).slice(0, 2)).toEqual(['request.created', 'proposal.created']);
    expect(got[0]!.data).not.toHaveProperty('name');
  });

  it('sends nothing for a write that failed', async () => {
    const from = app.services.board.lastSeq();
    const socket = board({ token: app.tokens.dispatcher, afterSeq: from });
    const events = record(socket);
    await connected(socket);
    await app.http.post('/api/v1/requests/999999/cancel').set(app.auth()).send({ reason: 'x' }).expect(404);
    await app.http.post('/api/v1/requests').set(app.auth()).send({ residentId, skills: [] }).expect(400);
    const n = enterRequests(1);
    expect(seqs(await events.until(n))).toEqual(range(from + 1, n));
  });

  it('after a disconnect, `resume` sends what was missed, in order, before new events', async () => {
    const from = app.services.board.lastSeq();
    const first = board({ token: app.tokens.dispatcher, afterSeq: from });
    const firstEvents = record(first);
    await connected(first);
    const seen = await firstEvents.until(enterRequests(1));
    first.disconnect();

    const missed = enterRequests(5);
    const second = board({ token: app.tokens.dispatcher });
    const events = record(second);
    await connected(second);
    const reply = await second.emitWithAck('resume', { afterSeq: seen.at(-1)!.seq });
    expect(reply).toEqual({ ok: true, seq: seen.at(-1)!.seq + missed });
    const fresh = enterRequests(1);
    expect(seqs(await events.until(missed + fresh))).toEqual(range(seen.at(-1)!.seq + 1, missed + fresh));
  });

  it('answers a malformed resume with the error shape, and sends nothing', async () => {
    const socket = board({ token: app.tokens.dispatcher });
    const events = record(socket);
    await connected(socket);
    const reply = await socket.emitWithAck('resume', { afterSeq: 'yesterday' });
    expect(reply).toMatchObject({ error: { code: 'validation_failed', details: [{ field: 'afterSeq' }] } });
    expect(events.got).toEqual([]);
  });

  it('a board away while the server restarted misses nothing', async () => {
    const from = app.services.board.lastSeq();
    const socket = board({ token: app.tokens.dispatcher, afterSeq: from });
    const events = record(socket);
    await connected(socket);
    const seen = await events.until(enterRequests(1));

    // The server stops; a second process on the same file takes writes meanwhile; then it is back.
    const other = createServices(openDatabase(app.dbPath), serviceConfig, app.clock);
    const down = disconnection(socket);
    await listening.server.close();
    await down;
    const missed = enterRequests(3, other);
    listening = await app.listen({ pollMs: 50 });

    const back = board({ token: app.tokens.dispatcher, afterSeq: seen.at(-1)!.seq });
    const after = record(back);
    await connected(back);
    expect(seqs(await after.until(missed))).toEqual(range(seen.at(-1)!.seq + 1, missed));
    other.db.$client.close();
  });

  it('events committed by another process on the same file reach the boards', async () => {
    const from = app.services.board.lastSeq();
    const socket = board({ token: app.tokens.dispatcher, afterSeq: from });
    const events = record(socket);
    await connected(socket);
    const other = createServices(openDatabase(app.dbPath), serviceConfig, app.clock);
    const n = enterRequests(2, other) + enterRequests(1);
    expect(seqs(await events.until(n))).toEqual(range(from + 1, n));
    other.db.$client.close();
  });

  it('100 boards each receive every event', async () => {
    const from = app.services.board.lastSeq();
    const boards = Array.from({ length: 100 }, () => connect({ token: app.tokens.dispatcher, afterSeq: from }));
    const recorded = boards.map(record);
    await Promise.all(boards.map(connected));
    const n = enterRequests(10);
    const received = await Promise.all(recorded.map((events) => events.until(n, 10_000)));
    for (const events of received) expect(seqs(events)).toEqual(range(from + 1, n));
  });
});

/**
 * Ways a board can misbehave, how the client sees the cut, and whether the server answers any of it
 * first: a flood of resumes is answered up to the burst, then cut; a message over the size limit is
 * dropped with the transport, before any handler sees it.
 */
const MISBEHAVIOURS: Array<{
  what: string;
  reason: Socket.DisconnectReason;
  answersSome: boolean;
  send: (socket: Socket, answered: () => void) => void;
}> = [
  {
    what: 'floods',
    reason: 'io server disconnect',
    answersSome: true,
    send: (socket, answered) => {
      for (let i = 0; i < 100; i++) socket.emit('resume', { afterSeq: app.services.board.lastSeq() }, answered);
    },
  },
  {
    what: 'floods with messages the board does not know',
    reason: 'io server disconnect',
    answersSome: false,
    send: (socket) => {
      for (let i = 0; i < 100; i++) socket.emit('shout', i);
    },
  },
  {
    what: 'sends more than a small message',
    reason: 'transport close',
    answersSome: false,
    send: (socket, answered) => socket.emit('resume', { afterSeq: 0, padding: 'x'.repeat(100_000) }, answered),
  },
];

describe('a board that misbehaves', () => {
  const cases = MISBEHAVIOURS.map((misbehaviour) => [misbehaviour.what, misbehaviour] as const);
  it.each(cases)('is cut off when it %s; a calm board beside it is not', async (_, misbehaviour) => {
    const calm = connect({ token: app.tokens.dispatcher });
    const rude = connect({ token: app.tokens.dispatcher });
    const calmEvents = record(calm);
    const rudeEvents = record(rude);
    await Promise.all([connected(calm), connected(rude)]);
    const rudeId = rude.id!;

    let answered = 0;
    const gone = disconnection(rude);
    misbehaviour.send(rude, () => (answered += 1));
    expect(await gone).toBe(misbehaviour.reason);
    expect(rude.connected).toBe(false);
    expect(boardsOnServer().has(rudeId)).toBe(false);
    if (misbehaviour.answersSome) expect(answered).toBeGreaterThan(0);
    else expect(answered).toBe(0);
    expect(answered).toBeLessThan(100);

    // What is committed next reaches the calm board, and nothing reaches the one that was cut off.
    const from = app.services.board.lastSeq();
    const n = enterRequests(1);
    expect(seqs(await calmEvents.until(n))).toEqual(range(from + 1, n));
    expect(rudeEvents.got).toEqual([]);
    await expectStillServed(calm);
  });
});
