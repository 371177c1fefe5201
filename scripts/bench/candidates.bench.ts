/**
 * GET /api/v1/requests/:id/candidates over HTTP on a database with 5,000 helpers, 5,000 residents and
 * 100,000 past requests. Target: p99 ≤ 30 ms.
 * Run: npm run bench:candidates
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Random, seededRandom } from '../demo/random.js';
import { randomHelperInput, randomPlace } from './fixtures.js';
import { startBenchServer } from './server.js';
import { fmt, machine, summarise, verdict } from './stats.js';

const HELPERS = 5_000;
const RESIDENTS = 5_000;
const PAST = 100_000;
const RUNS = 300;
const DAY = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'wijkmatch-bench-'));
const bench = await startBenchServer(join(dir, 'bench.sqlite'));
const rnd: Random = seededRandom(11);
const now = Date.now();

console.log(`candidates.bench: ${machine()}`);
let t = performance.now();
// Helpers go through the service (validation, revision stamp); the bulk history is a fixture.
for (let i = 0; i < HELPERS; i++) {
  bench.services.helpers.create(
    {
      name: `Helper ${i}`,
      kind: 'student',
      ...randomHelperInput(rnd),
      availability: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
    },
    'bench',
  );
}
const sqlite = bench.db.$client;
sqlite.transaction(() => {
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
    const start = now - rnd.int(1, 730) * DAY + rnd.int(9, 16) * 3_600_000;
    const p = randomPlace(rnd);
    past.run(
      rnd.int(1, RESIDENTS),
      start,
      start + 2 * 3_600_000,
      p.lat,
      p.lon,
      rnd.int(1, HELPERS),
      start,
      start + 3_600_000,
      start,
      start,
    );
  }
})();
console.log(
  `fixture: ${HELPERS} helpers, ${RESIDENTS} residents, ${PAST} past requests in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const start = new Date(now + 2 * DAY);
start.setUTCHours(9, 0, 0, 0);
const request = bench.services.requests.create(
  {
    residentId: 1,
    skills: ['groceries'],
    window: { start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString() },
    durationMinutes: 60,
  },
  null,
  'bench',
);
const url = `${bench.url}/api/v1/requests/${request.id}/candidates`;
const headers = { Authorization: `Bearer ${bench.token}` };

let body = { candidates: [] as unknown[], excluded: [] as unknown[] };
for (let i = 0; i < 30; i++) body = (await (await fetch(url, { headers })).json()) as typeof body;
const samples: number[] = [];
for (let i = 0; i < RUNS; i++) {
  t = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  samples.push(performance.now() - t);
}
const s = summarise(samples);
console.log(
  `GET candidates (${body.candidates.length} ranked, ${body.excluded.length} excluded), ${RUNS} sequential requests: median ${fmt(s.median)}, p95 ${fmt(s.p95)}, p99 ${fmt(s.p99)} — target p99 ≤ 30 ms: ${verdict(s.p99, 30)}`,
);

const split: number[] = [];
for (let i = 0; i < 100; i++) {
  t = performance.now();
  bench.services.requests.candidates(request.id);
  split.push(performance.now() - t);
}
console.log(`  of which the service (read + rank + shape, no HTTP/JSON): median ${fmt(summarise(split).median)}`);

await bench.close();
rmSync(dir, { recursive: true, force: true });
