/**
 * Fills an empty database with a believable Parkstad wijkleerbedrijf: 60 helpers over the five tracks,
 * 40 residents, everyone at a house on a real street (scripts/demo/addresses.ts), last week's completed
 * jobs and this week's requests in every state. Everything goes through the services, so it is
 * validated and logged like real work. The data is the same every run.
 */
import { pathToFileURL } from 'node:url';
import type { Place } from '../src/addresses/addresses.types.js';
import { upsertCentroid } from '../src/addresses/postcodes.repo.js';
import type { Identity } from '../src/auth/auth.types.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { TRACKS, type Track, type Urgency, type Channel } from '../src/domain.js';
import { AppError } from '../src/errors.js';
import type { HelperCreate } from '../src/helpers/helpers.schema.js';
import { localDay } from '../src/matching/calendar.js';
import type { ResidentCreate } from '../src/residents/residents.schema.js';
import { createServices, type Services } from '../src/services.js';
import { SKILL_CATALOGUE } from '../src/skills/skills.catalogue.js';
import { demoCentroids, demoHouse } from './demo/addresses.js';
import { DESCRIPTIONS, RESIDENT_NOTES } from './demo/places.js';
import { demoHelper, demoResident, HELPERS_PER_TRACK } from './demo/people.js';
import { demoLevel, seedLearning } from './demo/learning.js';
import { type Random, seededRandom } from './demo/random.js';
import { codeOf } from '../src/helpers/helper-skills.js';

export const DEMO_PASSWORD = 'demo-wijkmatch-2026';
export const DEMO_USERS = [
  { email: 'admin@wijkmatch.demo', name: 'Beheer', role: 'admin' },
  { email: 'planner@wijkmatch.demo', name: 'Planner', role: 'dispatcher' },
  { email: 'intake@wijkmatch.demo', name: 'Intake', role: 'intake' },
  { email: 'coach@wijkmatch.demo', name: 'Coach Marieke', role: 'coach' },
] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Europe/Amsterdam';

function localTime(day: number, hour: number, minute = 0): number {
  return localDay(day, TZ).midnight + hour * HOUR + minute * 60_000;
}

function isoDate(ms: number): string {
  return localDay(ms, TZ).date;
}

/** The address of a found place, as intake would have typed it. */
function addressOf(place: Place) {
  return { street: place.street!, houseNumber: place.houseNumber, postcode: place.postcode, city: place.city! };
}

function helperFor(track: Track, index: number, today: number, rnd: Random): { input: HelperCreate; place: Place } {
  const { location: _town, ...helper } = demoHelper(track, index, rnd, () => {
    if (index === 2) return [{ from: isoDate(today + 2 * DAY), to: isoDate(today + 2 * DAY), reason: 'Tandarts' }];
    if (index === 5) return [{ from: isoDate(today + 7 * DAY), to: isoDate(today + 11 * DAY), reason: 'Tentamenweek' }];
    return [];
  });
  const leaves = helper.kind === 'student' && rnd.chance(0.4);
  const place = demoHouse(rnd);
  const skills = helper.skills.map((code, position) => {
    const level = demoLevel(index, position, helper.skills.length);
    return level ? { code: codeOf(code), level } : code;
  });
  const input = { ...helper, skills, address: addressOf(place) };
  return { input: leaves ? { ...input, activeUntil: isoDate(today + rnd.int(60, 150) * DAY) } : input, place };
}

function residentFor(index: number, helperIds: number[], rnd: Random): { input: ResidentCreate; place: Place } {
  const { location: _town, ...resident } = demoResident(index, rnd);
  const place = demoHouse(rnd);
  return {
    input: {
      ...resident,
      address: addressOf(place),
      ...(index % 6 === 0 ? { notes: rnd.pick(RESIDENT_NOTES) } : {}),
      ...(index % 17 === 5 ? { excludedHelperIds: [rnd.pick(helperIds)] } : {}),
    },
    place,
  };
}

interface RequestPlan {
  skill: string;
  start: number;
  end: number;
  durationMinutes: number;
  urgency: Urgency;
  channel: Channel;
}

/** Requests over the seven days from `firstDay`: every skill at least once, fewer on Saturday, none on Sunday. */
function planWeek(firstDay: number, rnd: Random, perDay: number): RequestPlan[] {
  const skills = SKILL_CATALOGUE.map((s) => s.code);
  const plans: RequestPlan[] = [];
  let k = 0;
  for (let d = 0; d < 7; d++) {
    const day = firstDay + d * DAY + 12 * HOUR;
    const weekday = localDay(day, TZ).weekday;
    if (weekday === 7) continue;
    const count = weekday === 6 ? 3 : perDay;
    for (let i = 0; i < count; i++) {
      const skill = skills[k++ % skills.length]!;
      const flexible = rnd.chance(0.3);
      const startHour = weekday === 6 ? rnd.int(10, 12) : rnd.int(9, 15);
      const start = localTime(day, startHour, rnd.pick([0, 30]));
      const hours = flexible ? 4 : rnd.pick([2, 3]);
      plans.push({
        skill,
        start,
        end: Math.min(start + hours * HOUR, localTime(day, 18)),
        durationMinutes: rnd.pick([60, 60, 90, 120]),
        urgency: rnd.pick(['normal', 'normal', 'normal', 'low', 'high', 'urgent'] as const),
        channel: rnd.pick(['phone', 'phone', 'phone', 'email', 'walk-in'] as const),
      });
    }
  }
  return plans;
}

const helperIdentity = (helperId: number): Identity => ({ kind: 'helper', role: 'helper', helperId, tokenId: 0 });

function enterRequests(
  services: Services,
  plans: RequestPlan[],
  residentIds: number[],
  rnd: Random,
  actor: string,
  now: number,
) {
  const made = [];
  for (const plan of plans) {
    if (plan.end <= now) continue;
    made.push(
      services.requests.create(
        {
          residentId: rnd.pick(residentIds),
          skills: [plan.skill],
          window: { start: new Date(plan.start).toISOString(), end: new Date(plan.end).toISOString() },
          durationMinutes: Math.min(plan.durationMinutes, (plan.end - plan.start) / 60_000),
          urgency: plan.urgency,
          channel: plan.channel,
          description: rnd.pick(DESCRIPTIONS[plan.skill] ?? ['Hulp gevraagd']),
        },
        null,
        actor,
      ),
    );
  }
  return made;
}

/**
 * Answers the live proposals of these requests: mostly yes, sometimes no (the next best gets it). An
 * urgent request goes to several helpers at once; after the first yes the others are withdrawn.
 */
async function answer(services: Services, requestIds: number[], rnd: Random, acceptShare: number) {
  const live = (id: number) => services.proposals.ofRequest(id).filter((x) => x.status === 'proposed');
  for (const id of requestIds) {
    for (const p of live(id)) {
      if (!live(id).some((x) => x.id === p.id)) continue;
      if (rnd.chance(acceptShare))
        await services.proposals.accept(p.id, helperIdentity(p.helperId), `helper:${p.helperId}`);
      else if (rnd.chance(0.5))
        await services.proposals.decline(
          p.id,
          helperIdentity(p.helperId),
          `helper:${p.helperId}`,
          'Past deze week niet',
        );
    }
  }
}

/**
 * Dementia support is a learner's only in a supervised pair: tomorrow's such job goes to a learner with
 * a helper who could do it alone, and both said yes; another waits for the pair's answers.
 */
async function seedPair(services: Services, residentIds: number[], tomorrow: number, rnd: Random) {
  services.settings.update({ supervisedSkills: ['dementia-support', 'accompany-appointment'] });
  for (const [hour, answered] of [
    [10, true],
    [14, false],
  ] as const) {
    const start = tomorrow + hour * HOUR;
    const request = services.requests.create(
      {
        residentId: rnd.pick(residentIds),
        skills: ['dementia-support'],
        window: { start: new Date(start).toISOString(), end: new Date(start + 2 * HOUR).toISOString() },
        durationMinutes: 90,
        description: 'Samen koffie drinken en een wandeling maken',
      },
      null,
      'system:seed',
    );
    const [first, ...others] = services.requests.candidates(request.id).candidates;
    if (!first) continue;
    // The first who could come is still learning it: from now on, not alone.
    const learner = services.helpers.get(first.helperId);
    const skills = learner.skills.map((skill) =>
      skill === 'dementia-support' ? { code: skill, level: 'learning' as const } : skill,
    );
    services.helpers.update(learner.id, { skills }, 'system:seed');
    for (const p of services.proposals.ofRequest(request.id))
      if (p.helperId === learner.id && p.status === 'proposed')
        await services.proposals.decline(p.id, helperIdentity(p.helperId), `helper:${p.helperId}`, 'Niet alleen');
    const pair = pairFor(services, request.id, [first], others);
    if (!pair || !answered) continue;
    for (const half of services.proposals.ofRequest(request.id).filter((p) => p.role !== 'alone'))
      if (half.status === 'proposed')
        await services.proposals.accept(half.id, helperIdentity(half.helperId), `helper:${half.helperId}`);
  }
}

/** The first learner and helper beside them that can be asked together. */
function pairFor(
  services: Services,
  requestId: number,
  learners: ReadonlyArray<{ helperId: number }>,
  supervisors: ReadonlyArray<{ helperId: number }>,
) {
  for (const l of learners) {
    for (const s of supervisors) {
      try {
        return services.proposals.propose(requestId, l.helperId, null, 'system:seed', undefined, s.helperId);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
    }
  }
  return null;
}

export interface SeedClock {
  (): number;
  set(ms: number): void;
}

/** Residents with weekly or fortnightly help (by index in the demo's residents). */
const REGULARS = [
  { resident: 0, skills: ['groceries'], weekday: 2, start: '10:00', end: '12:00', durationMinutes: 60, everyWeeks: 1 },
  { resident: 1, skills: ['companionship'], weekday: 4, start: '14:00', end: '16:00', everyWeeks: 2 },
  { resident: 2, skills: ['exercise-walk'], weekday: 1, start: '10:00', end: '11:00', everyWeeks: 1 },
];

/** Writes the demo organisation through `services`, moving `clock` from last week to `today`. */
export async function seedDemo(services: Services, clock: SeedClock, today: number, rnd = seededRandom(2026)) {
  for (const user of DEMO_USERS) {
    try {
      await services.auth.createUser({ ...user, password: DEMO_PASSWORD }, 'system:seed');
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'email_taken')) throw err;
    }
  }

  const midnight = localDay(today, TZ).midnight;
  const weekAgo = midnight - 7 * DAY;
  clock.set(weekAgo + 7 * HOUR);

  // The demo streets' postcodes, so intake places a new address there even without a geocoder.
  for (const centroid of demoCentroids()) upsertCentroid(services.db, { ...centroid, importedAt: clock() });
  const byTrack = TRACKS.map((track) =>
    Array.from({ length: HELPERS_PER_TRACK }, (_, i) => {
      const { input, place } = helperFor(track, i, today, rnd);
      return services.helpers.create(input, 'system:seed', { place }).id;
    }),
  );
  const helperIds = byTrack.flat();
  const residentIds = Array.from({ length: 40 }, (_, i) => {
    const { input, place } = residentFor(i, helperIds, rnd);
    return services.residents.create(input, 'system:seed', { place }).id;
  });

  // The past week: entered a week ago, mostly accepted, done and logged by last night.
  const lastWeek = enterRequests(services, planWeek(weekAgo, rnd, 5), residentIds, rnd, 'system:seed', clock());
  await answer(
    services,
    lastWeek.map((r) => r.id),
    rnd,
    0.85,
  );
  clock.set(midnight - 4 * HOUR);
  for (const r of lastWeek) {
    const current = services.requests.get(r.id);
    if (current.status === 'assigned') {
      services.requests.complete(
        r.id,
        {
          hours: current.durationMinutes / 60,
          note: 'Ging goed',
          ...(rnd.chance(0.3) ? { reciprocity: 'Koffie met vlaai' } : {}),
        },
        helperIdentity(current.helperId!),
        `helper:${current.helperId}`,
      );
    } else if (current.status !== 'completed') {
      services.requests.cancel(r.id, 'Niet meer nodig', 'system:seed');
    }
  }

  // The coming week: entered today; some answered already, the rest waiting on the board.
  clock.set(today);
  const thisWeek = enterRequests(services, planWeek(midnight + DAY, rnd, 9), residentIds, rnd, 'system:seed', today);
  await answer(
    services,
    thisWeek.filter((_, i) => i % 2 === 0).map((r) => r.id),
    rnd,
    0.7,
  );

  // Regular help and the summer closure: the clock takes them from here.
  const firstDate = isoDate(today);
  for (const regular of REGULARS) {
    services.series.create({ ...regular, residentId: residentIds[regular.resident]!, firstDate }, null, 'system:seed');
  }
  const summer = new Date(today).getUTCFullYear() + 1;
  services.closures.create({ from: `${summer}-07-14`, to: `${summer}-09-02`, reason: 'Zomersluiting' }, 'system:seed');
  const coachId = services.auth.listUsers().find((u) => u.email === 'coach@wijkmatch.demo')!.id;
  seedLearning(services, today, coachId, byTrack);
  await seedPair(services, residentIds, midnight + DAY, rnd);
  return { helpers: helperIds.length, residents: residentIds.length };
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const config = loadConfig();
  const db = openDatabase(config.dbPath);
  let now = Date.now();
  const clock = Object.assign(() => now, { set: (ms: number) => void (now = ms) });
  const services = createServices(db, config, clock);
  const logins = () => {
    console.log(`\nwijkmatch: ${config.publicUrl}  (API: ${config.publicUrl}/api/v1, docs: /api/v1/openapi.json)`);
    for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(10)} ${u.email}  /  ${DEMO_PASSWORD}`);
  };

  if (services.helpers.list({}).length > 0) {
    if (args.has('--if-empty')) {
      console.log(`The database ${config.dbPath} already has data; starting with it.`);
      logins();
      db.$client.close();
      return;
    }
    console.error(`The database ${config.dbPath} already has helpers; seed only an empty one (or use --if-empty).`);
    process.exit(1);
  }

  const counts = await seedDemo(services, clock, Date.now());
  const byStatus: Record<string, number> = {};
  for (const r of services.requests.list({ limit: 1000 })) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  console.log(
    `Seeded ${config.dbPath}: ${counts.helpers} helpers, ${counts.residents} residents, requests ${JSON.stringify(byStatus)}`,
  );
  logins();
  db.$client.close();
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
