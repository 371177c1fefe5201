/**
 * `npm run import:helpers -- FILE.csv|FILE.xlsx [--commit] [--mapping '{"name":"Naam leerling"}']`: the
 * same import as `POST /api/v1/imports/helpers`, into WIJKMATCH_DB. Without `--commit` a dry run: the
 * report per row, nothing written. With it, every row in one transaction, or none when any is rejected.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { AppError } from '../src/errors.js';
import { CSV_TYPE, XLSX_TYPE } from '../src/imports/imports.parse.js';
import { ImportQuery } from '../src/imports/imports.schema.js';
import { createServices } from '../src/services.js';

/** How many rejected rows are printed. */
const SHOWN = 50;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { commit: { type: 'boolean', default: false }, mapping: { type: 'string' } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error('usage: npm run import:helpers -- FILE.csv|FILE.xlsx [--commit] [--mapping \'{"name":"Naam"}\']');
    process.exit(2);
  }
  const query = ImportQuery.safeParse({ dryRun: values.commit ? 'false' : 'true', mapping: values.mapping });
  if (!query.success) {
    console.error(`--mapping: ${query.error.issues.map((i) => i.message).join('; ')}`);
    process.exit(2);
  }
  const config = loadConfig();
  const db = openDatabase(config.dbPath);
  try {
    const services = createServices(db, config);
    const type = file.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : CSV_TYPE;
    const report = await services.imports.helpers({ type, bytes: readFileSync(file) }, query.data, 'cli:import');
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
    const details = err instanceof AppError ? err.details.map((d) => ` ${d.field}: ${d.message}`).join(';') : '';
    console.error(`import failed, nothing written: ${err instanceof Error ? err.message : String(err)}${details}`);
    process.exitCode = 1;
  } finally {
    db.$client.close();
  }
}

await main();
