/**
 * The accept transaction in a loop, synchronous=FULL (every commit reaches the disk): one by one (each
 * accept its own commit), and ten at a time as ten connections send them (one group commit per tick).
 * Target: ≥ 2,000 accepts per second.
 * Run: npm run bench:accept
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '../../src/auth/auth.types.js';
import { holidaysBetween } from '../../src/closures/holidays.js';
import { openDatabase } from '../../src/db/client.js';
import { localDay } from '../../src/matching/calendar.js';
import { seededRandom } from '../demo/random.js';
import { randomPlace } from './fixtures.js';
import { startBenchServer } from './server.js';
import { machine, verdict } from './stats.js';

/** What the disk allows at all: a one-row insert per transaction, WAL and synchronous=FULL. */
function bareCommitsPerSecond(path: string): number {
  const db = openDatabase(path).$client;
  db.exec('create table bench_floor (x integer)');
  const insert = db.prepare('insert into bench_floor values (?)');
  const commit = db.transaction((i: number) => insert.run(i));
  const t = performance.now();
  for (let i = 0; i < 2000; i++) commit(i);
  const rate = 2000 / ((performance.now() - t) / 1000);
  db.close();
  return rate;
}

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PER_ROUND = 500;
const HOUR = 3_600_000;
const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));

const dir = mkdtempSync(join(tmpdir(), 'wijkmatch-bench-'));
const bench = await startBenchServer(join(dir, 'bench.sqlite'));
const staff = bench.services.auth.authenticate(bench.token) as Identity;
const rnd = seededRandom(3);
console.log(`accept.bench: ${machine()}`);
console.log(`disk: ${execSync(`df -h ${dir} | tail -1`).toString().trim()}`);
console.log(
  `journal_mode=${bench.db.$client.pragma('journal_mode', { simple: true })}, synchronous=${bench.db.$client.pragma('synchronous', { simple: true })} (2 = FULL)`,
);

// One helper per job, each job its own hour, so every accept is a real assignment with no conflict.
const total = 2 * ROUNDS * PER_ROUND;
const residents = Array.from({ length: 500 }, (_, i) =>
  bench.services.residents.create(
    { name: `R${i}`, address: { postcode: '6371AB' }, location: randomPlace(rnd) },
    'bench',
  ),
);
const firstHour = Math.ceil(Date.now() / HOUR) * HOUR + 24 * HOUR;
// Nothing is planned on a public holiday: those hours are skipped.
const localDate = (ms: number) => localDay(ms, 'Europe/Amsterdam').date;
const holidays = new Set(
  holidaysBetween(localDate(firstHour), localDate(firstHour + 2 * total * HOUR)).map((h) => h.date),
);
const hours: number[] = [];
for (let start = firstHour; hours.length < total; start += HOUR) if (!holidays.has(localDate(start))) hours.push(start);
const proposals: number[] = [];
for (let i = 0; i < total; i++) {
  const helper = bench.services.helpers.create(
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
  const start = hours[i]!;
  const request = bench.services.requests.create(
    {
      residentId: residents[i % residents.length]!.id,
      skills: ['groceries'],
      window: { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() },
    },
    null,
    'bench',
  );
  proposals.push(bench.services.proposals.propose(request.id, helper.id, null, 'bench').id);
}

const AT_ONCE = 10;
const rates = { alone: [] as number[], grouped: [] as number[] };
/** CPU time of the process per accept, every thread: what the accept costs apart from the disk's wait. */
const cpuPerAccept = { alone: [] as number[], grouped: [] as number[] };
for (let r = 0; r < 2 * ROUNDS; r++) {
  const batch = proposals.slice(r * PER_ROUND, (r + 1) * PER_ROUND);
  const mode = r % 2 === 0 ? 'alone' : 'grouped';
  const t = performance.now();
  const cpuStart = process.cpuUsage();
  if (mode === 'alone') for (const id of batch) await bench.services.proposals.accept(id, staff, 'bench');
  else
    for (let i = 0; i < batch.length; i += AT_ONCE)
      await Promise.all(batch.slice(i, i + AT_ONCE).map((id) => bench.services.proposals.accept(id, staff, 'bench')));
  rates[mode].push(PER_ROUND / ((performance.now() - t) / 1000));
  const cpu = process.cpuUsage(cpuStart);
  cpuPerAccept[mode].push((cpu.user + cpu.system) / 1000 / PER_ROUND);
}
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const median = medianOf(rates.alone);
const grouped = medianOf(rates.grouped);
const floor = bareCommitsPerSecond(join(dir, 'floor.sqlite'));
console.log(
  `the disk's floor: bare one-row commits with the same pragmas, ${floor.toFixed(0)} per s; accept reaches ${(median / floor).toFixed(2)} of it`,
);
console.log(
  `accept one by one, ${ROUNDS} rounds of ${PER_ROUND}: ${rates.alone.map((x) => x.toFixed(0)).join(', ')} per s; median ${median.toFixed(0)} per s — target ≥ 2,000 per s: ${verdict(median, 2000, false)}`,
);
console.log(
  `accept ${AT_ONCE} at a time (one commit each), ${ROUNDS} rounds of ${PER_ROUND}: ${rates.grouped.map((x) => x.toFixed(0)).join(', ')} per s; median ${grouped.toFixed(0)} per s — target ≥ 2,000 per s: ${verdict(grouped, 2000, false)}`,
);
console.log(
  `CPU per accept (median): ${medianOf(cpuPerAccept.alone).toFixed(3)} ms one by one, ${medianOf(cpuPerAccept.grouped).toFixed(3)} ms ${AT_ONCE} at a time`,
);
await bench.close();
rmSync(dir, { recursive: true, force: true });
