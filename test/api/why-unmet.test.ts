import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { DemandReport } from '../../src/reports/reports.schema.js';
import { WHY_UNMET } from '../../src/reports/reports.types.js';
import { startTestApp, type TestApp, tempDbPath } from '../support/app.js';
import { buildHelper, buildResident, LANDGRAAF } from '../support/factories.js';
import { databaseMigratedTo } from '../support/migrations.js';
import { enterRequest, proposalsOf } from '../support/requests.js';

const WEEK = { from: '2026-11-23', to: '2026-11-29' };

describe('why a request went unmet', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const recorded = (requestId: number) =>
    t.db.$client.prepare('select reason, helpers, moment from request_unmet where request_id = ?').get(requestId) as
      { reason: string; helpers: string; moment: string } | undefined;

  it('is taken when it is flagged, cancelled or its window passes, and the demand report counts it per reason', async () => {
    const post = async (path: string, body: object, role: 'dispatcher' | 'intake' = 'dispatcher') =>
      (await t.http.post(`/api/v1${path}`).set(t.auth(role)).send(body)).body as { id: number };
    // Anna does groceries near by; the only gardener lives 20 km away and travels 5.
    const anna = (await post('/helpers', buildHelper({ skills: ['groceries'] }))).id;
    await post(
      '/helpers',
      buildHelper({
        skills: ['gardening'],
        track: 'green',
        location: { lat: LANDGRAAF.lat + 0.18, lon: LANDGRAAF.lon },
      }),
    );
    const resident = async (overrides = {}) => (await post('/residents', buildResident(overrides), 'intake')).id;
    const [a, b, c, d, e] = [
      await resident(),
      await resident(),
      await resident({ excludedHelperIds: [anna] }),
      await resident(),
      await resident(),
    ];

    // Anna is asked at once and says no: nobody is left, the request is flagged.
    const declined = await enterRequest(t, a!);
    const [asked] = await proposalsOf(t, declined.id);
    await t.http.post(`/api/v1/proposals/${asked!.id}/decline`).set(t.auth()).send({}).expect(200);
    expect(recorded(declined.id)).toEqual({
      reason: 'declined',
      helpers: JSON.stringify({ declined: 1, skills: 1 }),
      moment: 'flagged',
    });
    const tooFar = await enterRequest(t, b!, { skills: ['gardening'] });
    const unwanted = await enterRequest(t, c!);
    const atNight = await enterRequest(t, d!, {
      window: { start: '2026-11-25T01:00:00+01:00', end: '2026-11-25T02:00:00+01:00' },
    });
    // Asked, and cancelled before Anna answered.
    const cancelled = await enterRequest(t, e!, {
      window: { start: '2026-11-26T10:00:00+01:00', end: '2026-11-26T12:00:00+01:00' },
    });
    expect((await proposalsOf(t, cancelled.id)).map((p) => p.helperId)).toEqual([anna]);
    await post(`/requests/${cancelled.id}/cancel`, { reason: 'toch niet nodig' }, 'intake');
    expect(recorded(cancelled.id)).toMatchObject({ reason: 'unanswered', moment: 'cancelled' });
    expect(recorded(tooFar.id)).toBeUndefined();

    await t.moveClockTo(Date.parse('2026-11-27T12:00:00+01:00'));
    expect(t.services.unmet.recordPassed()).toBe(4);
    expect(t.services.unmet.recordPassed()).toBe(0);
    // The window's record replaces the flag's; the cancellation's stays.
    expect(recorded(declined.id)).toMatchObject({ reason: 'declined', moment: 'window' });
    expect(recorded(cancelled.id)).toMatchObject({ reason: 'unanswered', moment: 'cancelled' });
    expect([tooFar, unwanted, atNight].map((r) => recorded(r.id)?.reason)).toEqual([
      'distance',
      'excluded',
      'availability',
    ]);

    const res = await t.http
      .get('/api/v1/reports/demand')
      .query({ ...WEEK, by: 'urgency' })
      .set(t.auth('intake'));
    const report = DemandReport.parse(res.body);
    const expected = {
      ...Object.fromEntries(WHY_UNMET.map((r) => [r, 0])),
      distance: 1,
      excluded: 1,
      availability: 1,
      declined: 1,
      unanswered: 1,
    };
    expect(report.total).toEqual({
      requests: 5,
      served: 0,
      unmet: 5,
      cancelled: 0,
      pending: 0,
      whyUnmet: expected,
      suppressed: false,
    });
    const csv = await t.http
      .get('/api/v1/reports/demand')
      .query({ ...WEEK, by: 'urgency', format: 'csv' })
      .set(t.auth('intake'));
    const [header, normal] = csv.text.split('\r\n');
    const columns = header!.split(',');
    const cells = normal!.split(',');
    expect(WHY_UNMET.map((r) => Number(cells[columns.indexOf(`whyUnmet.${r}`)]))).toEqual(Object.values(expected));
  });

  it('counts the requests unmet before the reasons were kept as unrecorded (migration 0020)', () => {
    const { path, cleanup } = tempDbPath();
    try {
      const sqlite = databaseMigratedTo(path, '0019_request_skills');
      const now = Date.now();
      sqlite
        .prepare(
          `insert into residents (name, postcode, lat, lon, languages, excluded_helper_ids, created_at, updated_at)
           values ('Mevrouw Gielen', '6371AB', 50.9, 6.0, '[]', '[]', ?, ?)`,
        )
        .run(now, now);
      const request = sqlite.prepare(
        `insert into requests (resident_id, skills, window_start, window_end, duration_minutes, urgency, channel, lat, lon,
           status, created_at, updated_at) values (1, '["groceries"]', ?, ?, 60, 'normal', 'phone', 50.9, 6.0, ?, ?, ?)`,
      );
      const day = 86_400_000;
      request.run(now - 2 * day, now - 2 * day + 3_600_000, 'open', now, now);
      request.run(now - day, now - day + 3_600_000, 'cancelled', now, now);
      request.run(now + day, now + day + 3_600_000, 'open', now, now);
      sqlite.close();

      const migrated = openDatabase(path);
      expect(migrated.$client.prepare('select request_id, reason, moment from request_unmet order by 1').all()).toEqual(
        [
          { request_id: 1, reason: 'unrecorded', moment: 'window' },
          { request_id: 2, reason: 'unrecorded', moment: 'cancelled' },
        ],
      );
      migrated.$client.close();
    } finally {
      cleanup();
    }
  });
});
