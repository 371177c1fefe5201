import { afterAll, beforeAll, expect } from 'vitest';
import { pdokGeocoder } from '../../src/addresses/pdok.geocoder.js';
import type { RequestCreate } from '../../src/requests/requests.schema.js';
import { startTestApp, type TestApp } from './app.js';
import { buildHelper, buildRequest, buildResident, LANDGRAAF } from './factories.js';
import { type FakePdok, type PdokAddress, startFakePdok } from './pdok.js';

const SCHAESBERG = {
  wijknaam: 'Schaesberg',
  wijkcode: 'WK088201',
  buurtnaam: 'Schaesberg-Centrum',
  buurtcode: 'BU08820101',
};
const NIEUWENHAGEN = {
  wijknaam: 'Nieuwenhagen',
  wijkcode: 'WK088203',
  buurtnaam: 'Nieuwenhagen-Noord',
  buurtcode: 'BU08820301',
};

/** Six homes in Schaesberg-Centrum (houses 1–6) and five in Nieuwenhagen-Noord (houses 1–5), for the fake PDOK. */
export const REPORT_ADDRESSES: PdokAddress[] = [
  ...[1, 2, 3, 4, 5, 6].map((n) => ({
    straatnaam: 'Hoofdstraat',
    huisnummer: n,
    postcode: '6372AD',
    woonplaatsnaam: 'Landgraaf',
    lat: 50.8946 + n * 0.0002,
    lon: 6.0259,
    ...SCHAESBERG,
  })),
  ...[1, 2, 3, 4, 5].map((n) => ({
    straatnaam: 'Dorpstraat',
    huisnummer: n,
    postcode: '6374BA',
    woonplaatsnaam: 'Landgraaf',
    lat: 50.8895 - n * 0.0002,
    lon: 6.0259,
    ...NIEUWENHAGEN,
  })),
];

/** A local hour on a day of the week of Monday 23 November 2026 (the test clock's). */
const at = (day: number, hour: number) => `2026-11-${day}T${String(hour).padStart(2, '0')}:00:00+01:00`;
const oneHour = (day: number, hour: number) => ({ window: { start: at(day, hour), end: at(day, hour + 1) } });

export interface ReportWorld {
  helpers: { anna: number; bert: number; carla: number; dirk: number };
  /** r[1]…r[12]: 1–6 in Schaesberg-Centrum, 7–11 in Nieuwenhagen-Noord, 12 pinned without an address. */
  r: number[];
}

/**
 * A week of a small organisation, made through the API (with auto-propose off, so that every
 * assignment is the test's): twelve residents, four helpers (dirk, a job seeker in the handy track,
 * was active from 1 September to 25 November and did nothing; carla's practice period from 1 September
 * requires 300 hours, and she leaves it for paid work on Friday), twelve completed jobs and six others.
 *
 * Completed (hours): anna (care) r1 1.5, r2 1, r3 2 (companionship), r4 1.25 (groceries + companionship);
 * bert (care) r5 1, r6 1, r7 0.5; carla (green, gardening, urgency low) r8 2, r9 2, r10 1 (Thursday),
 * r11 1, r12 1 (Friday). The rest, all groceries: r1 assigned to anna on Friday 13:00 and not yet done;
 * r2 cancelled while open; r3 assigned to bert and then cancelled; r12 open on Tuesday, never taken;
 * r7 open on Saturday 28 November (still to come); r8 open at 00:30 on Wednesday 25 November, local
 * time (Tuesday in UTC). The clock ends on Friday 27 November, 17:00. Why the three unmet ones went
 * unmet: bert could have done r2's and r12's but was never asked; r8's is at night, when nobody works. The jobs of r1–r6 were
 * completed with what the resident did in return; those of r1–r5 have a satisfaction: 5, 4, 4, 3, 5.
 */
export async function buildReportWorld(t: TestApp): Promise<ReportWorld> {
  const post = async (path: string, body: object, role: 'dispatcher' | 'intake' = 'dispatcher') => {
    const res = await t.http.post(`/api/v1${path}`).set(t.auth(role)).send(body);
    expect(res.status, `${path}: ${res.text}`).toBeLessThan(300);
    return res.body as { id: number };
  };
  const helper = async (overrides: Parameters<typeof buildHelper>[0]) =>
    (await post('/helpers', buildHelper({ location: LANDGRAAF, ...overrides }))).id;
  const helpers = {
    anna: await helper({ name: 'Anna de Vries', track: 'care', skills: ['groceries', 'companionship'] }),
    bert: await helper({ name: 'Bert Jansen', track: 'care', skills: ['groceries'] }),
    carla: await helper({ name: 'Carla Smeets', track: 'green', skills: ['gardening'] }),
    dirk: await helper({
      name: 'Dirk Hermans',
      kind: 'jobseeker',
      track: 'handy',
      skills: ['odd-jobs'],
      activeFrom: '2026-09-01',
      activeUntil: '2026-11-25',
    }),
  };
  // Carla is a student in a practice period from September that requires 300 hours; on Friday she
  // leaves it for a paid job.
  const coachId = (await t.http.get('/api/v1/users').set(t.auth('admin'))).body.find(
    (u: { role: string }) => u.role === 'coach',
  ).id as number;
  await t.http.put(`/api/v1/helpers/${helpers.carla}/coach`).set(t.auth('admin')).send({ coachId }).expect(200);
  await t.http
    .patch(`/api/v1/helpers/${helpers.carla}/learning`)
    .set(t.auth('coach'))
    .send({
      period: { start: '2026-09-01', end: '2027-06-30' },
      requiredHours: 300,
      outflow: { kind: 'paid-work', date: '2026-11-27' },
    })
    .expect(200);

  const r = [0];
  for (const a of REPORT_ADDRESSES) {
    const address = { postcode: a.postcode, houseNumber: String(a.huisnummer) };
    r.push((await post('/residents', { ...buildResident(), address, location: undefined }, 'intake')).id);
  }
  r.push((await post('/residents', buildResident({ location: LANDGRAAF }), 'intake')).id);

  const request = async (resident: number, overrides: Partial<RequestCreate>) =>
    (await post('/requests', buildRequest(r[resident]!, overrides), 'intake')).id;
  // Assigned `resident` minutes after it was entered: the times to match are 1 to 12 minutes.
  const assigned = async (resident: number, helperId: number, overrides: Partial<RequestCreate>) => {
    const id = await request(resident, overrides);
    t.clock.advance(resident * 60_000);
    await post(`/requests/${id}/assign`, { helperId });
    return id;
  };

  const done: [number, number][] = [];
  const job = async (resident: number, helperId: number, hours: number, overrides: Partial<RequestCreate>) =>
    done.push([await assigned(resident, helperId, overrides), hours]);
  const { anna, bert, carla } = helpers;
  const garden = { skills: ['gardening'], urgency: 'low' as const };
  await job(1, anna, 1.5, oneHour(24, 9));
  await job(2, anna, 1, oneHour(24, 11));
  await job(3, anna, 2, { ...oneHour(24, 13), skills: ['companionship'] });
  await job(4, anna, 1.25, { ...oneHour(24, 15), skills: ['groceries', 'companionship'] });
  await job(5, bert, 1, oneHour(25, 9));
  await job(6, bert, 1, oneHour(25, 11));
  await job(7, bert, 0.5, oneHour(25, 13));
  await job(8, carla, 2, { ...oneHour(26, 9), ...garden });
  await job(9, carla, 2, { ...oneHour(26, 11), ...garden });
  await job(10, carla, 1, { ...oneHour(26, 13), ...garden });
  await job(11, carla, 1, { ...oneHour(27, 9), ...garden });
  await job(12, carla, 1, { ...oneHour(27, 11), ...garden });

  await assigned(1, anna, oneHour(27, 13));
  await post(`/requests/${await request(2, oneHour(24, 9))}/cancel`, { reason: 'de buurvrouw helpt' }, 'intake');
  await post(`/requests/${await assigned(3, bert, oneHour(25, 15))}/cancel`, { reason: 'in het ziekenhuis' }, 'intake');
  await request(12, oneHour(24, 10));
  await request(7, oneHour(28, 10));
  await request(8, { window: { start: '2026-11-25T00:30:00+01:00', end: '2026-11-25T02:30:00+01:00' } });

  await t.moveClockTo(Date.parse('2026-11-27T17:00:00+01:00'));
  // As the clock's job does: why r12's and r8's requests went unmet, now that their windows have passed.
  expect(t.services.unmet.recordPassed()).toBe(2);
  // The first six residents did something in return; the first five said how satisfied they were.
  for (const [i, [id, hours]] of done.entries())
    await post(`/requests/${id}/complete`, { hours, ...(i < 6 ? { reciprocity: 'bakte een taart' } : {}) });
  for (const [i, satisfaction] of [5, 4, 4, 3, 5].entries()) {
    const res = await t.http.put(`/api/v1/requests/${done[i]![0]}/feedback`).set(t.auth()).send({ satisfaction });
    expect(res.status, res.text).toBe(200);
  }
  return { helpers, r };
}

/**
 * For a file of report tests: the service looking addresses up in a fake PDOK, and the year's world in
 * it, built before the file's tests and closed after them. Read the fields inside the tests.
 */
export function reportWorldUnderTest(): { t: TestApp; world: ReportWorld } {
  const under = {} as { t: TestApp; world: ReportWorld };
  let pdok: FakePdok | undefined;
  beforeAll(async () => {
    pdok = await startFakePdok(REPORT_ADDRESSES);
    under.t = await startTestApp({ autoPropose: false, geocoder: pdokGeocoder({ url: pdok.url, timeoutMs: 2000 }) });
    under.world = await buildReportWorld(under.t);
  });
  afterAll(async () => {
    under.t?.close();
    await pdok?.close();
  });
  return under;
}
