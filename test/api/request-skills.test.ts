import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { DemandReport } from '../../src/reports/reports.schema.js';
import { startTestApp, type TestApp, tempDbPath } from '../support/app.js';
import { databaseMigratedTo } from '../support/migrations.js';
import { enterRequest, newResident } from '../support/requests.js';

type Sqlite = TestApp['db']['$client'];

/** request_skills as it is, and as the requests' own JSON says it should be: one row per distinct skill. */
function skillRows(sqlite: Sqlite) {
  const kept = sqlite.prepare('select request_id as id, skill from request_skills order by 1, 2').all();
  const wanted = sqlite
    .prepare(
      'select distinct requests.id as id, skill.value as skill from requests, json_each(requests.skills) as skill order by 1, 2',
    )
    .all();
  return { kept, wanted };
}

describe('the request–skill index the reports group by skill through', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ autoPropose: false });
  });
  afterEach(() => t.close());

  it('follows every write path: create, split, a series, widen and erase', async () => {
    const resident = await newResident(t);
    const both = await enterRequest(t, resident, { skills: ['groceries', 'companionship'] });
    const long = await enterRequest(t, resident, {
      skills: ['cleaning'],
      window: { start: '2026-11-25T09:00:00+01:00', end: '2026-11-25T13:00:00+01:00' },
      durationMinutes: 240,
    });
    await t.http.post(`/api/v1/requests/${long.id}/split`).set(t.auth()).send({ parts: 2 }).expect(200);
    await t.http
      .post(`/api/v1/requests/${both.id}/widen`)
      .set(t.auth())
      .send({ window: { start: '2026-11-24T09:00:00+01:00', end: '2026-11-24T13:00:00+01:00' } })
      .expect(200);
    await t.http
      .post('/api/v1/series')
      .set(t.auth('intake'))
      .send({
        residentId: resident,
        skills: ['ironing'],
        weekday: 4,
        start: '10:00',
        end: '12:00',
        firstDate: '2026-11-23',
      })
      .expect(201);
    await t.http.post(`/api/v1/residents/${resident}/erase`).set(t.auth('admin')).expect(200);

    const { kept, wanted } = skillRows(t.db.$client);
    expect(kept).toEqual(wanted);
    expect(kept.map((r) => (r as { skill: string }).skill).sort()).toEqual([
      'cleaning',
      'cleaning',
      'companionship',
      'groceries',
      'ironing',
      'ironing',
    ]);
    const res = await t.http
      .get('/api/v1/reports/demand')
      .query({ from: '2026-11-23', to: '2026-12-06', by: 'skill' })
      .set(t.auth());
    const report = DemandReport.parse(res.body);
    // One resident: every cell is withheld, but the cells are there, one per skill asked for.
    expect(report.rows.map((r) => r.key)).toEqual(['cleaning', 'companionship', 'groceries', 'ironing']);
  });

  it('is filled for the requests a database held before it existed (migration 0019)', () => {
    const { path, cleanup } = tempDbPath();
    try {
      const sqlite = databaseMigratedTo(path, '0018_postcode_one_form');
      const now = Date.now();
      sqlite
        .prepare(
          `insert into residents (name, postcode, lat, lon, languages, excluded_helper_ids, created_at, updated_at)
           values ('Meneer Custers', '6371AB', 50.9, 6.0, '[]', '[]', ?, ?)`,
        )
        .run(now, now);
      const request = sqlite.prepare(
        `insert into requests (resident_id, skills, window_start, window_end, duration_minutes, urgency, channel, lat, lon,
           status, created_at, updated_at) values (1, ?, ?, ?, 60, 'normal', 'phone', 50.9, 6.0, 'open', ?, ?)`,
      );
      // An older version's plain SQL may have listed a skill twice: it counts once.
      for (const skills of [['groceries'], ['laundry', 'ironing', 'laundry'], ['gardening']])
        request.run(JSON.stringify(skills), now, now + 3_600_000, now, now);
      sqlite.close();

      const migrated = openDatabase(path);
      const { kept, wanted } = skillRows(migrated.$client);
      expect(kept).toEqual(wanted);
      expect(kept).toHaveLength(4);
      // And from then on the triggers keep it: a new request, and skills changed in plain SQL.
      migrated.$client.prepare(`update requests set skills = '["cooking"]' where id = 1`).run();
      migrated.$client
        .prepare(
          `insert into requests (resident_id, skills, window_start, window_end, duration_minutes, urgency, channel, lat, lon,
             status, created_at, updated_at) values (1, '["odd-jobs"]', ?, ?, 60, 'normal', 'phone', 50.9, 6.0, 'open', ?, ?)`,
        )
        .run(now, now + 3_600_000, now, now);
      const { kept: after, wanted: afterWanted } = skillRows(migrated.$client);
      expect(after).toEqual(afterWanted);
      expect(after).toContainEqual({ id: 1, skill: 'cooking' });
      expect(after).toContainEqual({ id: 4, skill: 'odd-jobs' });
      migrated.$client.close();
    } finally {
      cleanup();
    }
  });
});
