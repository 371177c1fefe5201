import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { brokenConstraints } from '../../scripts/sim/constraints.js';
import { continuity, continuityCeiling, cronMatcher, gini } from '../../scripts/sim/measures.js';
import { HelperCreate } from '../../src/helpers/helpers.schema.js';
import { answerOf, answerTime, makeWorld } from '../../scripts/sim/world.js';

const TZ = 'Europe/Amsterdam';
const MONDAY = Date.parse('2026-11-02T07:00:00+01:00');

describe('gini', () => {
  it.each([
    [[5, 5, 5, 5], 0],
    [[0, 0, 0, 12], 0.75],
    [[1, 2, 3, 4], 0.25],
    [[], 0],
    [[0, 0], 0],
  ])('of %j is %d', (amounts, expected) => {
    expect(gini(amounts)).toBeCloseTo(expected, 10);
  });
});

describe('continuity', () => {
  it('pools the top helper share over residents with two jobs or more', () => {
    expect(continuity([[1, 1, 2], [3, 4], [9]])).toBeCloseTo(3 / 5, 10);
  });
});

describe('continuityCeiling', () => {
  it.each([
    [[3, 4], [3, 4], 1],
    [[4, 4], [1, 2], 3 / 8],
    [[1, 4], [1, 1], 1 / 4],
    [[6], [9], 1],
  ])('of %j jobs with at most %j by one helper is %d', (matched, mostByOne, ceiling) => {
    expect(continuityCeiling(matched, mostByOne)).toBeCloseTo(ceiling, 10);
  });

  it('is never below the continuity of the same jobs', () => {
    const jobs = [[1, 1, 2], [3, 4], [9]];
    expect(continuityCeiling([3, 2, 1], [2, 1, 1])).toBeGreaterThanOrEqual(continuity(jobs));
  });
});

describe('cronMatcher', () => {
  it.each([
    ['*/15 7-21 * * *', '2026-11-02T07:45:00+01:00', true],
    ['*/15 7-21 * * *', '2026-11-02T22:00:00+01:00', false],
    ['*/15 7-21 * * *', '2026-11-02T07:50:00+01:00', false],
    ['0 8,13 * * *', '2026-11-02T13:00:00+01:00', true],
    ['0 8,13 * * 1-5', '2026-11-08T08:00:00+01:00', false],
    ['0 8,13 * * 0', '2026-11-08T08:00:00+01:00', true],
    ['30 2 * * *', '2026-07-01T02:30:00+02:00', true],
  ])('%s at %s is %s, local time', (expression, at, expected) => {
    expect(cronMatcher(expression, TZ)(Date.parse(at))).toBe(expected);
  });
});

describe('the simulated world', () => {
  it('is the same for the same seed, and has requests for every skill', () => {
    const a = makeWorld(5, MONDAY, 1);
    const b = makeWorld(5, MONDAY, 1);
    expect(b).toEqual(a);
    expect(a.helpers).toHaveLength(60);
    expect(new Set(makeWorld(5, MONDAY, 4).arrivals.flatMap((r) => r.input.skills)).size).toBe(13);
    for (const r of a.arrivals) expect(r.windowStart).toBeGreaterThan(r.at);
  });

  it('answers a proposal the same way whenever it is made', () => {
    expect(answerOf(5, 17, 3)).toEqual(answerOf(5, 17, 3));
    const kinds = Array.from({ length: 4000 }, (_, i) => answerOf(5, i, i % 60).kind);
    const share = (kind: string) => kinds.filter((k) => k === kind).length / kinds.length;
    expect(share('decline')).toBeCloseTo(0.15, 1);
    expect(share('ignore')).toBeCloseTo(0.1, 1);
  });

  it('keeps answers out of the night', () => {
    const at = answerTime(Date.parse('2026-11-02T21:50:00+01:00'), 30);
    expect(new Date(at).toISOString()).toBe('2026-11-03T06:30:00.000Z');
  });
});

describe('npm run sim -- --json (the ★ line)', () => {
  it('prints one JSON object as its last stdout line, for a seed nobody tuned on', async () => {
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/sim/month.ts', '--json', '--seed', '41', '--seeds', '2', '--weeks', '1'],
      { env: { ...process.env, LOG_LEVEL: 'silent' } },
    );
    const result = JSON.parse(stdout.trimEnd().split('\n').at(-1)!);
    expect(result.seeds).toEqual([41, 42]);
    for (const key of ['matched', 'urgentMatched', 'continuity', 'gini']) {
      expect(result[key]).toBeGreaterThanOrEqual(0);
      expect(result[key]).toBeLessThanOrEqual(1);
    }
    expect(result.meanTravelKm).toBeGreaterThan(0);
    expect(result.bound.matched).toBeGreaterThanOrEqual(result.matched);
    expect(result.bound.matched).toBeLessThanOrEqual(1 - result.bound.unmatchable + 1e-9);
    expect(typeof result.bound.exact).toBe('boolean');
  }, 120_000);
});

describe('brokenConstraints', () => {
  const helper = HelperCreate.parse({
    name: 'H',
    kind: 'student',
    track: 'care',
    skills: ['groceries'],
    location: { lat: 50.8915, lon: 6.0259 },
    maxTravelKm: 5,
    travelMode: 'walking',
    availability: [{ weekday: 1, start: '09:00', end: '17:00' }],
    maxHoursPerWeek: 2,
  });
  const at = (hhmm: string) => Date.parse(`2026-11-02T${hhmm}:00+01:00`);
  const job = (requestId: number, from: string, to: string, lon = 6.0259) => ({
    requestId,
    helper: 0,
    skills: ['groceries'],
    window: { start: at('09:00'), end: at('17:00') },
    start: at(from),
    end: at(to),
    location: { lat: 50.8915, lon },
  });

  it('finds nothing wrong with jobs one helper can do', () => {
    expect(brokenConstraints([helper], [job(1, '09:00', '10:00'), job(2, '10:30', '11:30')])).toEqual([]);
  });

  it.each([
    [
      'jobs that overlap with the walk between them',
      [job(1, '09:00', '10:00'), job(2, '10:05', '11:00', 6.04)],
      'overlap',
    ],
    ['more hours than the weekly cap', [job(1, '09:00', '10:30'), job(2, '11:00', '12:30')], '3 h in the week'],
    ['a job outside the weekly slots', [job(1, '16:30', '17:30')], 'availability'],
    ['a job too far from home', [job(1, '09:00', '10:00', 6.2)], 'distance'],
  ])('reports %s', (_, jobs, reason) => {
    expect(brokenConstraints([helper], jobs).join('; ')).toContain(reason);
  });
});
