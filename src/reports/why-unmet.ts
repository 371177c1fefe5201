/** Why a request went unmet, from its ranking and its proposals: pure, over plain data. */
import type { ExclusionReason, ProposalStatus } from '../domain.js';
import { WHY_UNMET, type WhyUnmet } from './reports.types.js';

/** What a helper's answer says: a no (declined, or accepted and taken back), or no answer in time. */
const ANSWER: Record<ProposalStatus, 'declined' | 'unanswered'> = {
  declined: 'declined',
  released: 'declined',
  proposed: 'unanswered',
  expired: 'unanswered',
  withdrawn: 'unanswered',
  accepted: 'unanswered',
};

export type RecordedReason = Exclude<WhyUnmet, 'unrecorded'>;

export interface UnmetReasons {
  /** Every helper counted once: under their answer if asked, else under their first exclusion reason. */
  helpers: Partial<Record<RecordedReason, number>>;
  /** The closest miss: the reason of the helpers who came furthest (see WHY_UNMET's order). */
  reason: RecordedReason;
}

export function whyUnmet(
  ranking: {
    candidates: readonly { helperId: number }[];
    excluded: readonly { helperId: number; reasons: readonly ExclusionReason[] }[];
  },
  asked: ReadonlyMap<number, ProposalStatus>,
): UnmetReasons {
  const helpers: Partial<Record<RecordedReason, number>> = {};
  const count = (reason: RecordedReason) => (helpers[reason] = (helpers[reason] ?? 0) + 1);
  for (const c of ranking.candidates) {
    const status = asked.get(c.helperId);
    count(status ? ANSWER[status] : 'notAsked');
  }
  for (const e of ranking.excluded) {
    const status = asked.get(e.helperId);
    count(status ? ANSWER[status] : e.reasons[0]!);
  }
  const reason = WHY_UNMET.findLast((r): r is RecordedReason => r !== 'unrecorded' && (helpers[r] ?? 0) > 0);
  return { helpers, reason: reason ?? 'noHelpers' };
}
