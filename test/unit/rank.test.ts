import { describe, expect, it } from 'vitest';
import type { HelperProfile, Job, MatchContext } from '../../src/matching/matching.types.js';
import { frameJob, placeJob } from '../../src/matching/placement.js';
import { evaluateHelper, rankCandidates } from '../../src/matching/rank.js';
import { at, context, east, HOUR, helperProfile, job, MINUTE, TUESDAY_10 } from './fixtures.js';

function reasonsFor(helper: Partial<HelperProfile>, j: Partial<Job> = {}, ctx: Partial<MatchContext> = {}) {
  const c = context(ctx);
  const result = evaluateHelper(frameJob(job(j), c), helperProfile(helper), c);
  return 'reasons' in result ? result.reasons : [];
}

const commitment = (start: string, end: string, location = east(0)) => ({
  requestId: 7,
  start: at(start),
  end: at(end),
  location,
});

describe('hard constraints: who is excluded, and why', () => {
  it.each<[string, Partial<HelperProfile>, Partial<Job>, Partial<MatchContext>, string[]]>([
    ['a helper who fits', {}, {}, {}, []],
    ['a missing skill', {}, { skills: ['groceries', 'gardening'] }, {}, ['skills']],
    ['no slot on Tuesday', { availability: [{ weekday: 1, start: 540, end: 1020 }] }, {}, {}, ['availability']],
    [
      'a slot too short for the job',
      { availability: [{ weekday: 2, start: 600, end: 640 }] },
      {},
      {},
      ['availability'],
    ],
    ['an absence that day', { absences: [{ from: '2026-11-23', to: '2026-11-25' }] }, {}, {}, ['availability']],
    ['an absence on another day', { absences: [{ from: '2026-11-25', to: '2026-11-25' }] }, {}, {}, []],
    [
      'an assignment filling the window',
      { commitments: [commitment('2026-11-24T09:30:00+01:00', '2026-11-24T12:00:00+01:00')] },
      {},
      {},
      ['busy'],
    ],
    ['too far away', { maxTravelKm: 2 }, { location: east(3) }, {}, ['distance']],
    [
      'the weekly cap reached',
      { maxHoursPerWeek: 2, commitments: [commitment('2026-11-23T09:00:00+01:00', '2026-11-23T10:30:00+01:00')] },
      {},
      {},
      ['hours'],
    ],
    [
      'hours in the previous week do not count',
      { maxHoursPerWeek: 2, commitments: [commitment('2026-11-20T09:00:00+01:00', '2026-11-20T10:30:00+01:00')] },
      {},
      {},
      [],
    ],
    ['deactivated', { active: false }, {}, {}, ['inactive']],
    ['an internship that ended', { activeUntil: '2026-11-20' }, {}, {}, ['inactive']],
    ['an internship not yet started', { activeFrom: '2026-12-01' }, {}, {}, ['inactive']],
    ['unwanted by the resident', {}, { excludedHelperIds: new Set([1]) }, {}, ['excluded']],
    ['the organisation closed that day', {}, {}, { closedDates: new Set(['2026-11-24']) }, ['closed']],
    [
      "a first job that asks for the track's workshops, before them",
      { availability: [] },
      { workshopsFirst: true },
      { workshopsPending: new Set([1]) },
      ['workshops'],
    ],
    ['the workshops asked for, and done', {}, { workshopsFirst: true }, { workshopsPending: new Set([2]) }, []],
    ['workshops pending, on a job that does not ask for them', {}, {}, { workshopsPending: new Set([1]) }, []],
    [
      'learning a skill the job needs supervised',
      { learning: new Set(['groceries']) },
      { supervisedSkills: ['groceries'] },
      {},
      ['supervision'],
    ],
    [
      'learning it off the open goals still needs supervision',
      { learning: new Set(), learningLevel: new Set(['groceries']) },
      { supervisedSkills: ['groceries'] },
      {},
      ['supervision'],
    ],
    ['competent in the supervised skill', {}, { supervisedSkills: ['groceries'] }, {}, []],
    ['learning a skill no one supervises', { learning: new Set(['groceries']) }, { supervisedSkills: [] }, {}, []],
    [
      'every time reason a helper within reach fails',
      { maxHoursPerWeek: 0.5, availability: [] },
      { excludedHelperIds: new Set([1]) },
      {},
      ['excluded', 'availability', 'hours'],
    ],
    [
      'no time checks for a helper out of reach',
      { maxTravelKm: 1, availability: [] },
      { location: east(3), excludedHelperIds: new Set([1]) },
      {},
      ['excluded', 'distance'],
    ],
    [
      'no time checks for an inactive helper',
      { active: false, availability: [] },
      { excludedHelperIds: new Set([1]) },
      {},
      ['inactive', 'excluded'],
    ],
    ['no time checks without the skills', { skills: new Set(['gardening']), availability: [] }, {}, {}, ['skills']],
  ])('%s', (_name, helper, j, ctx, reasons) => {
    expect(reasonsFor(helper, j, ctx)).toEqual(reasons);
  });
});

describe('travel between jobs', () => {
  // Two kilometres by bike: 2 × 1.3 / 14 km/h = 11.1 minutes, so 12 minutes.
  const before = commitment('2026-11-24T09:00:00+01:00', '2026-11-24T10:00:00+01:00', east(2));

  it('starts a flexible job once the helper can be there', () => {
    const c = context();
    const placed = placeJob(frameJob(job(), c), helperProfile({ commitments: [before] }));
    expect(placed).toEqual({ start: at('2026-11-24T10:15:00+01:00'), end: at('2026-11-24T11:15:00+01:00') });
  });

  it('rules out a fixed job that leaves no time to travel', () => {
    expect(reasonsFor({ commitments: [before] }, { window: { start: TUESDAY_10, end: TUESDAY_10 + HOUR } })).toEqual([
      'busy',
    ]);
    expect(
      reasonsFor(
        { commitments: [before], travelMode: 'ebike' },
        { window: { start: TUESDAY_10 + 10 * MINUTE, end: TUESDAY_10 + 70 * MINUTE } },
      ),
    ).toEqual([]);
  });

  it('leaves time to travel on to the next job', () => {
    const after = commitment('2026-11-24T11:05:00+01:00', '2026-11-24T12:00:00+01:00', east(2));
    expect(reasonsFor({ commitments: [after] }, { window: { start: TUESDAY_10, end: TUESDAY_10 + HOUR } })).toEqual([
      'busy',
    ]);
    const later = commitment('2026-11-24T11:15:00+01:00', '2026-11-24T12:00:00+01:00', east(2));
    expect(reasonsFor({ commitments: [later] }, { window: { start: TUESDAY_10, end: TUESDAY_10 + HOUR } })).toEqual([]);
  });

  it('counts at least five minutes even next door', () => {
    const nextDoor = commitment('2026-11-24T09:00:00+01:00', '2026-11-24T10:00:00+01:00', east(0.01));
    const placed = placeJob(frameJob(job(), context()), helperProfile({ commitments: [nextDoor] }));
    expect(placed).toEqual({ start: at('2026-11-24T10:05:00+01:00'), end: at('2026-11-24T11:05:00+01:00') });
  });
});

describe('placement in a flexible window', () => {
  it.each<[string, Partial<Job>, Partial<HelperProfile>, Partial<MatchContext>, string | null]>([
    ['at the window start', {}, {}, {}, '2026-11-24T10:00:00+01:00'],
    [
      'at the start of the helper’s slot',
      { window: { start: at('2026-11-24T07:00:00+01:00'), end: at('2026-11-24T12:00:00+01:00') } },
      {},
      {},
      '2026-11-24T09:00:00+01:00',
    ],
    [
      'not before now, on the five-minute grid',
      {},
      {},
      { now: at('2026-11-24T10:12:00+01:00') },
      '2026-11-24T10:15:00+01:00',
    ],
    [
      'at an off-grid window start when the window is exactly the job',
      { window: { start: at('2026-11-24T10:03:00+01:00'), end: at('2026-11-24T11:03:00+01:00') } },
      {},
      {},
      '2026-11-24T10:03:00+01:00',
    ],
    [
      'on the next day when today’s slot is over',
      { window: { start: at('2026-11-24T16:30:00+01:00'), end: at('2026-11-25T12:00:00+01:00') } },
      {},
      {},
      '2026-11-25T09:00:00+01:00',
    ],
    [
      'skipping a closed day',
      { window: { start: TUESDAY_10, end: at('2026-11-25T12:00:00+01:00') } },
      {},
      { closedDates: new Set(['2026-11-24']) },
      '2026-11-25T09:00:00+01:00',
    ],
    [
      'in summer time',
      { window: { start: at('2026-07-14T08:00:00+02:00'), end: at('2026-07-14T12:00:00+02:00') } },
      {},
      { now: at('2026-07-01T08:00:00+02:00') },
      '2026-07-14T09:00:00+02:00',
    ],
    ['nowhere when now has passed the window', {}, {}, { now: at('2026-11-24T11:30:00+01:00') }, null],
  ])('%s', (_name, j, helper, ctx, expected) => {
    const c = context(ctx);
    const placed = placeJob(frameJob(job(j), c), helperProfile(helper));
    if (expected === null) expect(placed).toBe('availability');
    else expect(placed).toEqual({ start: at(expected), end: at(expected) + HOUR });
  });
});

describe('the score and its breakdown', () => {
  const rank = (helpers: HelperProfile[], j: Partial<Job> = {}, ctx: Partial<MatchContext> = {}) =>
    rankCandidates(job(j), helpers, context(ctx));

  it('adds up the weighted criteria to 0..100, and explains each', () => {
    const [best] = rank([helperProfile()]).candidates;
    // The six default weights add up to 115: each point is 100/115 of its weight.
    expect(best!.breakdown).toEqual({
      distance: { value: 1, weight: 30, points: 26.09 },
      continuity: { value: 0, weight: 25, points: 0 },
      trackFit: { value: 1, weight: 20, points: 17.39 },
      workload: { value: 1, weight: 15, points: 13.04 },
      language: { value: 1, weight: 10, points: 8.7 },
      learning: { value: 0, weight: 15, points: 0 },
    });
    expect(best!.score).toBe(65.22);
  });

  it('scores a learner higher for a job that exercises the skill they are learning', () => {
    const learner = helperProfile({ id: 2, learning: new Set(['groceries']) });
    const [first, second] = rank([helperProfile(), learner]).candidates;
    expect(first!.helperId).toBe(2);
    expect(first!.breakdown.learning).toEqual({ value: 1, weight: 15, points: 13.04 });
    expect(first!.score).toBe(78.26);
    expect(second!.breakdown.learning.value).toBe(0);
  });

  it.each<
    [
      string,
      Partial<HelperProfile>,
      Partial<Job>,
      keyof NonNullable<ReturnType<typeof rank>['candidates'][0]>['breakdown'],
      number,
    ]
  >([
    ['distance is one half at 3 km', { home: east(3) }, {}, 'distance', 0.5],
    ['continuity when the helper came before', {}, { previousHelperIds: new Set([1]) }, 'continuity', 1],
    [
      'track fit is the share of skills in the own track',
      { skills: new Set(['groceries', 'laundry']) },
      { skills: ['groceries', 'laundry'] },
      'trackFit',
      0.5,
    ],
    [
      'workload falls with the hours this week',
      { commitments: [commitment('2026-11-23T09:00:00+01:00', '2026-11-23T13:00:00+01:00')] },
      {},
      'workload',
      0.75,
    ],
    ['no language in common', { languages: ['nl'] }, { languages: ['tr'] }, 'language', 0],
    ['one language in common', { languages: ['nl', 'tr'] }, { languages: ['tr', 'ar'] }, 'language', 1],
    ['learning when the job exercises a skill being learnt', { learning: new Set(['groceries']) }, {}, 'learning', 1],
    [
      'learning when one of the job’s skills is being learnt',
      { learning: new Set(['companionship']) },
      { skills: ['groceries', 'companionship'] },
      'learning',
      1,
    ],
    ['no learning when the skill learnt is not asked', { learning: new Set(['companionship']) }, {}, 'learning', 0],
  ])('%s', (_name, helper, j, criterion, value) => {
    const [candidate] = rank([helperProfile(helper)], j).candidates;
    expect(candidate!.breakdown[criterion].value).toBe(value);
  });

  it('ranks by score, then distance, then id', () => {
    const helpers = [
      helperProfile({ id: 3, home: east(1) }),
      helperProfile({ id: 2, home: east(1) }),
      helperProfile({ id: 1, home: east(2) }),
      helperProfile({ id: 4, home: east(2), track: 'cleaning' }),
    ];
    expect(rank(helpers).candidates.map((c) => c.helperId)).toEqual([2, 3, 1, 4]);
  });

  it('follows the weights from the settings', () => {
    const settings = {
      ...context().settings,
      weights: { distance: 0, continuity: 0, trackFit: 0, workload: 1, language: 0, learning: 0 },
    };
    const [c] = rank([helperProfile({ home: east(4) })], {}, { settings }).candidates;
    expect(c!.score).toBe(100);
  });
});
