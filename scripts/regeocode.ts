/**
 * `npm run regeocode [-- --include-manual] [--restart] [--state FILE]`: looks up every stored address
 * again with the configured geocoder and saves what changed. Resumable: progress is kept in a state file
 * (default: beside the database), so a run stopped by Ctrl-C or an unreachable geocoder goes on from
 * where it was; `--restart` starts over. Lists the addresses it could not find, by id.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { pdokGeocoder } from '../src/addresses/pdok.geocoder.js';
import { FRESH_STATE, type RegeocodeState, createRegeocodeService } from '../src/addresses/regeocode.service.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { createServices } from '../src/services.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'include-manual': { type: 'boolean', default: false },
      restart: { type: 'boolean', default: false },
      state: { type: 'string' },
    },
  });
  const config = loadConfig();
  const statePath = values.state ?? `${config.dbPath}.regeocode.json`;
  const db = openDatabase(config.dbPath);
  const services = createServices(db, config, Date.now, {
    geocoder: config.geocoder ? pdokGeocoder(config.geocoder) : null,
  });
  const regeocode = createRegeocodeService(services);
  const resumed = !values.restart && existsSync(statePath);
  const start: RegeocodeState = resumed ? (JSON.parse(readFileSync(statePath, 'utf8')) as RegeocodeState) : FRESH_STATE;
  if (resumed)
    console.log(
      `going on from ${statePath} (residents after ${start.residentsAfter}, helpers after ${start.helpersAfter})`,
    );
  if (!config.geocoder) console.log('WIJKMATCH_GEOCODER_URL is off: placing by the postcode table only');

  const bar = new SingleBar(
    { format: ' geocoding [{bar}] {percentage}% | {value}/{total} addresses' },
    Presets.shades_classic,
  );
  let started = false;
  try {
    const { state, stopped } = await regeocode.run(start, {
      includeManual: values['include-manual'],
      checkpoint: (s) => writeFileSync(statePath, JSON.stringify(s)),
      progress: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    });
    bar.stop();
    for (const f of state.failures) console.log(`  not found: ${f.kind} ${f.id}: ${f.message} (${f.code})`);
    if (stopped) {
      console.log(`stopped: ${stopped}. Run again to go on from here (${statePath}).`);
      process.exitCode = 3;
    } else {
      rmSync(statePath, { force: true });
      const pins = `${state.skippedManual} manual pin${state.skippedManual === 1 ? '' : 's'}`;
      const except = state.skippedManual > 0 ? ` except ${pins}` : '';
      console.log(`done: every address looked up again${except}; ${state.failures.length} not found`);
      if (state.skippedManual > 0)
        console.log(
          `skipped ${pins} (placed by hand, or stored before addresses were looked up): --include-manual looks them up too`,
        );
      if (state.failures.length > 0) process.exitCode = 1;
    }
  } finally {
    db.$client.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
