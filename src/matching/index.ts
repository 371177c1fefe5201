export * from './matching.types.js';
export { haversineKm, travelMinutes, TRAVEL_SPEED_KMH } from './geo.js';
export { localDay, localDaysBetween, localWeek, parseClock, formatClock } from './calendar.js';
export { frameJob, placeJob, hoursInWeek } from './placement.js';
export { scoreCandidate, distanceTerm } from './scoring.js';
export { rankCandidates, evaluateHelper, compareCandidates } from './rank.js';
