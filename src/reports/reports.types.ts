import { EXCLUSION_ORDER } from '../domain.js';
/** The groupings of the reports: shared by the schemas and the reports page, so the page bundles no zod. */
export const HOURS_BY = ['helper', 'track', 'skill', 'week', 'month'] as const;
export type HoursBy = (typeof HOURS_BY)[number];
/** The groupings by time: a local ISO week (2026-W48) or month (2026-11). */
export type TimeBy = Extract<HoursBy, 'week' | 'month'>;
export const DEMAND_BY = ['neighbourhood', 'wijk', 'skill', 'urgency', 'channel'] as const;
export type DemandBy = (typeof DEMAND_BY)[number];
export const PARTICIPANTS_BY = ['track', 'kind'] as const;
export type ParticipantsBy = (typeof PARTICIPANTS_BY)[number];
/** The quality measures, in the order the report lists them. */
export const QUALITY_MEASURES = [
  'matchedBeforeStart',
  'timeToMatchMedianMinutes',
  'timeToMatchP90Minutes',
  'continuity',
  'hoursPerHelperMedian',
  'hoursGini',
  'satisfactionMean',
  'reciprocityShare',
] as const;
export type QualityMeasure = (typeof QUALITY_MEASURES)[number];
/**
 * Why a request went unmet, from the most basic to the closest miss: nobody at all, a helper's
 * exclusion reason (the first one the matching core found for them), then the helpers who could come:
 * they said no (declined, or took it back), gave no answer in time, or were never asked. `unrecorded`:
 * unmet before wijkmatch kept reasons.
 */
export const WHY_UNMET = ['noHelpers', ...EXCLUSION_ORDER, 'declined', 'unanswered', 'notAsked', 'unrecorded'] as const;
export type WhyUnmet = (typeof WHY_UNMET)[number];
