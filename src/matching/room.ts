import { checkHelper, reasonsOf } from './rank.js';
import type { Candidate, Commitment, HelperProfile, MatchContext, Ranking } from './matching.types.js';
import type { JobFrame } from './placement.js';

/**
 * Making room for a more urgent job: a helper who cannot come only because of a job they hold at that
 * time could come if that job gave way, by moving within its own window or going to another helper.
 */

/** The helpers a ranking excluded for holding another job at the time and for nothing else. */
export function onlyBusy(ranking: Ranking): number[] {
  const ids: number[] = [];
  ranking.excluded.masks.forEach((mask, i) => {
    const reasons = reasonsOf(mask);
    if (reasons.length === 1 && reasons[0] === 'busy') ids.push(ranking.excluded.ids[i]!);
  });
  return ids;
}

/**
 * The first of the helper's commitments (earliest first) that `mayGiveWay` allows and without which
 * the helper could take the framed job, with the candidate they would then be; null when none would do.
 */
export function roomBy(
  frame: JobFrame,
  helper: HelperProfile,
  ctx: MatchContext,
  mayGiveWay: (c: Commitment) => boolean,
): { candidate: Candidate; gives: Commitment } | null {
  const held = [...helper.commitments].sort((a, b) => a.start - b.start);
  for (const c of held) {
    if (!mayGiveWay(c)) continue;
    const result = checkHelper(frame, { ...helper, commitments: helper.commitments.filter((x) => x !== c) }, ctx);
    if (typeof result !== 'number') return { candidate: result, gives: c };
  }
  return null;
}

/**
 * The helper with one commitment given way and another put in its place (the urgent job at its placed
 * time): how the giving job is checked again for a new time in its own window.
 */
export function withCommitmentReplaced(helper: HelperProfile, gives: number, instead: Commitment): HelperProfile {
  return { ...helper, commitments: [...helper.commitments.filter((c) => c.requestId !== gives), instead] };
}
