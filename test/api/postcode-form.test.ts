import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { tempDbPath } from '../support/app.js';
import { databaseMigratedTo } from '../support/migrations.js';

describe('the stored form of a postcode', () => {
  it('is "6371AB" for rows an older version wrote with a space or in lower case (migration 0018)', () => {
    const { path, cleanup } = tempDbPath();
    try {
      const sqlite = databaseMigratedTo(path, '0017_series_pause');
      const now = Date.now();
      sqlite
        .prepare(
          `insert into residents (name, postcode, lat, lon, languages, excluded_helper_ids, created_at, updated_at)
           values ('Mevrouw Frijns', '6468 mx', 50.9, 6.0, '["nl"]', '[]', ?, ?)`,
        )
        .run(now, now);
      sqlite.close();

      const migrated = openDatabase(path);
      expect(migrated.$client.prepare('select postcode from residents').all()).toEqual([{ postcode: '6468MX' }]);
      migrated.$client.close();
    } finally {
      cleanup();
    }
  });
});
