import { upsertCentroid } from '../../src/addresses/postcodes.repo.js';
import type { Db } from '../../src/db/client.js';

/**
 * A row of the postcode table in Schaesberg (Landgraaf), as `npm run import:postcodes` writes one:
 * what the service falls back on when no geocoder answers.
 */
export function schaesbergCentroid(db: Db, postcode: string, lat: number, lon: number, importedAt: number) {
  upsertCentroid(db, {
    postcode,
    lat,
    lon,
    city: 'Landgraaf',
    street: null,
    wijkCode: 'WK088201',
    wijkName: 'Schaesberg',
    buurtCode: 'BU08820101',
    buurtName: 'Schaesberg-Centrum',
    importedAt,
  });
}
