import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemandReport, HoursReport, ParticipantsReport, QualityReport } from '../../src/reports/reports.schema.js';
import { OUTFLOW_KINDS, type OutflowKind } from '../../src/domain.js';
import { WHY_UNMET, type WhyUnmet } from '../../src/reports/reports.types.js';
import type { TestApp } from '../support/app.js';
import { type ReportWorld, reportWorldUnderTest } from '../support/reports-world.js';

const WEEK = { from: '2026-11-23', to: '2026-11-29' };

const under = reportWorldUnderTest();
let t: TestApp;
let world: ReportWorld;
beforeAll(() => ({ t, world } = under));

const hours = async (query: Record<string, string>, role: 'admin' | 'dispatcher' | 'intake' = 'dispatcher') => {
  const res = await t.http.get('/api/v1/reports/hours').query(query).set(t.auth(role));
  expect(res.status, res.text).toBe(200);
  return HoursReport.parse(res.body);
};
const demand = async (query: Record<string, string>) => {
  const res = await t.http.get('/api/v1/reports/demand').query(query).set(t.auth('intake'));
  expect(res.status, res.text).toBe(200);
  return DemandReport.parse(res.body);
};
/** Unmet requests per reason: these, and none for every other reason. */
const why = (counts: Partial<Record<WhyUnmet, number>> = {}) => ({
  ...Object.fromEntries(WHY_UNMET.map((r) => [r, 0])),
  ...counts,
});
const shown = (key: string, hours: number, jobs: number) => ({ key, hours, jobs, suppressed: false });
const withheld = (key: string) => ({ key, hours: null, jobs: null, suppressed: true });

describe('GET /reports/hours', () => {
  it('adds up the completed jobs per helper, with their names, for the roles that schedule them', async () => {
    const { anna, bert, carla } = world.helpers;
    for (const role of ['admin', 'dispatcher'] as const) {
      const report = await hours({ ...WEEK, by: 'helper' }, role);
      const none = { practiceHours: null, requiredHours: null };
      expect(report.rows).toEqual([
        { ...shown(String(anna), 5.75, 4), name: 'Anna de Vries', ...none },
        { ...shown(String(bert), 2.5, 3), name: 'Bert Jansen', ...none },
        { ...shown(String(carla), 7, 5), name: 'Carla Smeets', practiceHours: 7, requiredHours: 300 },
      ]);
      expect(report.total).toEqual({ hours: 15.25, jobs: 12, suppressed: false });
    }
  });

  it('per track: the track the helper follows', async () => {
    const report = await hours({ ...WEEK, by: 'track' });
    expect(report.rows).toEqual([shown('care', 8.25, 7), shown('green', 7, 5)]);
    expect(report.total).toEqual({ hours: 15.25, jobs: 12, suppressed: false });
  });

  it('counts the period in local days: Monday to Thursday leaves out Friday’s jobs', async () => {
    const report = await hours({ from: '2026-11-23', to: '2026-11-26', by: 'helper' });
    expect(report.rows.map((r) => [r.name, r.hours, r.jobs])).toEqual([
      ['Anna de Vries', 5.75, 4],
      ['Bert Jansen', 2.5, 3],
      ['Carla Smeets', 5, 3],
    ]);
    expect(report.total).toEqual({ hours: 13.25, jobs: 10, suppressed: false });
    // Carla's practice hours so far count up to the period's end as well: Friday's two are left out.
    expect(report.rows[2]).toMatchObject({ practiceHours: 5, requiredHours: 300 });
    const friday = await hours({ from: '2026-11-27', to: '2026-11-29', by: 'helper' });
    expect(friday.rows).toEqual([
      { ...shown(String(world.helpers.carla), 2, 2), name: 'Carla Smeets', practiceHours: 7, requiredHours: 300 },
    ]);
    const empty = await hours({ from: '2026-11-30', to: '2026-12-06', by: 'track' });
    expect([empty.rows, empty.total]).toEqual([[], { hours: 0, jobs: 0, suppressed: false }]);
  });

  it('withholds a skill about fewer than five residents, and the next smallest so the total does not give it away', async () => {
    const report = await hours({ ...WEEK, by: 'skill' });
    // companionship: r3 and r4; gardening (five residents) is withheld beside it; groceries has six.
    expect(report.rows).toEqual([withheld('companionship'), withheld('gardening'), shown('groceries', 6.25, 6)]);
    expect(report.total).toEqual({ hours: 15.25, jobs: 12, suppressed: false });
    expect(report.threshold).toBe(5);
  });

  it('per local ISO week or month of the window’s start, each clipped to the period', async () => {
    // 23 November to 6 December: weeks 48 and 49, all the jobs in week 48.
    const weeks = await hours({ from: '2026-11-23', to: '2026-12-06', by: 'week' });
    expect(weeks.rows).toEqual([shown('2026-W48', 15.25, 12)]);
    const months = await hours({ from: '2026-11-26', to: '2026-12-31', by: 'month' });
    // From Thursday: carla's five jobs, five residents.
    expect(months.rows).toEqual([shown('2026-11', 7, 5)]);
    expect(months.total).toEqual({ hours: 7, jobs: 5, suppressed: false });
  });

  it('withholds the total too when the whole period is about fewer than five residents', async () => {
    const report = await hours({ from: '2026-11-27', to: '2026-11-27', by: 'track' });
    expect(report.rows).toEqual([withheld('green')]);
    expect(report.total).toEqual({ hours: null, jobs: null, suppressed: true });
  });

  it('answers CSV with a header row and the same numbers, when asked by Accept or by format', async () => {
    const byAccept = await t.http
      .get('/api/v1/reports/hours')
      .query({ ...WEEK, by: 'helper' })
      .set({ ...t.auth(), Accept: 'text/csv' });
    expect(byAccept.status).toBe(200);
    expect(byAccept.type).toBe('text/csv');
    expect(byAccept.headers['content-disposition']).toBe(
      'attachment; filename=hours-by-helper-2026-11-23-2026-11-29.csv',
    );
    const { anna, bert, carla } = world.helpers;
    expect(byAccept.text.split('\r\n')).toEqual([
      'key,name,hours,jobs,suppressed,practiceHours,requiredHours',
      `${anna},Anna de Vries,5.75,4,false,,`,
      `${bert},Bert Jansen,2.5,3,false,,`,
      `${carla},Carla Smeets,7,5,false,7,300`,
      '',
    ]);
    const byFormat = await t.http
      .get('/api/v1/reports/hours')
      .query({ ...WEEK, by: 'skill', format: 'csv' })
      .set(t.auth());
    expect(byFormat.text).toBe(
      'key,hours,jobs,suppressed\r\ncompanionship,,,true\r\ngardening,,,true\r\ngroceries,6.25,6,false\r\n',
    );
  });

  it('answers XLSX: the same rows and the total line', async () => {
    const res = await t.http
      .get('/api/v1/reports/hours')
      .query({ ...WEEK, by: 'track' })
      .set({ ...t.auth(), Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ExcelJS.Buffer);
    const sheet = book.worksheets[0]!;
    const rows = sheet.getSheetValues().slice(1) as unknown[][];
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['key', 'hours', 'jobs', 'suppressed'],
      ['care', 8.25, 7, false],
      ['green', 7, 5, false],
      ['total', 15.25, 12, false],
    ]);
  });

  it('keeps per-helper rows from intake, and every report from a helper’s link', async () => {
    const intake = await t.http
      .get('/api/v1/reports/hours')
      .query({ ...WEEK, by: 'helper' })
      .set(t.auth('intake'));
    expect([intake.status, intake.body.error.code]).toEqual([403, 'forbidden']);
    expect((await hours({ ...WEEK, by: 'track' }, 'intake')).rows).toHaveLength(2);
    const link = t.services.auth.issueHelperLink(world.helpers.anna, 'test').token;
    for (const path of ['/api/v1/reports/hours', '/api/v1/reports/demand']) {
      const res = await t.http.get(path).query(WEEK).set(t.bearer(link));
      expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    }
  });

  it.each([
    [{ from: '2026-11-30', to: '2026-11-23', by: 'track' }, 'to'],
    [{ from: '2026-02-30', to: '2026-11-23', by: 'track' }, 'from'],
    [{ from: '23-11-2026', to: '2026-11-29', by: 'track' }, 'from'],
    [{ from: '2026-11-23', to: '2026-11-29', by: 'resident' }, 'by'],
    [{ to: '2026-11-29' }, 'from'],
    [{ from: '2016-11-23', to: '2026-11-29' }, 'to'],
    [{ ...WEEK, format: 'pdf' }, 'format'],
  ])('refuses %j with 400 naming %s', async (query, field) => {
    const res = await t.http.get('/api/v1/reports/hours').query(query).set(t.auth());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});

describe('GET /reports/demand', () => {
  it('per neighbourhood: served, unmet, cancelled and pending; the small buurt and the next smallest withheld', async () => {
    const report = await demand({ ...WEEK, by: 'neighbourhood' });
    const none = {
      requests: null,
      served: null,
      unmet: null,
      cancelled: null,
      pending: null,
      whyUnmet: null,
      suppressed: true,
    };
    expect(report.rows).toEqual([
      { key: 'BU08820301', wijk: 'Nieuwenhagen', buurt: 'Nieuwenhagen-Noord', ...none },
      {
        key: 'BU08820101',
        wijk: 'Schaesberg',
        buurt: 'Schaesberg-Centrum',
        requests: 9,
        served: 7,
        unmet: 1,
        cancelled: 1,
        pending: 0,
        whyUnmet: why({ notAsked: 1 }),
        suppressed: false,
      },
      { key: 'unknown', wijk: null, buurt: null, ...none },
    ]);
    expect(report.total).toEqual({
      requests: 18,
      served: 13,
      unmet: 3,
      cancelled: 1,
      pending: 1,
      whyUnmet: why({ notAsked: 2, availability: 1 }),
      suppressed: false,
    });
  });

  it('per CBS wijk, with its name; withheld as per buurt', async () => {
    const report = await demand({ ...WEEK, by: 'wijk' });
    expect(report.rows.map((r) => [r.key, r.wijk, r.buurt, r.requests, r.unmet])).toEqual([
      ['WK088203', 'Nieuwenhagen', undefined, null, null],
      ['WK088201', 'Schaesberg', undefined, 9, 1],
      ['unknown', null, undefined, null, null],
    ]);
    const csv = await t.http
      .get('/api/v1/reports/demand')
      .query({ ...WEEK, by: 'wijk', format: 'csv' })
      .set(t.auth());
    expect(csv.text.split('\r\n')[2]).toMatch(/^WK088201,Schaesberg,9,7,1,1,0,false,/);
  });

  it('per urgency, in the order of urgency', async () => {
    const report = await demand({ ...WEEK, by: 'urgency' });
    expect(report.rows).toEqual([
      { key: 'low', requests: 5, served: 5, unmet: 0, cancelled: 0, pending: 0, whyUnmet: why(), suppressed: false },
      {
        key: 'normal',
        requests: 13,
        served: 8,
        unmet: 3,
        cancelled: 1,
        pending: 1,
        whyUnmet: why({ notAsked: 2, availability: 1 }),
        suppressed: false,
      },
    ]);
  });

  it('per channel: every request of the week came in by phone', async () => {
    const report = await demand({ ...WEEK, by: 'channel' });
    expect(report.rows).toEqual([
      {
        key: 'phone',
        requests: 18,
        served: 13,
        unmet: 3,
        cancelled: 1,
        pending: 1,
        whyUnmet: why({ notAsked: 2, availability: 1 }),
        suppressed: false,
      },
    ]);
  });

  it('per skill: a request counts under every skill it asked for', async () => {
    const report = await demand({ ...WEEK, by: 'skill' });
    expect(report.rows.map((r) => [r.key, r.suppressed])).toEqual([
      ['companionship', true],
      ['gardening', true],
      ['groceries', false],
    ]);
    expect(report.rows[2]).toMatchObject({
      requests: 12,
      served: 7,
      unmet: 3,
      cancelled: 1,
      pending: 1,
      whyUnmet: why({ notAsked: 2, availability: 1 }),
    });
  });

  it('places a window by its local start: 00:30 on Wednesday is Wednesday, though Tuesday in UTC', async () => {
    const wednesday = await demand({ from: '2026-11-25', to: '2026-11-25', by: 'urgency' });
    const tuesday = await demand({ from: '2026-11-24', to: '2026-11-24', by: 'urgency' });
    // Wednesday: bert's four jobs (one cancelled) and r8's night request; Tuesday: anna's four, r2's, r12's.
    expect(wednesday.total.suppressed).toBe(false);
    expect(wednesday.total).toMatchObject({ requests: 5, served: 3, unmet: 1, cancelled: 1 });
    expect(tuesday.total).toMatchObject({ requests: 6, served: 4, unmet: 2, cancelled: 0 });
  });

  it('answers CSV with the same numbers, why unmet as a column per reason', async () => {
    const res = await t.http
      .get('/api/v1/reports/demand')
      .query({ ...WEEK, by: 'urgency' })
      .set({ ...t.auth(), Accept: 'text/csv' });
    expect(res.type).toBe('text/csv');
    const reasons = WHY_UNMET.map((r) => `whyUnmet.${r}`).join(',');
    const counts = (c: Partial<Record<WhyUnmet, number>>) => Object.values(why(c)).join(',');
    expect(res.text.split('\r\n')).toEqual([
      `key,requests,served,unmet,cancelled,pending,suppressed,${reasons}`,
      `low,5,5,0,0,0,false,${counts({})}`,
      `normal,13,8,3,1,1,false,${counts({ notAsked: 2, availability: 1 })}`,
      '',
    ]);
  });
});

describe('GET /reports/participants', () => {
  const participants = async (query: Record<string, string>) => {
    const res = await t.http.get('/api/v1/reports/participants').query(query).set(t.auth('intake'));
    expect(res.status, res.text).toBe(200);
    return ParticipantsReport.parse(res.body);
  };

  it('counts the helpers enrolled per track: who started, who ended, who worked and their hours', async () => {
    const report = await participants({ ...WEEK, by: 'track' });
    const outflow = (counts: Partial<Record<OutflowKind, number>> = {}) => ({
      ...Object.fromEntries(OUTFLOW_KINDS.map((k) => [k, 0])),
      ...counts,
    });
    expect(report.rows).toEqual([
      { key: 'care', enrolled: 2, new: 2, ended: 0, working: 2, hours: 8.25, outflow: outflow() },
      { key: 'green', enrolled: 1, new: 1, ended: 0, working: 1, hours: 7, outflow: outflow({ 'paid-work': 1 }) },
      { key: 'handy', enrolled: 1, new: 0, ended: 1, working: 0, hours: 0, outflow: outflow() },
    ]);
    expect(report.total).toEqual({
      enrolled: 4,
      new: 3,
      ended: 1,
      working: 3,
      hours: 15.25,
      outflow: outflow({ 'paid-work': 1 }),
    });
    // Where the participants went, in the files as a column per kind.
    const csv = await t.http
      .get('/api/v1/reports/participants')
      .query({ ...WEEK, by: 'track', format: 'csv' })
      .set(t.auth('intake'));
    expect(csv.text.split('\r\n').slice(0, 3)).toEqual([
      `key,enrolled,new,ended,working,hours,${OUTFLOW_KINDS.map((k) => `outflow.${k}`).join(',')}`,
      'care,2,2,0,2,8.25,0,0,0,0,0',
      'green,1,1,0,1,7,1,0,0,0,0',
    ]);
  });

  it('per kind, and without those whose active period ended before the period', async () => {
    const week = await participants({ ...WEEK, by: 'kind' });
    expect(week.rows.map((r) => [r.key, r.enrolled, r.ended])).toEqual([
      ['jobseeker', 1, 1],
      ['student', 3, 0],
    ]);
    const december = await participants({ from: '2026-12-01', to: '2026-12-31', by: 'kind' });
    expect(december.rows).toEqual([
      {
        key: 'student',
        enrolled: 3,
        new: 0,
        ended: 0,
        working: 0,
        hours: 0,
        outflow: Object.fromEntries(OUTFLOW_KINDS.map((k) => [k, 0])),
      },
    ]);
  });
});

describe('GET /reports/quality', () => {
  it('measures matching before the start, the time to match, the spread of hours, satisfaction and reciprocity; continuity needs regulars', async () => {
    const res = await t.http.get('/api/v1/reports/quality').query(WEEK).set(t.auth('intake'));
    expect(res.status, res.text).toBe(200);
    const report = QualityReport.parse(res.body);
    expect(report.rows).toEqual([
      // Fourteen requests accepted (twelve done, r1's on Friday, r3's cancelled), all on Monday.
      { key: 'matchedBeforeStart', value: 1, count: 14, suppressed: false },
      // Accepted 1–12 minutes after they were entered (r1 and r3 twice): 1 1 2 3 3 4 5 6 7 8 9 10 11 12.
      { key: 'timeToMatchMedianMinutes', value: 5, count: 14, suppressed: false },
      { key: 'timeToMatchP90Minutes', value: 11, count: 14, suppressed: false },
      // Nobody had two jobs done this week: no regulars, so nothing to show.
      { key: 'continuity', value: null, count: null, suppressed: true },
      // 0 (dirk), 2.5, 5.75, 7 hours.
      { key: 'hoursPerHelperMedian', value: 2.5, count: 4, suppressed: false },
      { key: 'hoursGini', value: 0.3975, count: 4, suppressed: false },
      // Five jobs rated by five residents: 5, 4, 4, 3, 5.
      { key: 'satisfactionMean', value: 4.2, count: 5, suppressed: false },
      // Six of the twelve jobs done were returned in kind.
      { key: 'reciprocityShare', value: 0.5, count: 12, suppressed: false },
    ]);
    const csv = await t.http
      .get('/api/v1/reports/quality')
      .query({ ...WEEK, format: 'csv' })
      .set(t.auth('intake'));
    expect(csv.text.split('\r\n').slice(0, 3)).toEqual([
      'key,value,count,suppressed',
      'matchedBeforeStart,1,14,false',
      'timeToMatchMedianMinutes,5,14,false',
    ]);
  });

  it('withholds satisfaction rated by fewer than five residents', async () => {
    const monday = QualityReport.parse(
      (await t.http.get('/api/v1/reports/quality').query({ from: '2026-11-24', to: '2026-11-24' }).set(t.auth())).body,
    );
    // Tuesday's jobs: r1–r4, all rated, all returned in kind; four residents are too few.
    expect(monday.rows.filter((r) => r.key === 'satisfactionMean' || r.key === 'reciprocityShare')).toEqual([
      { key: 'satisfactionMean', value: null, count: null, suppressed: true },
      { key: 'reciprocityShare', value: null, count: null, suppressed: true },
    ]);
  });
});
