/**
 * Service-wide HTTP targets (issue 5), with autocannon against the real service on a temporary SQLite
 * file (WAL, synchronous=FULL):
 *   (a) POST /api/v1/proposals/:id/accept, no boards connected: ≥ 2,000 req/s with p99 ≤ 20 ms, and
 *       ≥ 0.06× bare node:http sending the same reply to the same client right after (issue 12);
 *   (b) the same with 200 boards on `/board` receiving every event (in batches, as the web board asks):
 *       ≥ 500 req/s with p99 ≤ 50 ms;
 *   (c) a plain JSON route against a bare node:http server sending the same JSON: ≥ 0.15× its req/s;
 *   (d) the server's event-loop delay p99 during each of the above: ≤ 20 ms.
 *
 * Run: tsx scripts/bench/http.bench.ts
 *
 * Three processes besides the bare server: the service in a child (this file forked with `server`),
 * the 200 boards in another (`boards`), and autocannon (one connection pool of 10, no workers) in this
 * one. On a 2-core machine a load generator in the server's own process would take the server's CPU;
 * here autocannon has the other core, which it shares with the boards during (b). The bare server runs
 * alone in a child of its own (`bare`), like the service. Every process reports the CPU it used while
 * measured, so a run that was limited by the load generator rather than the server shows as such.
 *
 * Every accept is a real one: each proposal is live, to its own helper, for its own hour, and is hit
 * exactly once (setupRequest hands out the next id), as the dispatcher (staff may answer for a helper).
 * An accept run lasts ACCEPT_SECONDS (closed loop: 10 connections, each sends when its last reply came)
 * or until its pool of proposals is spent; the database then says how many were really accepted. The
 * disk's floor (one-row commits per second, measured beside the runs) says how busy the disk was.
 * Throughput verdicts use the mean of autocannon's one-second samples, latency verdicts its p99 (1 ms
 * resolution). The logger is silent, as in the other benchmarks; `npm start` logs a line per request.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { holidaysBetween } from '../../src/closures/holidays.js';
import type { AppEvent } from '../../src/events/events.types.js';
import { localDaysBetween, offsetMs } from '../../src/matching/calendar.js';
import { seededRandom } from '../demo/random.js';
import { randomPlace } from './fixtures.js';
import { openDatabase } from '../../src/db/client.js';
import { forkRole } from './roles.js';
import { startBenchServer } from './server.js';
import { machine, verdict } from './stats.js';

const CONNECTIONS = 10;
const BOARDS = 200;
/**
 * Accept runs last this long unless their pool of live proposals runs out first. Each pool holds 10 %
 * more than the target rate for the run's length, so a run that empties it has beaten the target.
 */
const ACCEPT_SECONDS = 8;
const POOL_A = 1.1 * 2_000 * ACCEPT_SECONDS;
const POOL_B = 1.1 * 500 * ACCEPT_SECONDS;
const WARMUP = { seconds: 3, pool: 2_000 };
const WARMUP_B = { seconds: 2, pool: 1_000 };
/** Never handed out: a guard against sending one proposal twice. */
const SPARE = 2 * CONNECTIONS;
const JSON_SECONDS = 5;
const JSON_ROUNDS = 2;
const HOUR = 3_600_000;
const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
/** The loop-delay monitor's timer interval; every sample includes it, so the figures are ≥ 1 ms. */
const LOOP_RESOLUTION_MS = 1;
const DRAIN_MS = 15_000;

interface LoopStats {
  p50: number;
  p99: number;
  max: number;
  /** Share of one core the process used while measured. */
  cpu: number;
}

type Command =
  | { kind: 'prepare'; counts: number[] }
  | { kind: 'measure' }
  | { kind: 'stop-measuring' }
  | { kind: 'state' }
  | { kind: 'floor' }
  | { kind: 'connect'; count: number; url: string; token: string; afterSeq: number }
  | { kind: 'drain'; upTo: number }
  | { kind: 'bodies'; bodies: Record<string, unknown> }
  | { kind: 'exit' };
type Reply =
  | { kind: 'ready'; url: string; token: string }
  | { kind: 'prepared'; batches: number[][]; seconds: number }
  | { kind: 'measuring' }
  | { kind: 'measured'; stats: LoopStats }
  | { kind: 'state'; lastSeq: number; accepted: number }
  | { kind: 'floor'; perSecond: number }
  | { kind: 'connected'; seconds: number }
  | { kind: 'drained'; received: number[]; outOfOrder: number; expected: number; cpu: number };

const send = (reply: Reply) => process.send!(reply);

/** Loop delay and CPU of this process between `measure` and `stop-measuring`. */
function loopMeter() {
  let histogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  let cpuFrom = process.cpuUsage();
  let since = performance.now();
  return (command: Command): boolean => {
    if (command.kind === 'measure') {
      histogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
      histogram.enable();
      cpuFrom = process.cpuUsage();
      since = performance.now();
      send({ kind: 'measuring' });
    } else if (command.kind === 'stop-measuring') {
      histogram.disable();
      const cpu = process.cpuUsage(cpuFrom);
      send({
        kind: 'measured',
        stats: {
          p50: histogram.percentile(50) / 1e6,
          p99: histogram.percentile(99) / 1e6,
          max: histogram.max / 1e6,
          cpu: (cpu.user + cpu.system) / 1000 / (performance.now() - since),
        },
      });
    } else return false;
    return true;
  };
}

/** The service, and live proposals made on request, each to its own helper for its own hour. */
async function runServer(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wijkmatch-bench-'));
  const bench = await startBenchServer(join(dir, 'bench.sqlite'));
  const { services } = bench;
  const sqlite = bench.db.$client;
  const rnd = seededRandom(17);
  const residents = Array.from({ length: 500 }, (_, i) =>
    services.residents.create({ name: `R${i}`, address: { postcode: '6371AB' }, location: randomPlace(rnd) }, 'bench'),
  );
  const firstHour = Math.ceil(Date.now() / HOUR) * HOUR + 24 * HOUR;
  // Nothing is planned on a public holiday, and the days around a clock change are left out too.
  const { timeZone } = services.settings.get();
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const holidays = new Set(holidaysBetween(day(firstHour), day(firstHour + 6 * 365 * 24 * HOUR)).map((h) => h.date));
  let hour = 0;
  const nextOpenHour = (): number => {
    for (;;) {
      const start = firstHour + hour++ * HOUR;
      const offset = offsetMs(start, timeZone);
      if (offsetMs(start - 24 * HOUR, timeZone) !== offset || offsetMs(start + 24 * HOUR, timeZone) !== offset)
        continue;
      if (localDaysBetween(start, start + HOUR, timeZone).every((d) => !holidays.has(d.date))) return start;
    }
  };
  let made = 0;
  // Through the services, so every row is as the API makes it, but in one outer transaction (the
  // services' own become savepoints): one fsync for the whole fixture instead of three per proposal.
  const prepare = sqlite.transaction((count: number): number[] => {
    const helperIds = Array.from(
      { length: count },
      (_, i) =>
        services.helpers.create(
          {
            name: `H${made + i}`,
            kind: 'student',
            track: 'care',
            skills: ['groceries'],
            location: randomPlace(rnd),
            maxTravelKm: 50,
            availability: ALWAYS,
          },
          'bench',
        ).id,
    );
    return helperIds.map((helperId) => {
      const start = nextOpenHour();
      made++;
      const request = services.requests.create(
        {
          residentId: residents[made % residents.length]!.id,
          skills: ['groceries'],
          window: { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() },
        },
        null,
        'bench',
      );
      return services.proposals.propose(request.id, helperId, null, 'bench').id;
    });
  });
  const countAccepted = sqlite.prepare("select count(*) from proposals where status = 'accepted'").pluck();
  /** What the disk allows at all, now: one-row commits for a second, same pragmas, same directory. */
  const floor = () => {
    const path = join(dir, 'floor.sqlite');
    const db = openDatabase(path).$client;
    db.exec('create table if not exists bench_floor (x integer)');
    const insert = db.prepare('insert into bench_floor values (?)');
    const commit = db.transaction((i: number) => insert.run(i));
    const t = performance.now();
    let n = 0;
    while (performance.now() - t < 1000) commit(n++);
    const perSecond = n / ((performance.now() - t) / 1000);
    db.close();
    return perSecond;
  };
  const meter = loopMeter();
  process.on('message', (command: Command) => {
    if (meter(command)) return;
    if (command.kind === 'prepare') {
      const t = performance.now();
      const batches = command.counts.map((count) => prepare(count));
      send({ kind: 'prepared', batches, seconds: (performance.now() - t) / 1000 });
    } else if (command.kind === 'state') {
      send({ kind: 'state', lastSeq: services.board.lastSeq(), accepted: countAccepted.get() as number });
    } else if (command.kind === 'floor') {
      send({ kind: 'floor', perSecond: floor() });
    } else if (command.kind === 'exit') {
      void bench.close().then(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  send({ kind: 'ready', url: bench.url, token: bench.token });
}

/** The boards, each recording the seqs it receives. */
function runBoards(): void {
  const boards: { socket: Socket; count: number; last: number; outOfOrder: number }[] = [];
  let afterSeq = 0;
  let cpuFrom = process.cpuUsage();
  let since = performance.now();
  process.on('message', (command: Command) => {
    if (command.kind === 'connect') {
      afterSeq = command.afterSeq;
      const t = performance.now();
      let connected = 0;
      for (let i = 0; i < command.count; i++) {
        // forceNew, or socket.io-client multiplexes every board over one connection.
        const socket = io(`${command.url}/board`, {
          auth: { token: command.token, afterSeq, batch: true },
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
        });
        const board = { socket, count: 0, last: afterSeq, outOfOrder: 0 };
        // As the web board does: the events of one server tick come in one frame.
        socket.on('events', (events: AppEvent[]) => {
          for (const e of events) {
            if (e.seq <= board.last) board.outOfOrder++;
            else board.count++;
            board.last = Math.max(board.last, e.seq);
          }
        });
        socket.once('connect', () => {
          if (++connected < command.count) return;
          cpuFrom = process.cpuUsage();
          since = performance.now();
          send({ kind: 'connected', seconds: (performance.now() - t) / 1000 });
        });
        socket.once('connect_error', (err) => {
          console.error(`board ${i} refused: ${err.message}`);
          process.exit(1);
        });
        boards.push(board);
      }
    } else if (command.kind === 'drain') {
      const deadline = Date.now() + DRAIN_MS;
      const check = setInterval(() => {
        if (Date.now() < deadline && boards.some((b) => b.last < command.upTo)) return;
        clearInterval(check);
        const cpu = process.cpuUsage(cpuFrom);
        send({
          kind: 'drained',
          received: boards.map((b) => b.count),
          outOfOrder: boards.reduce((sum, b) => sum + b.outOfOrder, 0),
          expected: command.upTo - afterSeq,
          cpu: (cpu.user + cpu.system) / 1000 / (performance.now() - since),
        });
      }, 20);
    } else if (command.kind === 'exit') {
      for (const b of boards) b.socket.disconnect();
      process.exit(0);
    }
  });
  send({ kind: 'ready', url: '', token: '' });
}

/** node:http alone: the same JSON, serialised per request as res.json does, and nothing else. */
function runBare(): void {
  let bodies: Record<string, unknown> = {};
  const server = createHttpServer((req, res) => {
    const value = bodies[req.url ?? ''];
    const body = JSON.stringify(value ?? { error: 'not found' });
    res.writeHead(value === undefined ? 404 : 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  const meter = loopMeter();
  process.on('message', (command: Command) => {
    if (meter(command)) return;
    if (command.kind === 'bodies') bodies = command.bodies;
    else if (command.kind === 'exit') server.close(() => process.exit(0));
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    send({
      kind: 'ready',
      url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      token: '',
    });
  });
}

/** A forked role of this file. */
function spawnRole(role: string) {
  return forkRole<Command, Reply>(fileURLToPath(import.meta.url), role);
}
type Role = ReturnType<typeof spawnRole>;

/** Runs the load with the given processes' loop delay and CPU measured around it. */
async function measured<T>(meters: Role[], load: () => PromiseLike<T>) {
  await Promise.all(meters.map((m) => m.ask({ kind: 'measure' }, 'measuring')));
  const cpuFrom = process.cpuUsage();
  const since = performance.now();
  const result = await load();
  const cpu = process.cpuUsage(cpuFrom);
  const stats = await Promise.all(meters.map((m) => m.ask({ kind: 'stop-measuring' }, 'measured')));
  return {
    result,
    loops: stats.map((s) => s.stats),
    cannonCpu: (cpu.user + cpu.system) / 1000 / (performance.now() - since),
  };
}

const pct = (share: number) => `${(share * 100).toFixed(0)} %`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function describe(r: autocannon.Result): string {
  const codes = Object.entries(r.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(', ');
  return (
    `${r.requests.total} requests in ${r.duration.toFixed(1)} s: req/s mean ${r.requests.mean.toFixed(0)}, median ${r.requests.p50.toFixed(0)} (per-second samples); ` +
    `latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; ` +
    `non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts} (status codes: ${codes})`
  );
}

function describeLoop(who: string, loop: LoopStats, withTarget: boolean): string {
  return (
    `${who}: CPU ${pct(loop.cpu)} of a core; event-loop delay p50 ${ms(loop.p50)}, p99 ${ms(loop.p99)}, max ${ms(loop.max)}` +
    (withTarget ? ` — target p99 ≤ 20 ms: ${verdict(loop.p99, 20)}` : '')
  );
}

async function runBench(): Promise<void> {
  console.log(`http.bench: ${machine()}; load average ${loadavg()[0]!.toFixed(2)} at the start`);
  const server = spawnRole('server');
  const { url, token } = await server.next('ready');
  const headers = { authorization: `Bearer ${token}` };

  const counts = [WARMUP.pool, POOL_A, WARMUP_B.pool, POOL_B].map((n) => n + SPARE);
  const prepared = await server.ask({ kind: 'prepare', counts }, 'prepared');
  const [warmIds, idsA, warmIdsB, idsB] = prepared.batches as [number[], number[], number[], number[]];
  console.log(
    `setup: service (startBenchServer, logger silent) in a child process, autocannon here (${CONNECTIONS} connections, no pipelining, no workers); ` +
      `${counts.reduce((a, b) => a + b, 0)} live proposals, each its own helper and hour, made through the services in ${prepared.seconds.toFixed(1)} s; ` +
      `loop delay sampled every ${LOOP_RESOLUTION_MS} ms (each sample includes that interval)`,
  );

  /** Each request takes the next id: every proposal is accepted once, or not at all. */
  const acceptAll = (ids: number[], seconds: number) => {
    let next = 0;
    return autocannon({
      url,
      connections: CONNECTIONS,
      duration: seconds,
      maxOverallRequests: ids.length - SPARE,
      method: 'POST',
      headers,
      requests: [
        {
          setupRequest: (request) => ({ ...request, path: `/api/v1/proposals/${ids[next++] ?? 0}/accept` }),
        },
      ],
    });
  };
  /** Whether the accepts the run counted as 2xx are accepted proposals in the database. */
  const acceptedCheck = async (before: number, r: autocannon.Result, pool: number) => {
    const { accepted } = await server.ask({ kind: 'state' }, 'state');
    const ranOut =
      r.requests.sent >= pool - SPARE ? `; the pool of ${pool - SPARE} ran out before ${ACCEPT_SECONDS} s` : '';
    const extra = accepted - before - r['2xx'];
    // autocannon stops at the deadline without waiting for the replies still on their way.
    const inFlight = extra >= 0 && extra <= CONNECTIONS ? ` (${extra} in flight when the run stopped)` : ' — MISMATCH';
    return `database: ${accepted - before} proposals accepted by the run, ${r['2xx']} 2xx replies${inFlight}${ranOut}`;
  };
  const floor = async () => (await server.ask({ kind: 'floor' }, 'floor')).perSecond.toFixed(0);
  const load = () => `load average ${loadavg()[0]!.toFixed(2)}`;

  const bare = spawnRole('bare');
  const { url: bareUrl } = await bare.next('ready');

  // Warm-up: the JIT compiles the accept path; not counted.
  await acceptAll(warmIds, WARMUP.seconds);

  // (a) accept with no boards.
  console.log(
    `\nthe disk's floor now: bare one-row commits with the same pragmas in the same directory, ${await floor()} per s; ${load()}`,
  );
  let state = await server.ask({ kind: 'state' }, 'state');
  const a = await measured([server], () => acceptAll(idsA, ACCEPT_SECONDS));
  console.log(`(a) POST /api/v1/proposals/:id/accept, no boards: ${describe(a.result)}`);
  console.log(
    `  target ≥ 2,000 req/s (mean): ${verdict(a.result.requests.mean, 2000, false)}; target p99 ≤ 20 ms: ${verdict(a.result.latency.p99, 20)}`,
  );
  console.log(`  ${await acceptedCheck(state.accepted, a.result, idsA.length)}`);
  console.log(`  (d) ${describeLoop('server', a.loops[0]!, true)}; autocannon ${pct(a.cannonCpu)}`);
  // The same client against bare node:http answering the accept's reply, right after (a).
  const acceptReply: unknown = await (await fetch(`${url}/api/v1/proposals/${idsA[0]}`, { headers })).json();
  bare.tell({ kind: 'bodies', bodies: { '/accept': acceptReply } });
  const bareA = await measured([bare], () =>
    autocannon({ url: `${bareUrl}/accept`, connections: CONNECTIONS, duration: ACCEPT_SECONDS, method: 'POST' }),
  );
  const acceptRatio = a.result.requests.mean / bareA.result.requests.mean;
  console.log(
    `  bare node:http sending the accept's reply, same client: req/s mean ${bareA.result.requests.mean.toFixed(0)}; ` +
      `accept reaches ${acceptRatio.toFixed(3)}× of it — target ≥ 0.06×: ${verdict(acceptRatio, 0.06, false)}; ${describeLoop('bare server', bareA.loops[0]!, false)}`,
  );

  // (b) accept with 200 boards receiving every event.
  const boards = spawnRole('boards');
  await boards.next('ready');
  state = await server.ask({ kind: 'state' }, 'state');
  const { seconds: connectSeconds } = await boards.ask(
    { kind: 'connect', count: BOARDS, url, token, afterSeq: state.lastSeq },
    'connected',
  );
  await acceptAll(warmIdsB, WARMUP_B.seconds);
  state = await server.ask({ kind: 'state' }, 'state');
  const b = await measured([server], () => acceptAll(idsB, ACCEPT_SECONDS));
  const after = await server.ask({ kind: 'state' }, 'state');
  const drained = await boards.ask({ kind: 'drain', upTo: after.lastSeq }, 'drained');
  const missing = drained.received.reduce((sum, n) => sum + (drained.expected - n), 0);
  console.log(
    `\n(b) the same with ${BOARDS} boards (connected in ${connectSeconds.toFixed(1)} s, then ${WARMUP_B.seconds} s of warm-up accepts; ${load()}): ${describe(b.result)}`,
  );
  console.log(
    `  target ≥ 500 req/s (mean): ${verdict(b.result.requests.mean, 500, false)}; target p99 ≤ 50 ms: ${verdict(b.result.latency.p99, 50)}`,
  );
  console.log(`  ${await acceptedCheck(state.accepted, b.result, idsB.length)}`);
  console.log(
    `  boards: ${drained.expected} events since they connected (${after.lastSeq - state.lastSeq} during the run); ` +
      `${BOARDS} × ${drained.expected} = ${BOARDS * drained.expected} expected, ${missing} missing, ${drained.outOfOrder} out of order or repeated; ` +
      `the boards' process used ${pct(drained.cpu)} of a core while connected`,
  );
  console.log(`  (d) ${describeLoop('server', b.loops[0]!, true)}; autocannon ${pct(b.cannonCpu)}`);
  boards.tell({ kind: 'exit' });
  console.log(`the disk's floor after (b): ${await floor()} per s`);

  // (c) plain JSON against bare node:http, alternating so that drift hits both alike.
  const routes = [
    { path: '/healthz', headers: {} },
    { path: '/api/v1/skills', headers },
  ];
  const bodies: Record<string, unknown> = {};
  for (const route of routes) {
    const res = await fetch(url + route.path, { headers: route.headers });
    if (res.status !== 200) throw new Error(`${route.path}: ${res.status}`);
    bodies[route.path] = await res.json();
  }
  bare.tell({ kind: 'bodies', bodies });
  const hit = (base: string, path: string, h: Record<string, string>, duration: number) =>
    autocannon({ url: base + path, connections: CONNECTIONS, duration, headers: h });
  for (const route of routes) {
    await hit(url, route.path, route.headers, 2);
    await hit(bareUrl, route.path, route.headers, 2);
  }
  console.log(
    `\n(c) ${load()}; plain JSON, ${JSON_ROUNDS} alternating rounds of ${JSON_SECONDS} s each, service and bare node:http (each in a child process of its own, after 2 s of warm-up)`,
  );
  for (const route of routes) {
    const bytes = JSON.stringify(bodies[route.path]).length;
    const service: number[] = [];
    const plain: number[] = [];
    const bareCpu: number[] = [];
    for (let round = 0; round < JSON_ROUNDS; round++) {
      const s = await measured([server], () => hit(url, route.path, route.headers, JSON_SECONDS));
      const p = await measured([bare], () => hit(bareUrl, route.path, route.headers, JSON_SECONDS));
      service.push(s.result.requests.mean);
      plain.push(p.result.requests.mean);
      bareCpu.push(p.loops[0]!.cpu);
      console.log(`  GET ${route.path} (${bytes} bytes of JSON), round ${round + 1}`);
      console.log(`    service: ${describe(s.result)}`);
      console.log(`      (d) ${describeLoop('server', s.loops[0]!, true)}; autocannon ${pct(s.cannonCpu)}`);
      console.log(`    bare:    ${describe(p.result)}`);
      console.log(`      ${describeLoop('bare server', p.loops[0]!, false)}; autocannon ${pct(p.cannonCpu)}`);
    }
    const ratio = service.reduce((x, y) => x + y, 0) / plain.reduce((x, y) => x + y, 0);
    console.log(
      `  GET ${route.path}: the service serves ${ratio.toFixed(3)}× bare node:http's req/s (means over the rounds) — target ≥ 0.15×: ${verdict(ratio, 0.15, false)}`,
    );
    if (Math.min(...bareCpu) < 0.9) {
      console.log(
        `    caveat: the bare server had under 90 % of a core (${bareCpu.map(pct).join(', ')}): autocannon or the rest of the machine held it back, so its req/s is a lower bound and this ratio an upper bound`,
      );
    }
  }

  bare.tell({ kind: 'exit' });
  server.tell({ kind: 'exit' });
}

const role = process.argv[2];
if (role === 'server') await runServer();
else if (role === 'boards') runBoards();
else if (role === 'bare') runBare();
else await runBench();
