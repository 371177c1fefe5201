/** The groupings of the reports: shared by the schemas and the reports page, so the page bundles no zod. */
export const HOURS_BY = ['helper', 'track', 'skill'] as const;
export type HoursBy = (typeof HOURS_BY)[number];
export const DEMAND_BY = ['neighbourhood', 'skill', 'urgency'] as const;
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
] as const;
export type QualityMeasure = (typeof QUALITY_MEASURES)[number];
