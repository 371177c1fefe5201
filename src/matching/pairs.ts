import type { ExclusionReason } from '../domain.js';
import type { Candidate, HelperProfile, Job, MatchContext, Ranking } from './matching.types.js';
import { frameJob, type JobFrame } from './placement.js';
import { checkHelper, needsSupervision, onlySupervision, reasonsOf } from './rank.js';

/**
 * A supervised pair for one job: a helper still learning one of its supervised skills, who may not do
 * it alone, with a competent or mentor helper beside them, both placed at the same time.
 */
export interface PairCandidate {
  learner: Candidate;
  supervisor: Candidate;
  /**
   * The pair counts once, for one job, at the mean of its two scores: against the supervisor alone it
   * wins where the learner's own fit (the job on their open goals, above all) lifts the mean.
   */
  score: number;
}

/** Which half of a pair cannot come, and why. */
export interface PairExclusion {
  helperId: number;
  role: 'learner' | 'supervisor';
  reasons: readonly ExclusionReason[];
}

/** The job as the learner of a pair meets it: the supervisor is there, so nothing is supervised. */
export function supervisedJob<J extends Job>(job: J): J {
  return { ...job, supervisedSkills: [] };
}

function pinned<J extends Job>(job: J, start: number): J {
  return { ...job, window: { start, end: start + job.durationMinutes * 60_000 } };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Evaluates pairs for one job: `(learner, supervisor)` gives what `evaluatePair` gives for them. */
export type PairEvaluator = (learner: HelperProfile, supervisor: HelperProfile) => PairCandidate | PairExclusion;

/**
 * The learner and the supervisor for the job, at the earliest of their two placed starts that both can
 * make; or which of them cannot come. A learner who may do the job alone needs no pair (`supervision`
 * is then the reason given for them); a supervisor must be able to do it alone.
 *
 * The round asks this for every learner beside every supervisor of a job: the job's frames, and each
 * helper's verdict on each of them, are made once per evaluator. A helper is known by their id, so one
 * evaluator serves one list of helpers.
 */
export function pairEvaluator(job: Job, ctx: MatchContext): PairEvaluator {
  const free = supervisedJob(job);
  const frames = new Map<string, JobFrame>();
  const verdicts = new Map<JobFrame, Map<number, Candidate | number>>();
  const frameOf = (key: string, make: () => Job) => frames.get(key) ?? frames.set(key, frameJob(make(), ctx)).get(key)!;
  const check = (frame: JobFrame, helper: HelperProfile) => {
    const known = verdicts.get(frame) ?? verdicts.set(frame, new Map()).get(frame)!;
    let verdict = known.get(helper.id);
    if (verdict === undefined) known.set(helper.id, (verdict = checkHelper(frame, helper, ctx)));
    return verdict;
  };
  const whole = () => frameOf('job', () => job);
  const alone = () => frameOf('free', () => free);
  const at = (start: number) => frameOf(`job@${start}`, () => pinned(job, start));
  const freeAt = (start: number) => frameOf(`free@${start}`, () => pinned(free, start));

  return (learner, supervisor) => {
    if (learner.id === supervisor.id || !needsSupervision(job, learner)) {
      return { helperId: learner.id, role: 'learner', reasons: ['supervision'] };
    }
    const l = check(alone(), learner);
    if (typeof l === 'number') return { helperId: learner.id, role: 'learner', reasons: reasonsOf(l) };
    const s = check(at(l.start), supervisor);
    if (typeof s !== 'number') return { learner: l, supervisor: s, score: round2((l.score + s.score) / 2) };
    const own = check(whole(), supervisor);
    if (typeof own === 'number') return { helperId: supervisor.id, role: 'supervisor', reasons: reasonsOf(own) };
    const later = check(freeAt(own.start), learner);
    if (typeof later === 'number') return { helperId: supervisor.id, role: 'supervisor', reasons: reasonsOf(s) };
    return { learner: later, supervisor: own, score: round2((later.score + own.score) / 2) };
  };
}

/** One pair, as `pairEvaluator` evaluates it. */
export function evaluatePair(
  job: Job,
  learner: HelperProfile,
  supervisor: HelperProfile,
  ctx: MatchContext,
): PairCandidate | PairExclusion {
  return pairEvaluator(job, ctx)(learner, supervisor);
}

/** How many of the best helpers who can come alone are tried as a supervisor when a pair is sought. */
const SUPERVISORS_TRIED = 5;

/**
 * The best pair to ask for the job, or null: each helper the ranking left out for `supervision`
 * alone, with each of the best few ranked candidates beside them, both not asked yet (`askable`).
 */
export function bestPair(
  job: Job,
  helpers: readonly HelperProfile[],
  ranking: Ranking,
  ctx: MatchContext,
  askable: (helperId: number) => boolean,
): PairCandidate | null {
  if (!job.supervisedSkills?.length) return null;
  const learnerIds = new Set<number>();
  ranking.excluded.ids.forEach((id, i) => {
    if (onlySupervision(ranking.excluded.masks[i]!) && askable(id)) learnerIds.add(id);
  });
  if (learnerIds.size === 0) return null;
  const supervisorIds = new Set(
    ranking.candidates
      .filter((c) => askable(c.helperId))
      .slice(0, SUPERVISORS_TRIED)
      .map((c) => c.helperId),
  );
  const learners = helpers.filter((h) => learnerIds.has(h.id));
  const supervisors = helpers.filter((h) => supervisorIds.has(h.id));
  const evaluate = pairEvaluator(job, ctx);
  let best: PairCandidate | null = null;
  for (const learner of learners)
    for (const supervisor of supervisors) {
      const pair = evaluate(learner, supervisor);
      if ('learner' in pair && (!best || pair.score > best.score)) best = pair;
    }
  return best;
}
