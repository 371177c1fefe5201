/**
 * Every report over HTTP for a year of a 300-helper organisation: 300 helpers, 3,000
 * residents in 60 CBS buurten, two years of requests (about 4 jobs per helper per week, and the
 * cancelled, unmet and open requests beside them, each unmet one with why), one year reported. Target:
 * median ≤ 500 ms per report.
 * Run: npm run bench:reports
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { URGENCIES } from '../../src/domain.js';
import { WHY_UNMET } from '../../src/reports/reports.types.js';
import { SKILL_CATALOGUE } from '../../src/skills/skills.catalogue.js';
import { type Random, seededRandom } from '../demo/random.js';
import { randomHelperInput, randomPlace } from './fixtures.js';
import { startBenchServer } from './server.js';
import { fmt, machine, summarise, verdict } from './stats.js';

const HELPERS = 300;
const RESIDENTS = 3_000;
const BUURTEN = 60;
const JOBS_PER_HELPER_WEEK = 4;
const WEEKS = 104;
const RUNS = 30;
const WARMUP = 3;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The reported year: 2025-12-01 to 2026-11-30; the year before it is history the index must skip. */
const PERIOD = { from: '2025-12-01', to: '2026-11-30' };
const END = Date.parse('2026-12-01T00:00:00+01:00');

const dir = mkdtempSync(join(tmpdir(), 'wijkmatch-bench-'));
const bench = await startBenchServer(join(dir, 'bench.sqlite'));
const rnd: Random = seededRandom(15);

console.log(`reports.bench: ${machine()}, load ${loadavg()[0]!.toFixed(1)}`);
let t = performance.now();
for (let i = 0; i < HELPERS; i++)
  bench.services.helpers.create({ name: `Helper ${i}`, kind: 'student', ...randomHelperInput(rnd) }, 'bench');

const SKILLS = SKILL_CATALOGUE.map((s) => s.code);
const sqlite = bench.db.$client;
let requests = 0;
sqlite.transaction(() => {
  const resident = sqlite.prepare(
    `insert into residents (name, postcode, lat, lon, languages, excluded_helper_ids, created_at, updated_at,
       wijk_code, wijk_name, buurt_code, buurt_name)
     values (?, '6371AB', ?, ?, '[]', '[]', ?, ?, ?, ?, ?, ?)`,
  );
  for (let i = 0; i < RESIDENTS; i++) {
    const p = randomPlace(rnd);
    const buurt = rnd.int(0, BUURTEN - 1);
    // One resident in twenty was pinned without an address: no neighbourhood.
    const place = rnd.chance(0.05)
      ? [null, null, null, null]
      : [
          `WK0882${String(buurt >> 3).padStart(2, '0')}`,
          `Wijk ${buurt >> 3}`,
          `BU0882${String(buurt).padStart(4, '0')}`,
          `Buurt ${buurt}`,
        ];
    resident.run(`Resident ${i}`, p.lat, p.lon, END, END, ...place);
  }
  const request = sqlite.prepare(
    `insert into requests (resident_id, skills, window_start, window_end, duration_minutes, urgency, channel, lat, lon,
       status, helper_id, scheduled_start, scheduled_end, hours, created_at, updated_at)
     values (?, ?, ?, ?, 60, ?, 'phone', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Why each unmet one went unmet, as the service records it (request_unmet): a reason drawn at random.
  const unmet = sqlite.prepare(
    `insert into request_unmet (request_id, reason, helpers, moment, recorded_at) values (?, ?, '{}', ?, ?)`,
  );
  const reasons = WHY_UNMET.filter((r) => r !== 'unrecorded');
  const jobs = HELPERS * JOBS_PER_HELPER_WEEK * WEEKS;
  for (let i = 0; i < jobs; i++) {
    const start = END - rnd.int(1, WEEKS * 7) * DAY + rnd.int(9, 16) * HOUR;
    const p = randomPlace(rnd);
    const skills = rnd.chance(0.2) ? [rnd.pick(SKILLS), rnd.pick(SKILLS)] : [rnd.pick(SKILLS)];
    // Most are done; some were cancelled before or after a helper was found, some never found one.
    const roll = rnd.next();
    const status = roll < 0.85 ? 'completed' : roll < 0.9 ? 'cancelled' : roll < 0.97 ? 'open' : 'assigned';
    const helper = status === 'completed' || status === 'assigned' || rnd.chance(0.3) ? rnd.int(1, HELPERS) : null;
    const { lastInsertRowid } = request.run(
      rnd.int(1, RESIDENTS),
      JSON.stringify([...new Set(skills)]),
      start,
      start + 2 * HOUR,
      rnd.pick(URGENCIES),
      p.lat,
      p.lon,
      status,
      status === 'open' ? null : helper,
      helper === null ? null : start,
      helper === null ? null : start + HOUR,
      status === 'completed' ? rnd.int(2, 8) / 4 : null,
      start - 7 * DAY,
      start,
    );
    if (status === 'open' || (status === 'cancelled' && helper === null))
      unmet.run(lastInsertRowid, rnd.pick(reasons), status === 'open' ? 'window' : 'cancelled', start);
    requests += 1;
  }
})();
sqlite.pragma('optimize');
console.log(
  `fixture: ${HELPERS} helpers, ${RESIDENTS} residents in ${BUURTEN} buurten, ${requests} requests over ${WEEKS} weeks in ${((performance.now() - t) / 1000).toFixed(1)} s`,
);

const headers = { Authorization: `Bearer ${bench.token}` };
const REPORTS = [
  ['hours', 'helper'],
  ['hours', 'track'],
  ['hours', 'skill'],
  ['hours', 'week'],
  ['demand', 'neighbourhood'],
  ['demand', 'skill'],
  ['demand', 'urgency'],
  ['demand', 'channel'],
  ['participants', 'track'],
  ['quality', ''],
] as const;

for (const format of ['json', 'csv', 'xlsx'] as const) {
  for (const [report, by] of REPORTS) {
    if (format !== 'json' && by !== 'neighbourhood' && by !== 'helper') continue;
    const url = `${bench.url}/api/v1/reports/${report}?from=${PERIOD.from}&to=${PERIOD.to}${by ? `&by=${by}` : ''}&format=${format}`;
    let bytes = 0;
    for (let i = 0; i < WARMUP; i++) bytes = (await (await fetch(url, { headers })).arrayBuffer()).byteLength;
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      const res = await fetch(url, { headers });
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      samples.push(performance.now() - t);
    }
    const s = summarise(samples);
    console.log(
      `GET /reports/${report}${by ? `?by=${by}` : ''} as ${format} (${(bytes / 1024).toFixed(1)} KB), ${RUNS} sequential: median ${fmt(s.median)}, p95 ${fmt(s.p95)} — target median ≤ 500 ms: ${verdict(s.median, 500)}`,
    );
  }
}

// The same reports in-process: the queries and sums alone, without HTTP and serialising.
const identity = bench.services.auth.authenticate(bench.token)!;
for (const [report, by] of REPORTS) {
  const run = () => {
    if (report === 'hours') return bench.services.reports.hours({ ...PERIOD, by }, identity);
    if (report === 'demand') return bench.services.reports.demand({ ...PERIOD, by });
    if (report === 'participants') return bench.services.reports.participants({ ...PERIOD, by });
    return bench.services.reports.quality(PERIOD);
  };
  for (let i = 0; i < WARMUP; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  console.log(`  service only, ${report}${by ? ` by ${by}` : ''}: median ${fmt(summarise(samples).median)}`);
}

await bench.close();
rmSync(dir, { recursive: true, force: true });
