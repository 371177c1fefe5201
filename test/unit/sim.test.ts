import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { continuity, cronMatcher, gini } from '../../scripts/sim/measures.js';
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
