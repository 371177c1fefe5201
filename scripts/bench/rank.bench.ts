/**
 * Ranking all helpers for one request with the pure core, the skill index built once beforehand.
 * Targets: 10,000 helpers p99 ≤ 2 ms; 100,000 helpers p99 ≤ 20 ms.
 * Run: npm run bench:rank
 */
import { indexHelpers, rankCandidates } from '../../src/matching/rank.js';
import { DEFAULT_SETTINGS } from '../../src/settings/settings.service.js';
import { SKILL_CATALOGUE } from '../../src/skills/skills.catalogue.js';
import { randomProfiles, typicalJob } from './fixtures.js';
import { fmt, machine, summarise, verdict } from './stats.js';

const ctx = {
  now: Date.parse('2026-11-23T08:00:00+01:00'),
  settings: DEFAULT_SETTINGS,
  skillTracks: new Map(SKILL_CATALOGUE.map((s) => [s.code, s.track])),
  closedDates: new Set<string>(),
};

console.log(`rank.bench: ${machine()}`);
for (const [count, runs, target] of [
  [10_000, 400, 2],
  [100_000, 60, 20],
] as const) {
  const helpers = randomProfiles(count);
  // Built once per set of helpers, as the service's helper directory does.
  const index = indexHelpers(helpers);
  const job = typicalJob();
  for (let i = 0; i < 20; i++) rankCandidates(job, helpers, ctx, index);
  const samples: number[] = [];
  let candidates = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    candidates = rankCandidates(job, helpers, ctx, index).candidates.length;
    samples.push(performance.now() - t);
  }
  const s = summarise(samples);
  console.log(
    `${count.toLocaleString('en')} helpers (${candidates} feasible), ${runs} runs: median ${fmt(s.median)}, p95 ${fmt(s.p95)}, p99 ${fmt(s.p99)} — target p99 ≤ ${target} ms: ${verdict(s.p99, target)}`,
  );
}
