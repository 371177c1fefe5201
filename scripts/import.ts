/**
 * `npm run import:helpers -- FILE.csv|FILE.xlsx --user EMAIL [--commit] [--mapping '{"name":"Naam leerling"}']`
 * and `npm run import:residents -- …`: the same imports as `POST /api/v1/imports/helpers|residents`, into
 * WIJKMATCH_DB, starting from the organisation's saved column mapping, by the staff member `--user` names
 * (an active admin or dispatcher, as the API asks): the event log and, for residents, the audit write
 * them down. Without `--commit` a dry run: the report per row, nothing written. With it, every row in
 * one transaction, or none when any is rejected. A progress bar on stderr while addresses are looked up.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { pdokGeocoder } from '../src/addresses/pdok.geocoder.js';
import type { Accessor } from '../src/audit/audit.service.js';
import { findUserByEmail } from '../src/auth/auth.repo.js';
import { actorOf } from '../src/auth/auth.types.js';
import { loadConfig } from '../src/config.js';
import { DISPATCH_ROLES, type StaffRole } from '../src/domain.js';
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
    options: { commit: { type: 'boolean', default: false }, mapping: { type: 'string' }, user: { type: 'string' } },
  });
  const [kind, file] = positionals as [(typeof IMPORT_KINDS)[number], string | undefined];
  if (!IMPORT_KINDS.includes(kind) || !file || !values.user || positionals.length > 2) {
    console.error(
      'usage: npm run import:helpers|import:residents -- FILE.csv|FILE.xlsx --user EMAIL [--commit] [--mapping \'{"name":"Naam"}\']',
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
  const user = findUserByEmail(db, values.user);
  if (!user || !user.active || !DISPATCH_ROLES.some((role) => role === user.role)) {
    console.error(`--user: ${values.user} is not an active admin or dispatcher`);
    db.$client.close();
    process.exit(2);
  }
  // No session: the command runs on the server itself, so there is no token and no address.
  const accessor: Accessor = {
    identity: { kind: 'staff', role: user.role as StaffRole, userId: user.id, tokenId: 0 },
    origin: 'cli',
  };
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
    const report = await services.imports.run(
      kind,
      { type, bytes: readFileSync(file) },
      query.data,
      actorOf(accessor.identity),
      {
        onProgress,
        accessor,
      },
    );
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
