/**
 * The live board under load: 200 boards on the `/board` namespace over WebSocket, 50 new requests per
 * second (auto-propose on, so 3 events each) until 1,000 events have reached every board.
 * Targets: commit-to-receipt p50 ≤ 15 ms and p99 ≤ 100 ms; server heap ≤ 10 KB per connected board.
 *
 * Run: node --expose-gc --import tsx scripts/bench/board.bench.ts
 *
 * The boards run in a child process (this file, forked with `boards`) so that they do not share the
 * server's event loop; both processes stamp with performance.timeOrigin + now() on the same machine.
 * Heap per board is what stays reachable: heapUsed after full collections with the boards connected,
 * minus the same before them. As many boards connect and leave first, so that what connecting
 * allocates only once (optimised code, parser buffers) is not charged to every board. (Checked: a
 * second batch on top of the first costs the same per board, so the warm-up hides no table growth.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { AppEvent } from '../../src/events/events.types.js';
import { seededRandom } from '../demo/random.js';
import { randomPlace } from './fixtures.js';
import { forkRole } from './roles.js';
import { startBenchServer } from './server.js';
import { fmt, machine, percentile, summarise, verdict } from './stats.js';

const BOARDS = 200;
const RATE = 50;
const EVENTS = 1_000;
/** The first second of load is not counted: it is where the JIT compiles the commit and send paths. */
const WARMUP_EVENTS = 150;
const HELPERS = 100;
const RESIDENTS = 200;
const HOUR = 3_600_000;
const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
/** How long the boards may take to receive the last event before the run counts what is missing. */
const DRAIN_MS = 10_000;

/** One wall clock for both processes: timeOrigin is wall time at process start, now() is monotonic since. */
const clock = () => performance.timeOrigin + performance.now();

/** Receipts of one board: the seq and the receive time of every event, in arrival order. */
interface Receipts {
  seqs: Float64Array;
  times: Float64Array;
}

type ToBoards =
  | { kind: 'clock' }
  | { kind: 'connect'; count: number; url: string; token: string; afterSeq: number }
  | { kind: 'leave' }
  | { kind: 'drain'; upTo: number };
type FromBoards =
  | { kind: 'ready' }
  | { kind: 'clock'; at: number }
  | { kind: 'connected' }
  | { kind: 'left' }
  | { kind: 'receipts'; boards: Receipts[]; cpuMs: number; seconds: number };

/** The child: connects the boards, records every receipt, hands them over once the last seq is in. */
function runBoards(): void {
  const send = (message: FromBoards, then?: () => void) => process.send!(message, undefined, {}, then);
  let boards: { socket: Socket; seqs: number[]; times: number[]; last: number }[] = [];
  let cpuFrom = process.cpuUsage();
  let since = performance.now();
  process.on('message', (message: ToBoards) => {
    if (message.kind === 'clock') send({ kind: 'clock', at: clock() });
    else if (message.kind === 'connect') {
      let connected = 0;
      for (let i = 0; i < message.count; i++) {
        // The web board's own first transport; forceNew, or socket.io-client multiplexes every board over one connection.
        const socket = io(`${message.url}/board`, {
          auth: { token: message.token, afterSeq: message.afterSeq, batch: true },
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
        });
        const board = { socket, seqs: [] as number[], times: [] as number[], last: message.afterSeq };
        // As the web board does: a tick's events in one frame, each stamped when the frame arrives.
        socket.on('events', (events: AppEvent[]) => {
          const at = clock();
          for (const e of events) {
            board.times.push(at);
            board.seqs.push(e.seq);
            board.last = e.seq;
          }
        });
        socket.once('connect', () => {
          if (++connected < message.count) return;
          cpuFrom = process.cpuUsage();
          since = performance.now();
          send({ kind: 'connected' });
        });
        socket.once('connect_error', (err) => {
          console.error(`board ${i} refused: ${err.message}`);
          process.exit(1);
        });
        boards.push(board);
      }
    } else if (message.kind === 'leave') {
      for (const b of boards) b.socket.disconnect();
      boards = [];
      send({ kind: 'left' });
    } else {
      const deadline = Date.now() + DRAIN_MS;
      const check = setInterval(() => {
        if (Date.now() < deadline && boards.some((b) => b.last < message.upTo)) return;
        clearInterval(check);
        const cpu = process.cpuUsage(cpuFrom);
        for (const b of boards) b.socket.disconnect();
        // Disconnecting before the send has gone out would drop the receipts.
        send(
          {
            kind: 'receipts',
            boards: boards.map((b) => ({ seqs: Float64Array.from(b.seqs), times: Float64Array.from(b.times) })),
            cpuMs: (cpu.user + cpu.system) / 1000,
            seconds: (performance.now() - since) / 1000,
          },
          () => process.disconnect(),
        );
      }, 20);
    }
  });
  send({ kind: 'ready' });
}

async function runServer(): Promise<void> {
  if (!globalThis.gc) throw new Error('run with node --expose-gc (see the header)');
  const gc = globalThis.gc;
  /** After full collections, with a turn between them for the weak callbacks that free closed handles. */
  const memoryAfterGc = async () => {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    return process.memoryUsage();
  };

  const dir = mkdtempSync(join(tmpdir(), 'wijkmatch-bench-'));
  const bench = await startBenchServer(join(dir, 'bench.sqlite'), { autoPropose: true });
  const rnd = seededRandom(5);
  console.log(`board.bench: ${machine()}; load average ${loadavg()[0]!.toFixed(2)} at the start`);

  const residents = Array.from({ length: RESIDENTS }, (_, i) =>
    bench.services.residents.create(
      { name: `R${i}`, address: { postcode: '6371AB' }, location: randomPlace(rnd) },
      'bench',
    ),
  );
  for (let i = 0; i < HELPERS; i++) {
    bench.services.helpers.create(
      {
        name: `H${i}`,
        kind: 'student',
        track: 'care',
        skills: ['groceries'],
        location: randomPlace(rnd),
        maxTravelKm: 50,
        availability: ALWAYS,
      },
      'bench',
    );
  }
  console.log(
    `setup: ${HELPERS} helpers (always available, in reach of everyone), ${RESIDENTS} residents; ${BOARDS} boards over WebSocket (socket.io-client) in a child process; load: services.requests.create in-process (no HTTP), ${RATE} per second, each on its own timer turn, auto-propose on, each request its own hour`,
  );

  // Stamped when the transaction has committed and before the board socket sends anything: the bus
  // publishes right after the commit. A bus subscriber would run after the socket layer's own
  // subscriber had already sent the event to every board, and leave that fan-out out of the latency.
  const publishedAt = new Map<number, number>();
  const fanOut: number[] = [];
  let lastSeq = bench.services.board.lastSeq();
  const bus = bench.services.bus;
  const publish = bus.publish.bind(bus);
  bus.publish = (committed) => {
    if (committed.length === 0) return;
    const at = clock();
    for (const e of committed) publishedAt.set(e.seq, at);
    publish(committed);
    fanOut.push(clock() - at);
    lastSeq = committed[committed.length - 1]!.seq;
  };

  const { next, tell } = forkRole<ToBoards, FromBoards>(fileURLToPath(import.meta.url), 'boards');
  await next('ready');

  // The offset between the two processes' stamps, within half the IPC round trip of the best of 50.
  let offset = 0;
  let bound = Infinity;
  for (let i = 0; i < 50; i++) {
    const sent = clock();
    const reply = next('clock');
    tell({ kind: 'clock' });
    const { at } = await reply;
    const back = clock();
    if ((back - sent) / 2 < bound) {
      bound = (back - sent) / 2;
      offset = at - (sent + back) / 2;
    }
  }

  const engine = bench.server.boards.io.engine;
  const connectBoards = async (count: number) => {
    const connected = next('connected');
    tell({ kind: 'connect', count, url: bench.url, token: bench.token, afterSeq: lastSeq });
    await connected;
    // Let the last handshakes' buffers go before measuring what the boards hold on to.
    await new Promise((resolve) => setTimeout(resolve, 500));
  };
  await connectBoards(BOARDS);
  const left = next('left');
  tell({ kind: 'leave' });
  await left;
  while (engine.clientsCount > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  const before = await memoryAfterGc();
  await connectBoards(BOARDS);
  const withBoards = await memoryAfterGc();
  if (engine.clientsCount !== BOARDS) throw new Error(`${engine.clientsCount} connections, expected ${BOARDS}`);
  const perBoardKb = (withBoards.heapUsed - before.heapUsed) / BOARDS / 1024;
  const offHeapPerBoardKb = (withBoards.arrayBuffers - before.arrayBuffers) / BOARDS / 1024;

  const firstHour = Math.ceil(Date.now() / HOUR) * HOUR + 24 * HOUR;
  const startSeq = lastSeq;
  const createMs: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let entered = 0;
  let measuredFrom = 0;
  let cpuFrom = process.cpuUsage();
  let measuredSince = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    // One request per timer turn, as separate HTTP requests would arrive: the socket writes that the
    // previous one's events queued complete in between. Due times are fixed, so a late turn does not
    // lower the rate.
    const enter = () => {
      const start = firstHour + entered * HOUR;
      const t = performance.now();
      bench.services.requests.create(
        {
          residentId: residents[entered % RESIDENTS]!.id,
          skills: ['groceries'],
          window: { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() },
          durationMinutes: 60,
        },
        null,
        'bench',
      );
      createMs.push(performance.now() - t);
      entered++;
      if (!measuredFrom && lastSeq - startSeq >= WARMUP_EVENTS) {
        measuredFrom = lastSeq + 1;
        measuredSince = performance.now();
        cpuFrom = process.cpuUsage();
        loop.enable();
      }
      if (measuredFrom && lastSeq - measuredFrom + 1 >= EVENTS) {
        loop.disable();
        resolve();
        return;
      }
      setTimeout(enter, Math.max(0, t0 + (entered * 1000) / RATE - performance.now()));
    };
    enter();
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpuFrom);
  const serverCpu = (cpu.user + cpu.system) / 1000 / (performance.now() - measuredSince);
  const events = lastSeq - measuredFrom + 1;

  const receipts = next('receipts');
  tell({ kind: 'drain', upTo: lastSeq });
  const { boards, cpuMs, seconds: boardSeconds } = await receipts;

  const all: number[] = [];
  const boardP99: number[] = [];
  let missing = 0;
  for (const board of boards) {
    const latencies: number[] = [];
    for (let i = 0; i < board.seqs.length; i++) {
      const seq = board.seqs[i]!;
      if (seq >= measuredFrom) latencies.push(board.times[i]! - offset - publishedAt.get(seq)!);
    }
    missing += events - latencies.length;
    latencies.sort((a, b) => a - b);
    boardP99.push(percentile(latencies, 99));
    all.push(...latencies);
  }
  boardP99.sort((a, b) => a - b);
  const s = summarise(all);
  console.log(
    `clock: the boards' stamps run ${fmt(offset)} ahead of the server's (± ${fmt(bound)}, half the best IPC round trip); subtracted`,
  );
  console.log(
    `load: ${entered} requests in ${seconds.toFixed(1)} s (${(entered / seconds).toFixed(1)} per s), ${lastSeq - startSeq} events; measured the last ${events} after ${measuredFrom - startSeq - 1} warm-up events`,
  );
  console.log(
    `CPU while measured: server ${(serverCpu * 100).toFixed(0)} % of a core, the boards' process ${((cpuMs / 1000 / boardSeconds) * 100).toFixed(0)} % (same machine)`,
  );
  console.log(
    `server per request: create (rank + propose + commit) median ${fmt(summarise(createMs).median)}; fan-out of its events to ${BOARDS} boards median ${fmt(summarise(fanOut).median)}, p99 ${fmt(summarise(fanOut).p99)}`,
  );
  console.log(
    `commit-to-receipt, ${BOARDS} boards × ${events} events = ${all.length} receipts (${missing} missing): median ${fmt(s.median)}, p95 ${fmt(s.p95)}, p99 ${fmt(s.p99)} — target p50 ≤ 15 ms: ${verdict(s.median, 15)}; target p99 ≤ 100 ms: ${verdict(s.p99, 100)}`,
  );
  console.log(
    `  p99 per board: best ${fmt(boardP99[0]!)}, median ${fmt(percentile(boardP99, 50))}, worst ${fmt(boardP99[boardP99.length - 1]!)}`,
  );
  console.log(
    `heap (after gc, ${BOARDS} warm-up boards gone): ${(before.heapUsed / 2 ** 20).toFixed(1)} MB before the boards, ${(withBoards.heapUsed / 2 ** 20).toFixed(1)} MB with ${BOARDS} connected: ${perBoardKb.toFixed(1)} KB per board — target ≤ 10 KB: ${verdict(perBoardKb, 10)}; besides, ${offHeapPerBoardKb.toFixed(1)} KB per board of buffers off the heap`,
  );
  console.log(
    `server event-loop delay while measured (resolution 10 ms): median ${fmt(loop.percentile(50) / 1e6)}, p99 ${fmt(loop.percentile(99) / 1e6)}, max ${fmt(loop.max / 1e6)}`,
  );

  await bench.close();
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[2] === 'boards') runBoards();
else await runServer();
