/**
 * Memory and start-up of the service as it is run, on a database with 10,000 helpers, 10,000 residents
 * and 1,000,000 past requests. Targets: resident set size ≤ 300 MB; start-up ≤ 2 s, from spawning the
 * process to `GET /healthz` answering 200.
 *
 * Run: tsx scripts/bench/memory.bench.ts
 *
 * The service is started as `npm start` starts it, and three leaner ways for comparison: the tsx CLI
 * alone (`tsx src/main.ts`, what the npm script runs: a node process that spawns the service's node
 * process with tsx's loader), `node --import tsx src/main.ts` (one process, tsx compiling on the fly)
 * and `node main.mjs`, a bundle prebuilt with esbuild (no compiling at start-up; its build time is not
 * counted). `npm start` is the honest start-up figure for the service as documented today.
 *
 * RSS is VmRSS from /proc of the service's own node process (the one that listens), read after
 * `/healthz` answers and again after representative calls (GET /board, GET candidates); VmHWM is its
 * peak. The service's children (esbuild's service process, started to bundle the web client) and the
 * wrappers (npm, sh, the tsx CLI) are listed beside it. Logging is at info (the default) to a file.
 * The first start on the file is reported on its own: it takes the nightly backup and catches up the
 * jobs, which later restarts find done.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { openDatabase } from '../../src/db/client.js';
import { createServices } from '../../src/services.js';
import { buildAssets } from '../../src/web/assets.js';
import { type Random, seededRandom } from '../demo/random.js';
import { randomHelperInput, randomPlace } from './fixtures.js';
import { BENCH_PASSWORD } from './server.js';
import { fmt, machine, summarise, verdict } from './stats.js';

const HELPERS = 10_000;
const RESIDENTS = 10_000;
const PAST = 1_000_000;
/** Requests still in play (open, in the next two weeks): what the board shows. */
const LIVE = 300;
const ROUNDS = 3;
const CALLS = 5;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const START_TIMEOUT_MS = 30_000;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const dir = mkdtempSync(join(tmpdir(), 'wijkmatch-bench-'));
const dbPath = join(dir, 'bench.sqlite');
/** The service logs at info, as by default; kept to explain a failed run. */
const logPath = join(dir, 'service.log');
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

/** The fixture: helpers through the service, the bulk history as rows, as candidates.bench.ts does. */
async function buildDatabase() {
  const db = openDatabase(dbPath);
  const services = createServices(db, { autoPropose: false, sessionHours: 12, publicUrl: 'http://bench' });
  await services.auth.createUser(
    { email: 'bench@wijkmatch.test', password: BENCH_PASSWORD, name: 'b', role: 'dispatcher' },
    null,
  );
  const { token } = await services.auth.login('bench@wijkmatch.test', BENCH_PASSWORD);
  const rnd: Random = seededRandom(23);
  const now = Date.now();
  const sqlite = db.$client;
  sqlite.transaction(() => {
    for (let i = 0; i < HELPERS; i++) {
      services.helpers.create(
        {
          name: `Helper ${i}`,
          kind: 'student',
          ...randomHelperInput(rnd),
          availability: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
        },
        'bench',
      );
    }
    const resident = sqlite.prepare(
      "insert into residents (name, postcode, lat, lon, languages, excluded_helper_ids, created_at, updated_at) values (?, '6371AB', ?, ?, '[]', '[]', ?, ?)",
    );
    for (let i = 0; i < RESIDENTS; i++) {
      const p = randomPlace(rnd);
      resident.run(`Resident ${i}`, p.lat, p.lon, now, now);
    }
    const past = sqlite.prepare(
      "insert into requests (resident_id, skills, window_start, window_end, duration_minutes, urgency, channel, lat, lon, status, helper_id, scheduled_start, scheduled_end, hours, created_at, updated_at) values (?, '[\"groceries\"]', ?, ?, 60, 'normal', 'phone', ?, ?, 'completed', ?, ?, ?, 1, ?, ?)",
    );
    for (let i = 0; i < PAST; i++) {
      // Two years of history, the newest up to an hour ago: this week's hours count on the board.
      const start = now - rnd.int(1, 730 * 24) * HOUR;
      const p = randomPlace(rnd);
      past.run(
        rnd.int(1, RESIDENTS),
        start,
        start + 2 * HOUR,
        p.lat,
        p.lon,
        rnd.int(1, HELPERS),
        start,
        start + HOUR,
        start,
        start,
      );
    }
  })();
  const first = new Date(now + 2 * DAY);
  first.setUTCHours(9, 0, 0, 0);
  const live: number[] = [];
  for (let i = 0; i < LIVE; i++) {
    const start = first.getTime() + (i % 10) * DAY + (i % 8) * HOUR;
    try {
      live.push(
        services.requests.create(
          {
            residentId: rnd.int(1, RESIDENTS),
            skills: ['groceries'],
            window: { start: new Date(start).toISOString(), end: new Date(start + 2 * HOUR).toISOString() },
            durationMinutes: 60,
          },
          null,
          'bench',
        ).id,
      );
    } catch {
      // A request on a closed day is refused; the board needs some, not all.
    }
  }
  db.$client.close();
  return { token, live };
}

/** Every process's parent, from /proc. */
function parents(): Map<number, number> {
  const result = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name is in parentheses and may hold spaces: the fields after it are fixed.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      result.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone in between.
    }
  }
  return result;
}

interface ProcessMemory {
  pid: number;
  depth: number;
  command: string;
  rssKb: number;
  hwmKb: number;
}

function memoryOf(pid: number, depth: number): ProcessMemory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, depth, command, rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
  } catch {
    return null;
  }
}

/** The spawned process and its descendants; the service is the deepest node process. */
function tree(root: number) {
  const parentOf = parents();
  const all: ProcessMemory[] = [];
  const visit = (pid: number, depth: number) => {
    const m = memoryOf(pid, depth);
    if (m) all.push(m);
    for (const [child, parent] of parentOf) if (parent === pid) visit(child, depth + 1);
  };
  visit(root, 0);
  const nodes = all.filter((p) => !/esbuild/.test(p.command));
  const service = nodes.reduce((a, b) => (b.depth > a.depth ? b : a));
  return { service, all, children: all.filter((p) => p.depth > service.depth) };
}

function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Mode {
  name: string;
  command: string;
  args: string[];
}

interface StartResult {
  startMs: number;
  afterStart: ReturnType<typeof tree>;
  afterCalls: ReturnType<typeof tree>;
  boardMs: number[];
  candidatesMs: number[];
  boardBytes: number;
}

const completedBackups = (backupDir: string) => {
  try {
    return readdirSync(backupDir).filter((name) => name.endsWith('.sqlite'));
  } catch {
    return [];
  }
};

async function startOnce(
  mode: Mode,
  token: string,
  requestId: number,
  backupDir: string,
  waitForBackup = false,
): Promise<StartResult & { backup?: { ms: number; slowestHealthzMs: number; failed: number } }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let stderr = '';
  const logFd = openSync(logPath, 'a');
  const t0 = performance.now();
  const child: ChildProcess = spawn(mode.command, mode.args, {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', logFd, 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      WIJKMATCH_DB: dbPath,
      WIJKMATCH_BACKUP_DIR: backupDir,
      LOG_LEVEL: 'info',
    },
  });
  closeSync(logFd);
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let last: ReturnType<typeof tree> | null = null;
  try {
    for (;;) {
      if (performance.now() - t0 > START_TIMEOUT_MS || child.exitCode !== null) {
        throw new Error(`${mode.name} did not start: ${stderr.slice(-2000)}`);
      }
      const ok = await fetch(`${base}/healthz`).then(
        (res) => res.status === 200,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const startMs = performance.now() - t0;
    let backup: { ms: number; slowestHealthzMs: number; failed: number } | undefined;
    if (waitForBackup) {
      // While the backup runs, /healthz every 100 ms on a fresh connection: how long the service stalls.
      let slowestHealthzMs = 0;
      let failed = 0;
      while (completedBackups(backupDir).length === 0) {
        if (performance.now() - t0 > 10 * START_TIMEOUT_MS) throw new Error('no backup after 300 s');
        const t = performance.now();
        const ok = await fetch(`${base}/healthz`, { headers: { connection: 'close' } }).then(
          (res) => res.status === 200,
          () => false,
        );
        if (!ok) failed++;
        slowestHealthzMs = Math.max(slowestHealthzMs, performance.now() - t);
        await new Promise((r) => setTimeout(r, 100));
      }
      backup = { ms: performance.now() - t0, slowestHealthzMs, failed };
    }
    // A second for what the start-up jobs left on the loop.
    await new Promise((r) => setTimeout(r, 1000));
    const afterStart = tree(child.pid!);
    last = afterStart;
    const headers = { authorization: `Bearer ${token}` };
    const timed = async (path: string) => {
      const t = performance.now();
      const res = await fetch(base + path, { headers }).catch((err: unknown) => {
        const log = readFileSync(logPath, 'utf8');
        throw new Error(`${mode.name}: GET ${path} failed: ${String(err)}\n${stderr}\n${log.slice(-3000)}`);
      });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return { ms: performance.now() - t, bytes: body.byteLength };
    };
    const boardMs: number[] = [];
    const candidatesMs: number[] = [];
    let boardBytes = 0;
    for (let i = 0; i < CALLS; i++) {
      const board = await timed('/api/v1/board');
      boardMs.push(board.ms);
      boardBytes = board.bytes;
      candidatesMs.push((await timed(`/api/v1/requests/${requestId}/candidates`)).ms);
    }
    const afterCalls = tree(child.pid!);
    last = afterCalls;
    return { startMs, afterStart, afterCalls, boardMs, candidatesMs, boardBytes, backup };
  } finally {
    // The whole group this run started: npm, sh, the tsx CLI and the service.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
    // Every process of the group gone, the service's database closed, before the next start.
    const pids = [child.pid!, ...(last?.all.map((p) => p.pid) ?? [])];
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (pids.some(alive)) await new Promise((r) => setTimeout(r, 20));
  }
}

async function bundle(): Promise<{ path: string; ms: number }> {
  // Laid out so that the bundle's import.meta.url finds what the sources find beside them.
  const out = join(dir, 'bundle');
  mkdirSync(join(out, 'src', 'bundle'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'));
  symlinkSync(join(ROOT, 'db'), join(out, 'db'));
  symlinkSync(join(ROOT, 'src', 'web', 'client'), join(out, 'src', 'bundle', 'client'));
  const path = join(out, 'src', 'bundle', 'main.mjs');
  const t = performance.now();
  await build({
    entryPoints: [join(ROOT, 'src', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: path,
    logLevel: 'warning',
  });
  return { path, ms: performance.now() - t };
}

console.log(`memory.bench: ${machine()}; load average ${loadavg()[0]!.toFixed(2)} at the start`);
let t = performance.now();
const { token, live } = await buildDatabase();
const size = ['', '-wal'].reduce((sum, suffix) => {
  try {
    return sum + statSync(dbPath + suffix).size;
  } catch {
    return sum;
  }
}, 0);
console.log(
  `fixture: ${HELPERS} helpers (through the service), ${RESIDENTS} residents, ${PAST} completed requests over two years, ${live.length} open requests in the next two weeks; ${(size / 2 ** 20).toFixed(0)} MB on disk; built in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

// Two parts of start-up, timed in this process for the breakdown.
t = performance.now();
openDatabase(dbPath).$client.close();
const openMs = performance.now() - t;
t = performance.now();
buildAssets();
const assetsMs = performance.now() - t;

const bundled = await bundle();
const tsxCli = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const modes: Mode[] = [
  { name: 'npm start', command: 'npm', args: ['start', '--silent'] },
  { name: 'tsx src/main.ts', command: process.execPath, args: [tsxCli, 'src/main.ts'] },
  { name: 'node --import tsx src/main.ts', command: process.execPath, args: ['--import', 'tsx', 'src/main.ts'] },
  { name: 'node main.mjs (esbuild bundle)', command: process.execPath, args: [bundled.path] },
];
console.log(
  `in this process: openDatabase on the file (pragmas, migrations check) ${fmt(openMs)}; buildAssets() (esbuild bundles the web client, done at every start) ${fmt(assetsMs)}; the esbuild bundle of src/main.ts took ${fmt(bundled.ms)} to build (not counted below)`,
);

const backupDir = join(dir, 'backups');
const requestId = live[0]!;
const describeTree = (x: ReturnType<typeof tree>) => {
  const others = x.all
    .filter((p) => p !== x.service)
    .map((p) => `${p.command.split(' ')[0]!.split('/').pop()} ${mb(p.rssKb)}`)
    .join(', ');
  return `service RSS ${mb(x.service.rssKb)} (peak ${mb(x.service.hwmKb)})${others ? `; beside it: ${others}` : ''}`;
};

const first = await startOnce(modes[2]!, token, requestId, backupDir, true);
console.log(
  `\nfirst start on the file (${modes[2]!.name}; the start-up jobs catch up, the nightly backup is due): up in ${first.startMs.toFixed(0)} ms; after start: ${describeTree(first.afterStart)}; after calls: ${describeTree(first.afterCalls)}`,
);
console.log(
  `  the backup was complete ${((first.backup?.ms ?? 0) / 1000).toFixed(1)} s after the spawn; meanwhile /healthz (every 100 ms) took up to ${((first.backup?.slowestHealthzMs ?? 0) / 1000).toFixed(1)} s, ${first.backup?.failed ?? 0} failed`,
);

const results = new Map<string, StartResult[]>(modes.map((m) => [m.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const mode of modes) results.get(mode.name)!.push(await startOnce(mode, token, requestId, backupDir));
}

console.log(
  `\nrestarts, ${ROUNDS} rounds, the four ways in turn; load average ${loadavg()[0]!.toFixed(2)}; healthz polled every 5 ms`,
);
for (const mode of modes) {
  const runs = results.get(mode.name)!;
  const starts = runs.map((r) => r.startMs);
  const median = summarise(starts).median;
  console.log(`${mode.name}:`);
  console.log(
    `  start-up (spawn → /healthz 200): ${starts.map((x) => x.toFixed(0)).join(', ')} ms; median ${median.toFixed(0)} ms — target ≤ 2 s: ${verdict(median, 2000)}`,
  );
  const rssStart = summarise(runs.map((r) => r.afterStart.service.rssKb)).median;
  const rssCalls = summarise(runs.map((r) => r.afterCalls.service.rssKb)).median;
  const peak = Math.max(...runs.map((r) => r.afterCalls.service.hwmKb));
  const withChildren = summarise(
    runs.map((r) => r.afterCalls.service.rssKb + r.afterCalls.children.reduce((sum, c) => sum + c.rssKb, 0)),
  ).median;
  console.log(
    `  service RSS (median of the rounds): ${mb(rssStart)} after start, ${mb(rssCalls)} after ${CALLS} × (GET /board + GET candidates), peak ${mb(peak)} — target ≤ 300 MB: ${verdict(rssCalls / 1024, 300)}; with its child processes ${mb(withChildren)}: ${verdict(withChildren / 1024, 300)}`,
  );
  console.log(`  last round: ${describeTree(runs[runs.length - 1]!.afterCalls)}`);
}
const calls = [...results.values()].flat();
const board = summarise(calls.flatMap((r) => r.boardMs.slice(1)));
const candidates = summarise(calls.flatMap((r) => r.candidatesMs.slice(1)));
console.log(
  `\ncalls (after the first of each start): GET /board (${(calls[0]!.boardBytes / 1024).toFixed(0)} KB) median ${fmt(board.median)}; GET candidates median ${fmt(candidates.median)}`,
);

rmSync(dir, { recursive: true, force: true });
