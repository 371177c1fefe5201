import { describe, expect, it } from 'vitest';
import type { Commitment } from '../../src/matching/matching.types.js';
import { frameJob } from '../../src/matching/placement.js';
import { rankCandidates } from '../../src/matching/rank.js';
import { onlyBusy, roomBy, withCommitmentReplaced } from '../../src/matching/room.js';
import { at, context, HOME, HOUR, helperProfile, job, TUESDAY_10 } from './fixtures.js';

const held = (requestId: number, start: string, hours: number): Commitment => ({
  requestId,
  start: at(start),
  end: at(start) + hours * HOUR,
  location: HOME,
});
/** The job: Tuesday 10:00–11:00 exactly, as an urgent one is. */
const fixed = job({ window: { start: TUESDAY_10, end: TUESDAY_10 + HOUR }, durationMinutes: 60 });
const ctx = context({ now: at('2026-11-24T08:00:00+01:00') });

describe('making room for a more urgent job (issue 13)', () => {
  it.each<[string, Commitment[], (c: Commitment) => boolean, number | null]>([
    ['one job at the time, allowed to give way: that one', [held(7, '2026-11-24T10:00:00+01:00', 1)], () => true, 7],
    ['one job at the time, not allowed: none', [held(7, '2026-11-24T10:00:00+01:00', 1)], () => false, null],
    [
      'two jobs in the way: giving one up is not enough',
      [held(7, '2026-11-24T09:00:00+01:00', 1.5), held(8, '2026-11-24T10:30:00+01:00', 1)],
      () => true,
      null,
    ],
    [
      'the allowed one of two, when the other is not in the way',
      [held(7, '2026-11-24T14:00:00+01:00', 1), held(8, '2026-11-24T10:00:00+01:00', 1)],
      (c) => c.requestId === 8,
      8,
    ],
  ])('%s', (_name, commitments, mayGiveWay, gives) => {
    const found = roomBy(frameJob(fixed, ctx), helperProfile({ commitments }), ctx, mayGiveWay);
    expect(found?.gives.requestId ?? null).toBe(gives);
    if (found) expect(found.candidate).toMatchObject({ helperId: 1, start: TUESDAY_10, end: TUESDAY_10 + HOUR });
  });

  it('counts as only busy a helper the ranking excluded for a job at the time and nothing else', () => {
    const helpers = [
      helperProfile({ id: 1, commitments: [held(7, '2026-11-24T10:00:00+01:00', 1)] }),
      helperProfile({ id: 2 }),
      helperProfile({ id: 3, skills: new Set(['cleaning']) }),
      helperProfile({ id: 4, commitments: [held(9, '2026-11-24T10:00:00+01:00', 1)], maxHoursPerWeek: 1 }),
    ];
    const ranking = rankCandidates(fixed, helpers, ctx);
    expect(ranking.candidates.map((c) => c.helperId)).toEqual([2]);
    expect(onlyBusy(ranking)).toEqual([1]);
  });

  it('puts the new job in the place of the one that gives way, the others kept', () => {
    const helper = helperProfile({
      commitments: [held(7, '2026-11-24T10:00:00+01:00', 1), held(8, '2026-11-24T14:00:00+01:00', 1)],
    });
    const instead = held(100, '2026-11-24T10:00:00+01:00', 1);
    expect(withCommitmentReplaced(helper, 7, instead).commitments.map((c) => c.requestId)).toEqual([8, 100]);
  });
});
