/**
 * `npm run import:helpers -- FILE.csv|FILE.xlsx [--commit] [--mapping '{"name":"Naam leerling"}']` and
 * `npm run import:residents -- …`: the same imports as `POST /api/v1/imports/helpers|residents`, into
 * WIJKMATCH_DB, starting from the organisation's saved column mapping. Without `--commit` a dry run:
 * the report per row, nothing written. With it, every row in one transaction, or none when any is
 * rejected. A progress bar on stderr while addresses are looked up.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { pdokGeocoder } from '../src/addresses/pdok.geocoder.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { AppError } from '../src/errors.js';
import { CSV_TYPE, XLSX_TYPE } from '../src/imports/imports.parse.js';
import { HelperImportQuery, IMPORT_KINDS, ResidentImportQuery } from '../src/imports/imports.schema.js';
import type { ImportProgress } from '../src/imports/imports.service.js';
import { createServices } from '../src/services.js';

/** How many rejected rows are printed. */
const SHOWN = 50;
const QUERIES = { helpers: HelperImportQuery, residents: ResidentImportQuery };

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { commit: { type: 'boolean', default: false }, mapping: { type: 'string' } },
  });
  const [kind, file] = positionals as [(typeof IMPORT_KINDS)[number], string | undefined];
  if (!IMPORT_KINDS.includes(kind) || !file || positionals.length > 2) {
    console.error(
      'usage: npm run import:helpers|import:residents -- FILE.csv|FILE.xlsx [--commit] [--mapping \'{"name":"Naam"}\']',
    );
    process.exit(2);
  }
  const query = QUERIES[kind].safeParse({ dryRun: values.commit ? 'false' : 'true', mapping: values.mapping });
  if (!query.success) {
    console.error(`--mapping: ${query.error.issues.map((i) => i.message).join('; ')}`);
    process.exit(2);
  }
  const config = loadConfig();
  const db = openDatabase(config.dbPath);
  // Lines, not a redrawn bar, when stderr is a file or a pipe.
  const bar = new SingleBar({
    format: '{phase} [{bar}] {percentage}% | {value}/{total} rows',
    noTTYOutput: true,
    notTTYSchedule: 1000,
    stream: process.stderr,
  });
  let started = false;
  const onProgress = ({ phase, done, total }: ImportProgress) => {
    const label = phase === 'check' ? 'checking' : 'writing';
    if (!started) bar.start(total, done, { phase: label });
    started = true;
    bar.update(done, { phase: label });
  };
  try {
    const services = createServices(db, config, Date.now, {
      geocoder: config.geocoder ? pdokGeocoder(config.geocoder) : null,
    });
    const type = file.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : CSV_TYPE;
    const report = await services.imports.run(kind, { type, bytes: readFileSync(file) }, query.data, 'cli:import', {
      onProgress,
    });
    if (started) bar.stop();
    const would = report.imported ? '' : 'would be ';
    console.log(
      `${file}: ${report.rows.length} rows; ${would}created ${report.created}, ${would}updated ${report.updated}, rejected ${report.rejected}`,
    );
    for (const row of report.rows.filter((r) => r.action === 'reject').slice(0, SHOWN))
      console.log(`  row ${row.row}: ${row.problems.map((p) => `${p.column}: ${p.message}`).join('; ')}`);
    if (report.rejected > SHOWN) console.log(`  … and ${report.rejected - SHOWN} more`);
    if (!report.imported)
      console.log(
        report.dryRun ? 'dry run: nothing written (--commit imports)' : 'nothing written: fix the rejected rows',
      );
    if (report.rejected > 0) process.exitCode = 1;
  } catch (err) {
    if (started) bar.stop();
    const details = err instanceof AppError ? err.details.map((d) => ` ${d.field}: ${d.message}`).join(';') : '';
    console.error(`import failed, nothing written: ${err instanceof Error ? err.message : String(err)}${details}`);
    process.exitCode = 1;
  } finally {
    db.$client.close();
  }
}

await main();
