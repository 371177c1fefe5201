import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PracticeStanding } from '../../src/matching/matching.types.js';
import { hoursDueBy, practiceBehind, practiceWorkloadTerm } from '../../src/matching/practice.js';
import { rankCandidates } from '../../src/matching/rank.js';
import { DEFAULT_SETTINGS } from '../../src/settings/settings.service.js';
import { at, context, helperProfile, job } from './fixtures.js';

const DAY = 86_400_000;
// A 100-day period from 1 October 2026 asking 50 hours: half a hour due a day.
const START = at('2026-10-01T00:00:00+02:00');
const standing = (heldHours: number): PracticeStanding => ({
  start: START,
  end: START + 100 * DAY,
  requiredHours: 50,
  heldHours,
});

describe('fairness over the practice period (issue 13)', () => {
  it.each([
    { case: 'before the period', day: -5, held: 0, due: 0, behind: null },
    { case: 'a fifth in, nothing done', day: 20, held: 0, due: 10, behind: 1 },
    { case: 'a fifth in, half done', day: 20, held: 5, due: 10, behind: 0.5 },
    { case: 'a fifth in, on track', day: 20, held: 10, due: 10, behind: 0 },
    { case: 'a fifth in, twice as far', day: 20, held: 20, due: 10, behind: -1 },
    { case: 'far ahead stops at −1', day: 20, held: 50, due: 10, behind: -1 },
    { case: 'after the period: all of it due', day: 130, held: 25, due: 50, behind: 0.5 },
  ])('$case: $due h due, behind $behind', ({ day, held, due, behind }) => {
    const p = standing(held);
    expect(hoursDueBy(p, START + day * DAY)).toBeCloseTo(due, 9);
    const b = practiceBehind(p, START + day * DAY);
    if (behind === null) expect(b).toBeNull();
    else expect(b).toBeCloseTo(behind, 9);
  });

  it.each([
    { case: 'no plan: the week alone', week: 0.75, practice: undefined, value: 0.75 },
    { case: 'behind raises it', week: 0.5, practice: standing(5), value: 1 },
    { case: 'on track: the week alone', week: 0.5, practice: standing(10), value: 0.5 },
    { case: 'ahead lowers it', week: 0.75, practice: standing(15), value: 0.25 },
    { case: 'never below zero', week: 0.25, practice: standing(40), value: 0 },
  ])('$case', ({ week, practice, value }) => {
    expect(practiceWorkloadTerm(week, practice, START + 20 * DAY)).toBeCloseTo(value, 9);
  });

  it('stays within 0..1 and never ranks someone further behind lower', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 80, noNaN: true }),
        fc.double({ min: 0, max: 80, noNaN: true }),
        fc.integer({ min: -10, max: 120 }),
        (week, a, b, day) => {
          const when = START + day * DAY;
          const more = practiceWorkloadTerm(week, standing(Math.min(a, b)), when);
          const less = practiceWorkloadTerm(week, standing(Math.max(a, b)), when);
          expect(more).toBeGreaterThanOrEqual(0);
          expect(more).toBeLessThanOrEqual(1);
          expect(more).toBeGreaterThanOrEqual(less);
        },
      ),
    );
  });

  it('puts the participant behind on their hours first, with the setting on, and explains it as workload', () => {
    // The job is on Tuesday 24 November at 10:00, 54.46 of the 100 days in: 27.2 hours due.
    const behind = helperProfile({ id: 1, practice: standing(10) });
    const ahead = helperProfile({ id: 2, practice: standing(40) });
    const on = rankCandidates(job(), [ahead, behind], context()).candidates;
    expect(on.map((c) => c.helperId)).toEqual([1, 2]);
    expect(on[0]!.breakdown.workload.value).toBe(1);
    expect(on[1]!.breakdown.workload.value).toBe(0.53);
    const settings = { ...DEFAULT_SETTINGS, practiceHours: false };
    const off = rankCandidates(job(), [ahead, behind], context({ settings })).candidates;
    expect(off.map((c) => [c.helperId, c.breakdown.workload.value])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });
});
