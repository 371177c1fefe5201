export { users } from './users.js';
export { tokens } from './tokens.js';
export { skills } from './skills.js';
export { helpers } from './helpers.js';
export { residents } from './residents.js';
export { requests } from './requests.js';
export { requestSkills } from './request-skills.js';
export { requestUnmet } from './request-unmet.js';
export { proposals } from './proposals.js';
export { events } from './events.js';
export { settings } from './settings.js';
export { closures } from './closures.js';
export { revisions } from './revisions.js';
export { series } from './series.js';
export { outbox } from './outbox.js';
export { audit } from './audit.js';
export { idempotencyKeys } from './idempotency.js';
export { loginFailures } from './login-failures.js';
export { geocoderCache, postcodeCentroids } from './addresses.js';
export {
  jobFeedback,
  learningPlans,
  levelChanges,
  statementSignOffs,
  workshopAttendance,
  workshops,
} from './learning.js';
