/**
 * `npm run import:postcodes -- FILE.csv [--dry-run] [--rejects OUT.csv] [--delimiter ';'] [--postcode COL]
 * [--lat COL --lon COL | --x COL --y COL] [--city COL] [--street COL] [--wijk-code COL] [--wijk-name COL]
 * [--buurt-code COL] [--buurt-name COL]`: loads a PC6 or PC4 centroid table (see README, "Addresses") into
 * WIJKMATCH_DB; `--x` and `--y` name RD columns (EPSG:28992, metres), converted to WGS84.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { type CentroidField, importCentroids } from '../src/addresses/postcodes.import.js';
import { countCentroids } from '../src/addresses/postcodes.repo.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';

const FLAGS: Record<string, CentroidField> = {
  postcode: 'postcode',
  lat: 'lat',
  lon: 'lon',
  x: 'x',
  y: 'y',
  city: 'city',
  street: 'street',
  'wijk-code': 'wijkCode',
  'wijk-name': 'wijkName',
  'buurt-code': 'buurtCode',
  'buurt-name': 'buurtName',
};

/** How many rejected lines are printed; `--rejects` keeps them all. */
const SHOWN = 20;

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      rejects: { type: 'string' },
      delimiter: { type: 'string' },
      ...Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }])),
    },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error('usage: npm run import:postcodes -- FILE.csv [--dry-run] [--rejects OUT.csv] [--postcode COL] …');
    process.exit(2);
  }
  const named = values as Record<string, string | boolean | undefined>;
  const columns = Object.fromEntries(
    Object.entries(FLAGS).flatMap(([flag, field]) => (typeof named[flag] === 'string' ? [[field, named[flag]]] : [])),
  );
  const config = loadConfig();
  const db = openDatabase(config.dbPath);
  const bar = new SingleBar(
    { format: ' {phase} [{bar}] {percentage}% | {value}/{total} rows' },
    Presets.shades_classic,
  );
  let phase = '';
  try {
    const report = importCentroids(db, readFileSync(file, 'utf8'), {
      columns,
      delimiter: values.delimiter,
      dryRun: values['dry-run'],
      now: Date.now(),
      progress: (next, done, total) => {
        if (next !== phase) {
          if (phase) bar.stop();
          phase = next;
          bar.start(total, done, { phase: next.padEnd(8) });
        } else bar.update(done);
      },
    });
    bar.stop();
    const verb = report.dryRun ? 'would add' : 'added';
    console.log(
      `${file}: ${report.rows} rows; ${verb} ${report.added}, ${report.dryRun ? 'would replace' : 'replaced'} ${report.replaced}, rejected ${report.rejected.length}${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    );
    for (const r of report.rejected.slice(0, SHOWN)) console.log(`  line ${r.line}: ${r.reason}`);
    if (report.rejected.length > SHOWN) console.log(`  … and ${report.rejected.length - SHOWN} more`);
    if (values.rejects) {
      const lines = report.rejected.map((r) => `${r.line},"${r.reason.replaceAll('"', '""')}"`);
      writeFileSync(values.rejects, ['line,reason', ...lines].join('\n') + '\n');
      console.log(`rejected rows: ${values.rejects}`);
    }
    console.log(`the postcode table now has ${countCentroids(db)} postcodes`);
  } catch (err) {
    bar.stop();
    console.error(`import failed, nothing written: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    db.$client.close();
  }
}

main();
