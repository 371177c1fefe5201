import type { UnitOfWork } from '../db/unit-of-work.js';
import type { SettingsService } from '../settings/settings.service.js';
import { deleteAuditBefore } from '../audit/audit.repo.js';
import { deleteIdempotencyKeysUntil } from '../idempotency/idempotency.repo.js';
import { IDEMPOTENCY_KEY_MS } from '../idempotency/idempotency.js';
import {
  deleteSentMessagesBefore,
  eraseHelper,
  eraseResident,
  inactiveHelperIds,
  inactiveResidentIds,
} from './retention.repo.js';

const DAY = 86_400_000;
/** Sent messages are kept a month, for "did the reminder go out?", then deleted. */
const MESSAGE_DAYS = 30;

/** Months back from `now`, by the calendar (24 months before 31 March is 31 March, two years ago). */
function monthsBefore(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

export function createRetentionService(deps: { work: UnitOfWork; settings: SettingsService }) {
  const { work, settings } = deps;
  return {
    /**
     * Erases the personal data of every resident without activity for the retention period, and of
     * every deactivated helper without one (their learning plan's texts with them), each erasure
     * recorded as an event (with the id only); returns how many were erased. It also deletes what is kept for a set time only:
     * sent messages after a month, audit entries after the audit retention, replies kept for a retry
     * after a day. Idempotent: an erased
     * resident is skipped.
     */
    eraseInactive(): number {
      return work('system:retention', (w) => {
        const cutoff = monthsBefore(w.now, settings.get().retentionMonths);
        const ids = inactiveResidentIds(w.tx, cutoff);
        for (const residentId of ids) {
          eraseResident(w.tx, residentId, w.now);
          w.record('resident.erased', { residentId, inactiveSince: new Date(cutoff).toISOString() });
        }
        const helperIds = inactiveHelperIds(w.tx, cutoff);
        for (const helperId of helperIds) {
          eraseHelper(w.tx, helperId, w.now);
          w.record('helper.erased', { helperId, inactiveSince: new Date(cutoff).toISOString() });
          // Boards read the helper again and show the erased name.
          w.record('helper.updated', { helperId, active: false });
        }
        deleteSentMessagesBefore(w.tx, w.now - MESSAGE_DAYS * DAY);
        deleteIdempotencyKeysUntil(w.tx, w.now - IDEMPOTENCY_KEY_MS);
        deleteAuditBefore(w.tx, monthsBefore(w.now, 12 * settings.get().auditRetentionYears));
        return ids.length + helperIds.length;
      });
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
