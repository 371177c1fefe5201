/**
 * A list of 5,000 residents imported over HTTP (`POST /imports/residents?dryRun=false`, CSV with
 * postcode and house number, no pins), every address looked up: once through a local server speaking
 * PDOK Locatieserver's protocol (test/support/pdok.ts, in its own process; a cold cache, so 5,000
 * look-ups), once with the
 * geocoder off and the postcode table placing them. Each run on a fresh database. Target: ≤ 30 s.
 * Run: npm run bench:import
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { pdokGeocoder } from '../../src/addresses/pdok.geocoder.js';
import { upsertCentroid } from '../../src/addresses/postcodes.repo.js';
import { HOUSES_PER_POSTCODE, REGISTER, ROWS } from './import-fixture.js';
import { startBenchServer } from './server.js';
import { machine, summarise, verdict } from './stats.js';

const RUNS = 3;
const TARGET_MS = 30_000;
const csv = Buffer.from(
  [
    'Naam;Telefoon;Postcode;Huisnummer;Talen',
    ...REGISTER.map((a, i) => `Bewoner ${i};045 531 ${String(i).padStart(4, '0')};${a.postcode};${a.huisnummer};nl`),
  ].join('\r\n'),
);

/** One import on a fresh database: its wall time over HTTP, and the residents it created. */
async function importOnce(withPdok: { url: string } | null): Promise<{ ms: number; created: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'wijkmatch-import-bench-'));
  const bench = await startBenchServer(join(dir, 'bench.sqlite'), {
    ...(withPdok ? { geocoder: pdokGeocoder({ url: withPdok.url, timeoutMs: 5_000 }) } : {}),
  });
  try {
    if (!withPdok)
      for (const a of REGISTER.filter((_, i) => i % HOUSES_PER_POSTCODE === 0))
        upsertCentroid(bench.db, {
          postcode: a.postcode,
          lat: a.lat,
          lon: a.lon,
          city: a.woonplaatsnaam,
          street: a.straatnaam,
          wijkCode: a.wijkcode,
          wijkName: a.wijknaam,
          buurtCode: a.buurtcode,
          buurtName: a.buurtnaam,
          importedAt: Date.now(),
        });
    const started = performance.now();
    const res = await fetch(`${bench.url}/api/v1/imports/residents?dryRun=false`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bench.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const report = (await res.json()) as { imported: boolean; created: number; rejected: number };
    const ms = performance.now() - started;
    if (!res.ok || !report.imported)
      throw new Error(`import failed: ${res.status} ${JSON.stringify(report).slice(0, 300)}`);
    const stored = bench.db.$client.prepare('select count(*) from residents').pluck().get() as number;
    if (stored !== ROWS) throw new Error(`${stored} residents stored, not ${ROWS}`);
    return { ms, created: report.created };
  } finally {
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The fake geocoder in a process of its own, as PDOK is another machine: in this one it would share the
 * event loop with the service it answers.
 */
async function startPdokProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fake-pdok.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: line.toString().trim(), close: () => child.kill() };
}

console.log(`import.bench: ${machine()}, load ${loadavg()[0]!.toFixed(1)}`);
const pdok = await startPdokProcess();
try {
  for (const [label, geocoder] of [
    ['PDOK (local fake, cold cache)', { url: pdok.url }],
    ['postcode table (geocoder off)', null],
  ] as const) {
    const samples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { ms, created } = await importOnce(geocoder);
      samples.push(ms);
      console.log(
        `  ${label}, run ${run + 1}: ${(ms / 1000).toFixed(2)} s, ${created} created, load ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    const { median } = summarise(samples);
    const worst = Math.max(...samples);
    console.log(
      `POST /imports/residents, ${ROWS} rows, ${label}, ${RUNS} runs: median ${(median / 1000).toFixed(2)} s, worst ${(worst / 1000).toFixed(2)} s — target ≤ 30 s: ${verdict(median, TARGET_MS)}`,
    );
  }
} finally {
  pdok.close();
}
