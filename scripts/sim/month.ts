/**
 * Issues 5 and 13: a month of a 60-helper wijkleerbedrijf, run through the real services on a
 * temporary SQLite file with a clock the simulation moves, once per proposing strategy, beside the
 * hindsight bound of what any policy could have done (hindsight.ts). Every strategy sees the same
 * seeded request stream and the same helper behaviour; after each month every job is checked again
 * against the hard constraints (constraints.ts).
 *
 * Run: tsx scripts/sim/month.ts [--seed 5] [--seeds 3] [--weeks 4] [--tries 3] [--json]
 * (--seeds: months with seeds seed, seed+1, … for the summary; --tries: settings.maxProposalTries;
 * --json: only the shipped policy and the hindsight bound, as one JSON line, last on stdout)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Identity } from '../../src/auth/auth.types.js';
import { openDatabase } from '../../src/db/client.js';
import { AppError } from '../../src/errors.js';
import { JOBS, type JobDefinition } from '../../src/jobs/jobs.js';
import { haversineKm } from '../../src/matching/geo.js';
import { hoursDueBy } from '../../src/matching/practice.js';
import { createServices, type Services } from '../../src/services.js';
import type { SettingsPatch } from '../../src/settings/settings.schema.js';
import { DEFAULT_SETTINGS } from '../../src/settings/settings.service.js';
import { machine } from '../bench/stats.js';
import { brokenConstraints } from './constraints.js';
import { giniFloor, worldBound } from './hindsight.js';
import {
  continuity,
  continuityCeiling,
  cronMatcher,
  gini,
  humanDuration,
  mean,
  median,
  onTrack,
  percent,
  quantile,
  tripDistances,
} from './measures.js';
import {
  answerOf,
  answerTime,
  completionTime,
  DAY,
  DECLINE_SHARE,
  IGNORE_SHARE,
  localTime,
  makeWorld,
  MINUTE,
  PRACTICE_WEEKS,
  TZ,
  type World,
} from './world.js';

interface Strategy {
  name: string;
  autoPropose: boolean;
  jobs: JobDefinition[];
  /** Settings this strategy changes from the defaults. */
  settings?: SettingsPatch;
}

const jobNamed = (name: string) => JOBS.find((j) => j.name === name);
const EXPIRE: JobDefinition = jobNamed('expire-proposals') ?? {
  name: 'expire-proposals',
  schedule: '* * * * *',
  run: (s) => s.proposals.expireDue(),
};
const round = (schedule: string): JobDefinition => ({
  name: 'round',
  schedule,
  // Awaited: the round may plan on a worker thread; the clock stands still meanwhile.
  run: async (s) => (await s.rounds.run('system:sim')).proposals.length,
});

/**
 * The policy before issue 13 (one helper at a time, no round), the shipped policy, the shipped one
 * with each of issue 13's changes taken back, and with answer habits or chained trips on (measured,
 * left off); side by side, and global rounds every quarter hour with auto-propose off (issue 5).
 */
function strategies(): Strategy[] {
  const serviceRound = jobNamed('matching-round');
  const quarterly = serviceRound ?? round('*/15 7-21 * * *');
  const one = { urgent: 1, high: 1, normal: 1, low: 1 };
  const without = (name: string, settings: SettingsPatch): Strategy => ({ ...shipped(), name, settings });
  return [
    {
      name: 'one-by-one',
      autoPropose: true,
      jobs: [EXPIRE],
      settings: {
        fanOut: one,
        lastCallUntilStart: false,
        usualHelperFirst: false,
        holdUntilStart: false,
        practiceHours: false,
        chainTrips: false,
        makeRoom: false,
      },
    },
    ...(serviceRound
      ? [
          shipped(),
          without('− fan-out', { fanOut: one }),
          without('− last call', { lastCallUntilStart: false }),
          without('− usual first', { usualHelperFirst: false }),
          without('− hold', { holdUntilStart: false }),
          without('+ habits', { answerHabits: true }),
          without('− practice', { practiceHours: false }),
          without('+ chain', { chainTrips: true }),
          without('− make room', { makeRoom: false }),
        ]
      : []),
    { name: 'rounds 15 min', autoPropose: false, jobs: [EXPIRE, quarterly], settings: { holdUntilStart: false } },
  ];
}

/** What the service ships: auto-propose on, the job table's expiry and round, the default settings. */
function shipped(): Strategy {
  const jobs = [EXPIRE, ...JOBS.filter((j) => j.name === 'matching-round')];
  return { name: 'shipped', autoPropose: true, jobs };
}

interface RequestTrace {
  arrival: number;
  createdAt: number;
  assignedAt: number | null;
  helperId: number | null;
  score: number | null;
  /** Helpers who could come when the request was entered. */
  feasible: number;
}

interface Outcome {
  strategy: Strategy;
  traces: RequestTrace[];
  hoursByHelper: number[];
  distancesKm: number[];
  /** Each job's trip: from the helper's previous job that day, or from home for the day's first. */
  tripsKm: number[];
  /** Per student with a plan: hours logged in the period by the clock's end, and the hours due by then. */
  practice: Array<{ done: number; due: number }>;
  regularHelpers: number[][];
  proposals: number;
  declined: number;
  expired: number;
  withdrawn: number;
  flagged: number;
  rounds: number;
  roundProposals: number;
  repeats: number;
  blockers: Map<string, number>;
  seconds: number;
}

const helperIdentity = (helperId: number): Identity => ({ kind: 'helper', role: 'helper', helperId, tokenId: 0 });

/** The students' learning plans, as their coach writes them: a period and the hours it requires. */
async function givePracticePlans(services: Services, world: World, helpers: readonly { id: number }[]) {
  const coach = await services.auth.createUser(
    { email: 'coach@wijkmatch.sim', password: 'coach of the simulated month', name: 'Coach', role: 'coach' },
    'system:sim',
  );
  const identity: Identity = { kind: 'staff', role: 'coach', userId: coach.id, tokenId: 0 };
  for (const plan of world.practice) {
    const helperId = helpers[plan.helper]!.id;
    services.learning.assignCoach(helperId, coach.id, 'system:sim');
    services.learning.update(identity, helperId, { period: plan.period, requiredHours: plan.requiredHours });
  }
}

/** Errors a helper's late tap can meet: the job is gone, the deadline passed, or they took another. */
const STALE_ANSWER = new Set(['proposal_closed', 'proposal_expired', 'request_closed']);
const CANNOT_COME = new Set(['helper_busy', 'helper_not_feasible']);

async function simulate(world: World, strategy: Strategy, seed: number, settings: SettingsPatch): Promise<Outcome> {
  const startedAt = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'wijkmatch-sim-'));
  const db = openDatabase(join(dir, 'sim.sqlite'));
  // A throw-away file: no fsync per commit, the month runs in seconds instead of minutes.
  db.$client.pragma('synchronous = OFF');
  let now = world.start - DAY;
  const clock = () => now;
  const services: Services = createServices(
    db,
    {
      autoPropose: strategy.autoPropose,
      sessionHours: 12,
      publicUrl: 'http://wijkmatch.sim',
      backups: { dir: join(dir, 'backups'), keep: 1 },
    },
    clock,
  );

  services.settings.update({ ...settings, ...strategy.settings });
  const helpers = world.helpers.map((h) => services.helpers.create(h, 'system:sim'));
  const helperIndex = new Map(helpers.map((h, i) => [h.id, i]));
  const residentIds = world.residents.map((r) => services.residents.create(r, 'system:sim').id);
  await givePracticePlans(services, world, helpers);

  // The agenda: what happens at which minute, in the order it was planned.
  const agenda = new Map<number, Array<() => unknown>>();
  const plan = (at: number, action: () => unknown) => {
    const minute = Math.max(Math.ceil(at / MINUTE) * MINUTE, now + MINUTE);
    const list = agenda.get(minute);
    if (list) list.push(action);
    else agenda.set(minute, [action]);
  };

  const traces: RequestTrace[] = [];
  const arrivalOf = new Map<number, number>();
  const liveExpiries = new Map<number, number>();
  /** When held proposals have the next best asked as well: the expiry job handles those too. */
  const steps: number[] = [];
  const counts = {
    proposals: 0,
    declined: 0,
    expired: 0,
    withdrawn: 0,
    flagged: 0,
    rounds: 0,
    roundProposals: 0,
    repeats: 0,
  };
  const offered = new Set<string>();

  async function answer(proposalId: number, helperId: number, kind: 'accept' | 'decline'): Promise<void> {
    const identity = helperIdentity(helperId);
    const actor = `helper:${helperId}`;
    try {
      if (kind === 'accept') await services.proposals.accept(proposalId, identity, actor);
      else await services.proposals.decline(proposalId, identity, actor, 'Past me niet');
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (CANNOT_COME.has(err.code)) await answer(proposalId, helperId, 'decline');
      else if (!STALE_ANSWER.has(err.code)) throw err;
    }
  }

  /**
   * The helper logs the hours after the job; a job moved later is logged after its new end, and one
   * that went to another helper in between is theirs to log.
   */
  function planCompletion(requestId: number, helperId: number, arrival: number): void {
    const end = Date.parse(services.requests.get(requestId).scheduled!.end);
    plan(completionTime(end, arrival), () => {
      const request = services.requests.get(requestId);
      if (request.status !== 'assigned' || request.helperId !== helperId) return;
      if (Date.parse(request.scheduled!.end) !== end) return planCompletion(requestId, helperId, arrival);
      return services.requests.complete(
        requestId,
        { hours: request.durationMinutes / 60, note: 'Gedaan' },
        helperIdentity(helperId),
        `helper:${helperId}`,
      );
    });
  }

  // Which arrival a request is: its events come inside create, before create returns its id.
  let arriving = -1;
  /** Why the helpers with the skill could not come, over the requests nobody could take when entered. */
  const blockers = new Map<string, number>();
  const requestIds: number[] = [];
  services.bus.subscribe((event) => {
    switch (event.type) {
      case 'request.created':
        arrivalOf.set((event.data as { requestId: number }).requestId, arriving);
        break;
      case 'proposal.created': {
        const { proposalId, requestId, helperId, expiresAt, askNextAt } = event.data as {
          proposalId: number;
          requestId: number;
          helperId: number;
          expiresAt: string;
          askNextAt: string | null;
        };
        counts.proposals += 1;
        // The same request offered again to a helper who had it: a strategy should not.
        if (offered.has(`${requestId}:${helperId}`)) counts.repeats += 1;
        offered.add(`${requestId}:${helperId}`);
        liveExpiries.set(proposalId, Date.parse(expiresAt));
        if (askNextAt !== null) steps.push(Date.parse(askNextAt));
        const behaviour = answerOf(seed, arrivalOf.get(requestId)!, helperIndex.get(helperId)!);
        if (behaviour.kind !== 'ignore') {
          plan(answerTime(now, behaviour.delayMinutes), () => answer(proposalId, helperId, behaviour.kind));
        }
        break;
      }
      case 'proposal.accepted': {
        const { proposalId, requestId, helperId, score } = event.data as {
          proposalId: number;
          requestId: number;
          helperId: number;
          score: number;
        };
        liveExpiries.delete(proposalId);
        const trace = traces[arrivalOf.get(requestId)!]!;
        trace.assignedAt = now;
        trace.helperId = helperId;
        trace.score = score;
        planCompletion(requestId, helperId, trace.arrival);
        break;
      }
      case 'proposal.released': {
        // The job went back (it made room for an urgent one): matched only once somebody takes it again.
        const trace = traces[arrivalOf.get((event.data as { requestId: number }).requestId)!]!;
        trace.assignedAt = null;
        trace.helperId = null;
        trace.score = null;
        break;
      }
      case 'proposal.declined':
      case 'proposal.expired':
      case 'proposal.withdrawn': {
        liveExpiries.delete((event.data as { proposalId: number }).proposalId);
        counts[
          event.type === 'proposal.declined' ? 'declined' : event.type === 'proposal.expired' ? 'expired' : 'withdrawn'
        ] += 1;
        break;
      }
      case 'request.flagged':
        counts.flagged += 1;
        break;
      default:
    }
  });

  world.arrivals.forEach((arrival, i) => {
    plan(arrival.at, () => {
      traces[i] = { arrival: i, createdAt: now, assignedAt: null, helperId: null, score: null, feasible: 0 };
      arriving = i;
      requestIds[i] = services.requests.create(
        { ...arrival.input, residentId: residentIds[arrival.resident]! },
        null,
        'intake:sim',
      ).id;
      const ranking = services.requests.candidates(requestIds[i]!);
      traces[i]!.feasible = ranking.candidates.length;
      if (ranking.candidates.length === 0) {
        for (const { reasons } of ranking.excluded) {
          if (reasons.includes('skills')) continue;
          for (const r of reasons) blockers.set(r, (blockers.get(r) ?? 0) + 1);
        }
      }
    });
  });

  const scheduled = strategy.jobs.map((job) => ({ job, due: cronMatcher(job.schedule, TZ) }));
  for (now = world.start; now <= world.end; now += MINUTE) {
    for (const action of agenda.get(now) ?? []) await action();
    agenda.delete(now);
    for (const { job, due } of scheduled) {
      if (!due(now)) continue;
      // The every-minute expiry job finds nothing most minutes: run it only when something is due.
      if (job === EXPIRE && ![...liveExpiries.values()].some((at) => at <= now) && !steps.some((at) => at <= now))
        continue;
      if (job === EXPIRE) steps.splice(0, steps.length, ...steps.filter((at) => at > now));
      const made = await job.run(services);
      if (job !== EXPIRE) {
        counts.rounds += 1;
        counts.roundProposals += typeof made === 'number' ? made : 0;
      }
    }
  }

  const finals = requestIds.map((id) => services.requests.get(id));
  const hoursByHelper = helpers.map(() => 0);
  const distancesKm: number[] = [];
  const regularHelpers = world.regulars.map(() => [] as number[]);
  finals.forEach((request, i) => {
    if (request.helperId === null) return;
    const helper = helperIndex.get(request.helperId)!;
    if (request.status === 'completed') hoursByHelper[helper]! += request.hours ?? 0;
    distancesKm.push(haversineKm(helpers[helper]!.location, request.location));
    const regular = world.regulars.findIndex((r) => r.resident === world.arrivals[i]!.resident);
    if (regular >= 0) regularHelpers[regular]!.push(request.helperId);
  });
  const tripsKm = tripDistances(
    finals.flatMap((r) =>
      r.helperId === null || r.scheduled === null
        ? []
        : [{ helperId: r.helperId, start: Date.parse(r.scheduled.start), location: r.location }],
    ),
    new Map(helpers.map((h) => [h.id, h.location])),
    TZ,
  );
  const practice = world.practice.map((plan) => {
    const midnight = (date: string, days = 0) => localTime(Date.parse(`${date}T12:00:00Z`) + days * DAY, 0);
    const period = { start: midnight(plan.period.start), end: midnight(plan.period.end, 1) };
    return {
      // Every simulated job lies inside the period: all the student's hours count.
      done: hoursByHelper[plan.helper]!,
      due: hoursDueBy({ ...period, requiredHours: plan.requiredHours, heldHours: 0 }, world.end),
    };
  });
  const open = finals.filter((r) => r.status === 'assigned');
  if (open.length > 0) throw new Error(`${open.length} assigned jobs were never completed: extend world.end`);
  const done = finals.flatMap((r) =>
    r.helperId === null || r.scheduled === null
      ? []
      : [
          {
            requestId: r.id,
            helper: helperIndex.get(r.helperId)!,
            skills: r.skills,
            window: { start: Date.parse(r.window.start), end: Date.parse(r.window.end) },
            start: Date.parse(r.scheduled.start),
            end: Date.parse(r.scheduled.end),
            location: r.location,
          },
        ],
  );
  const broken = brokenConstraints(world.helpers, done);
  if (broken.length > 0) throw new Error(`${strategy.name} broke hard constraints: ${broken.join('; ')}`);

  await services.rounds.close();
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    strategy,
    traces,
    hoursByHelper,
    distancesKm,
    tripsKm,
    practice,
    regularHelpers,
    ...counts,
    blockers,
    seconds: (performance.now() - startedAt) / 1000,
  };
}

// ---------------------------------------------------------------------------------------------------

function metricRows(world: World, o: Outcome): Array<[string, string]> {
  const arrivals = world.arrivals;
  const matched = (t: RequestTrace) => t.assignedAt !== null && t.assignedAt < arrivals[t.arrival]!.windowStart;
  const share = (filter: (t: RequestTrace) => boolean) => {
    const some = o.traces.filter(filter);
    return percent(some.filter(matched).length / some.length);
  };
  const waits = o.traces.filter((t) => t.assignedAt !== null).map((t) => t.assignedAt! - t.createdAt);
  const urgentWaits = o.traces
    .filter((t) => t.assignedAt !== null && arrivals[t.arrival]!.input.urgency === 'urgent')
    .map((t) => t.assignedAt! - t.createdAt);
  const scores = o.traces.flatMap((t) => (t.score === null ? [] : [t.score]));
  const hours = o.hoursByHelper;
  const rows: Array<[string, string]> = [
    ['matched (assigned before window start)', share(() => true)],
    ['  urgent', share((t) => arrivals[t.arrival]!.input.urgency === 'urgent')],
    ['  high', share((t) => arrivals[t.arrival]!.input.urgency === 'high')],
    ['  normal + low', share((t) => ['normal', 'low'].includes(arrivals[t.arrival]!.input.urgency!))],
    ['assigned at all (also after window start)', percent(waits.length / o.traces.length)],
    ['time to match, median', humanDuration(median(waits))],
    ['time to match, p90', humanDuration(quantile(waits, 90))],
    ['time to match urgent, median', humanDuration(median(urgentWaits))],
    ['mean travel, helper home → job', `${mean(o.distancesKm).toFixed(2)} km`],
    ['mean trip, from the previous job that day', `${mean(o.tripsKm).toFixed(2)} km`],
    ['mean score of assignments', mean(scores).toFixed(1)],
    ['continuity for regulars', percent(continuity(o.regularHelpers))],
    ['gini of hours per helper (all 60)', gini(hours).toFixed(3)],
    ['students on track for their practice hours', percent(onTrack(o.practice))],
    [
      'hours logged / helpers with any',
      `${hours.reduce((s, h) => s + h, 0).toFixed(0)} h / ${hours.filter((h) => h > 0).length}`,
    ],
    ['proposals per request', (o.proposals / o.traces.length).toFixed(2)],
    ['declined / expired / withdrawn', `${o.declined} / ${o.expired} / ${o.withdrawn}`],
    ['re-proposed to a helper who had it', String(o.repeats)],
    ['flagged for a dispatcher', String(o.flagged)],
    ['nobody feasible when entered', percent(o.traces.filter((t) => t.feasible === 0).length / o.traces.length)],
    ['rounds run / proposals they made', `${o.rounds} / ${o.roundProposals}`],
    ['run time', `${o.seconds.toFixed(1)} s`],
  ];
  return rows;
}

/** The measures the issue asks for, as numbers, for the summary over several months. */
function headline(world: World, o: Outcome, bound: MonthBound): number[] {
  const m = measuresOf(world, o);
  return [
    100 * m.matched,
    m.matched / bound.matched,
    100 * m.urgentMatched,
    m.urgentMatched / bound.urgentMatched,
    m.medianMinutesToMatch,
    m.p90MinutesToMatch,
    m.meanTravelKm,
    m.meanTripKm,
    100 * m.continuity,
    m.gini,
    100 * m.studentsOnTrack,
  ];
}

/** The issue's measures of one month: shares 0..1. */
function measuresOf(world: World, o: Outcome) {
  const arrivals = world.arrivals;
  const matched = (t: RequestTrace) => t.assignedAt !== null && t.assignedAt < arrivals[t.arrival]!.windowStart;
  const shareMatched = (urgencies: readonly string[]) => {
    const some = o.traces.filter((t) => urgencies.includes(arrivals[t.arrival]!.input.urgency!));
    return some.filter(matched).length / some.length;
  };
  const waits = o.traces.filter((t) => t.assignedAt !== null).map((t) => (t.assignedAt! - t.createdAt) / MINUTE);
  return {
    requests: o.traces.length,
    matchedCount: o.traces.filter(matched).length,
    urgentCount: o.traces.filter((t) => arrivals[t.arrival]!.input.urgency === 'urgent').length,
    urgentMatchedCount: o.traces.filter((t) => arrivals[t.arrival]!.input.urgency === 'urgent' && matched(t)).length,
    matched: o.traces.filter(matched).length / o.traces.length,
    urgentMatched: shareMatched(['urgent']),
    highMatched: shareMatched(['high']),
    continuity: continuity(o.regularHelpers),
    gini: gini(o.hoursByHelper),
    regularJobs: o.regularHelpers.map((helpers) => helpers.length),
    hours: o.hoursByHelper.reduce((sum, h) => sum + h, 0),
    meanTravelKm: mean(o.distancesKm),
    meanTripKm: mean(o.tripsKm),
    studentsOnTrack: onTrack(o.practice),
    medianMinutesToMatch: median(waits),
    p90MinutesToMatch: quantile(waits, 90),
    flagged: o.flagged,
  };
}

const HEADLINES: Array<[string, (x: number) => string]> = [
  ['matched (assigned before window start), %', (x) => x.toFixed(1)],
  ['  as a share of the hindsight bound', (x) => x.toFixed(3)],
  ['  urgent, %', (x) => x.toFixed(1)],
  ['  urgent, as a share of the bound', (x) => x.toFixed(3)],
  ['time to match, median, min', (x) => x.toFixed(0)],
  ['time to match, p90, min', (x) => x.toFixed(0)],
  ['mean travel, km', (x) => x.toFixed(2)],
  ['mean trip from the previous job that day, km', (x) => x.toFixed(2)],
  ['continuity for regulars, %', (x) => x.toFixed(1)],
  ['gini of hours per helper', (x) => x.toFixed(3)],
  ['students on track for their hours, %', (x) => x.toFixed(1)],
];

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function option(name: string, fallback: number, least = 1): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < least) throw new Error(`--${name} takes a whole number ≥ ${least}`);
  return value;
}

/** Mean of the values that are numbers; null when none is. */
function meanOf(values: readonly number[]): number | null {
  const numbers = values.filter((v) => Number.isFinite(v));
  return numbers.length === 0 ? null : numbers.reduce((s, v) => s + v, 0) / numbers.length;
}

/** A share 0..1 to four places, null when there is nothing to share. */
const share = (x: number | null) => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10_000) / 10_000);

/** The hindsight bound of one month, as shares of its requests. */
async function boundOfMonth(world: World, seed: number) {
  const b = await worldBound(world, seed);
  const { requests, urgent, nobodyCould, nobodyWould } = b.problem;
  return {
    matched: b.matched.bound / requests,
    urgentMatched: urgent === 0 ? Number.NaN : b.urgentMatched.bound / urgent,
    exact: b.matched.exact && b.urgentMatched.exact,
    gap: Math.max(b.matched.gap, b.urgentMatched.gap),
    method: b.matched.method === 'lp' || b.urgentMatched.method === 'lp' ? 'lp' : 'mip',
    nobodyCould: nobodyCould.length / requests,
    nobodyWould: nobodyWould.length / requests,
    travelKm: b.travelKm ?? Number.NaN,
    mostByOneHelper: world.regulars.map((r) => {
      const jobs = new Map<number, number>();
      for (const { request, helper } of b.problem.workable) {
        if (world.arrivals[request]!.resident === r.resident) jobs.set(helper, (jobs.get(helper) ?? 0) + 1);
      }
      return Math.max(0, ...jobs.values());
    }),
    capacityHours: b.problem.capacityMinutes.map((m) => m / 60),
    seconds: b.matched.seconds + b.urgentMatched.seconds,
  };
}

type MonthBound = Awaited<ReturnType<typeof boundOfMonth>>;
type SeedResult = ReturnType<typeof measuresOf> & {
  seed: number;
  matchedOfMatchable: number;
  bound: MonthBound;
  /** The least Gini any spread of the policy's hours over the helpers' capacities can have. */
  giniFloor: number;
  /** The most continuity can be with as many jobs for each regular as the policy matched. */
  continuityCeiling: number;
};

/**
 * `--json`: the shipped policy and the hindsight bound over the seeds, one JSON object on the last line
 * of stdout (the ★ contract in DESIGN.md); progress goes to stderr.
 */
async function printJson(seed: number, seeds: number, weeks: number, start: number): Promise<void> {
  const began = performance.now();
  const perSeed: SeedResult[] = [];
  for (let k = 0; k < seeds; k++) {
    const world = makeWorld(seed + k, start, weeks);
    const m = measuresOf(world, await simulate(world, shipped(), seed + k, {}));
    const bound = await boundOfMonth(world, seed + k);
    const matchable = world.arrivals.length * (1 - bound.nobodyCould - bound.nobodyWould);
    const floor = giniFloor(bound.capacityHours, m.hours);
    perSeed.push({
      seed: seed + k,
      ...m,
      matchedOfMatchable: m.matchedCount / matchable,
      bound,
      giniFloor: floor,
      continuityCeiling: continuityCeiling(m.regularJobs, bound.mostByOneHelper),
    });
    console.error(
      `seed ${seed + k}: matched ${percent(m.matched)} (bound ${percent(bound.matched)}), ` +
        `urgent ${percent(m.urgentMatched)} (bound ${percent(bound.urgentMatched)})`,
    );
  }
  const avg = (pick: (s: SeedResult) => number) => meanOf(perSeed.map(pick));
  const ratio = (pick: (s: SeedResult) => number, bound: (s: SeedResult) => number) =>
    meanOf(perSeed.map((s) => pick(s) / bound(s)));
  const result = {
    seeds: perSeed.map((s) => s.seed),
    weeks,
    policy: 'shipped',
    requests: avg((s) => s.requests),
    matched: share(avg((s) => s.matched)),
    urgentMatched: share(avg((s) => s.urgentMatched)),
    highMatched: share(avg((s) => s.highMatched)),
    continuity: share(avg((s) => s.continuity)),
    gini: share(avg((s) => s.gini)),
    meanTravelKm: share(avg((s) => s.meanTravelKm)),
    meanTripKm: share(avg((s) => s.meanTripKm)),
    studentsOnTrack: share(avg((s) => s.studentsOnTrack)),
    matchedOfMatchable: share(avg((s) => s.matchedOfMatchable)),
    medianMinutesToMatch: avg((s) => s.medianMinutesToMatch),
    bound: {
      matched: share(avg((s) => s.bound.matched)),
      urgentMatched: share(avg((s) => s.bound.urgentMatched)),
      exact: perSeed.every((s) => s.bound.exact),
      gap: share(Math.max(...perSeed.map((s) => s.bound.gap))),
      method: perSeed.some((s) => s.bound.method === 'lp') ? 'lp' : 'mip',
      travelKmAtMostMatched: share(avg((s) => s.bound.travelKm)),
      giniFloor: share(avg((s) => s.giniFloor)),
      continuityCeiling: share(avg((s) => s.continuityCeiling)),
      unmatchable: share(avg((s) => s.bound.nobodyCould + s.bound.nobodyWould)),
      nobodyCould: share(avg((s) => s.bound.nobodyCould)),
      nobodyWould: share(avg((s) => s.bound.nobodyWould)),
    },
    ratio: {
      matched: share(
        ratio(
          (s) => s.matched,
          (s) => s.bound.matched,
        ),
      ),
      urgentMatched: share(
        ratio(
          (s) => s.urgentMatched,
          (s) => s.bound.urgentMatched,
        ),
      ),
    },
    perSeed: perSeed.map((s) => ({
      seed: s.seed,
      requests: s.requests,
      matched: share(s.matched),
      urgentMatched: share(s.urgentMatched),
      continuity: share(s.continuity),
      gini: share(s.gini),
      meanTravelKm: share(s.meanTravelKm),
      meanTripKm: share(s.meanTripKm),
      studentsOnTrack: share(s.studentsOnTrack),
      bound: {
        matched: share(s.bound.matched),
        urgentMatched: share(s.bound.urgentMatched),
        exact: s.bound.exact,
        travelKmAtMostMatched: share(s.bound.travelKm),
        giniFloor: share(s.giniFloor),
        continuityCeiling: share(s.continuityCeiling),
      },
    })),
    seconds: Math.round((performance.now() - began) / 100) / 10,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const began = performance.now();
  const seed = option('seed', 5, 0);
  const seeds = option('seeds', 3);
  const weeks = option('weeks', 4);
  // Monday 2 November 2026: four weeks without a public holiday or a clock change.
  const start = localTime(Date.parse('2026-11-02T12:00:00+01:00'), 7);
  if (process.argv.includes('--json')) return printJson(seed, seeds, weeks, start);
  const settings: SettingsPatch = { maxProposalTries: option('tries', DEFAULT_SETTINGS.maxProposalTries) };
  const world = makeWorld(seed, start, weeks);

  const byUrgency: Record<string, number> = {};
  for (const a of world.arrivals) byUrgency[a.input.urgency!] = (byUrgency[a.input.urgency!] ?? 0) + 1;
  const skills = new Set(world.arrivals.flatMap((a) => a.input.skills));
  const regularJobs = world.arrivals.filter((a) => a.regular).length;
  const command = ['tsx', relative(process.cwd(), process.argv[1]!), ...process.argv.slice(2)].join(' ');

  console.log(`wijkmatch month simulation (issues 5 and 13)`);
  console.log(`command  ${command}`);
  console.log(`machine  ${machine()}`);
  console.log(
    `world    seed ${seed}; ${world.helpers.length} helpers (12 per track: 7 students, 4 job seekers, 1 volunteer), ` +
      `${world.residents.length} residents of whom ${world.regulars.length} regulars`,
  );
  console.log(
    `stream   ${world.arrivals.length} requests over ${weeks} weeks from ${new Date(start).toISOString().slice(0, 10)} ` +
      `(${(world.arrivals.length / (weeks * 5)).toFixed(1)} a working day, ${skills.size} skills, ` +
      `${Object.entries(byUrgency)
        .map(([u, n]) => `${n} ${u}`)
        .join(', ')}; ${regularJobs} from regulars)`,
  );
  console.log(
    `practice ${world.practice.length} students with a learning plan: a ${PRACTICE_WEEKS}-week period from ` +
      `${world.practice[0]?.period.start ?? '–'} asking ${[...new Set(world.practice.map((p) => p.requiredHours))]
        .sort((a, b) => a - b)
        .join(' / ')} h (hours due spread evenly over it; on track: done ≥ due when the clock stops)`,
  );
  console.log(
    `helpers  answer after 2 min – 6 h (07:00–22:00 only); per (request, helper): ` +
      `${percent(DECLINE_SHARE)} decline, ${percent(IGNORE_SHARE)} never answer; hours logged after the job`,
  );
  const { responseMinutes } = DEFAULT_SETTINGS;
  console.log(
    `settings default; one by one flags a request for a dispatcher after ${settings.maxProposalTries} tries; ` +
      `answer within ${Object.entries(responseMinutes)
        .map(([u, m]) => `${u} ${m} min`)
        .join(', ')} (at most until the job starts)`,
  );
  const list = strategies();
  for (const s of list) {
    console.log(
      `strategy ${s.name.padEnd(18)} auto-propose ${s.autoPropose ? 'on ' : 'off'}; jobs: ${s.jobs
        .map((j) => `${j.name} '${j.schedule}'`)
        .join(', ')}`,
    );
  }

  const outcomes: Outcome[] = [];
  for (const s of list) outcomes.push(await simulate(world, s, seed, settings));
  const columns = outcomes.map((o) => metricRows(world, o));
  const rows = columns[0]!.map(([label], r) => [label, ...columns.map((c) => c[r]![1])]);
  console.log(`\nseed ${seed}, every measure:\n`);
  console.log(table(['metric', ...list.map((s) => s.name)], rows));
  const blockers = [...outcomes[0]!.blockers].sort((a, b) => b[1] - a[1]);
  console.log(
    `\nwhy nobody could come (${list[0]!.name}; helpers with the skill, summed over those requests): ` +
      blockers.map(([r, n]) => `${r} ${n}`).join(', '),
  );
  const bound = await boundOfMonth(world, seed);
  console.log(
    `hindsight bound (any policy, knowing who says yes when): matched ≤ ${percent(bound.matched)}, ` +
      `urgent ≤ ${percent(bound.urgentMatched)} (${bound.exact ? 'exact MIP' : `${bound.method}, gap ${percent(bound.gap)}`}, ` +
      `${bound.seconds.toFixed(1)} s); nobody could come for ${percent(bound.nobodyCould)}, ` +
      `nobody would say yes in time for ${percent(bound.nobodyWould)}; a plan matching that many travels ` +
      `${bound.travelKm.toFixed(2)} km a job at least; Gini of ${list[0]!.name}'s hours at least ` +
      `${giniFloor(bound.capacityHours, measuresOf(world, outcomes[0]!).hours).toFixed(3)} (capacities); ` +
      `continuity at most ${percent(continuityCeiling(measuresOf(world, outcomes[0]!).regularJobs, bound.mostByOneHelper))} ` +
      `with as many jobs matched`,
  );

  if (seeds > 1) {
    // More months with other seeds: is a difference the strategy, or this month's luck?
    const perSeed = [outcomes.map((o) => headline(world, o, bound))];
    for (let k = 1; k < seeds; k++) {
      const other = makeWorld(seed + k, start, weeks);
      const otherBound = await boundOfMonth(other, seed + k);
      const months: number[][] = [];
      for (const s of list) months.push(headline(other, await simulate(other, s, seed + k, settings), otherBound));
      perSeed.push(months);
    }
    const summary = HEADLINES.map(([label, format], m) => [
      label,
      ...list.map((_, c) => {
        const values = perSeed.map((months) => months[c]![m]!);
        return `${format(mean(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
      }),
    ]);
    console.log(`\nseeds ${seed}–${seed + seeds - 1}, ${seeds} months: mean (min–max)\n`);
    console.log(table(['metric', ...list.map((s) => s.name)], summary));
  }
  console.log(`\ntotal run time ${((performance.now() - began) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
