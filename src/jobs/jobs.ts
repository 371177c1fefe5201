import { schedule, type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.js';
import type { Services } from '../services.js';

export interface JobDefinition {
  name: string;
  /** Cron expression, Europe/Amsterdam time. */
  schedule: string;
  /** Idempotent, and works from stored timestamps: a run missed while the service was down is caught up. */
  run: (services: Services) => number | Promise<number>;
}

/** Every scheduled job, in one table. */
export const JOBS: readonly JobDefinition[] = [
  { name: 'expire-proposals', schedule: '* * * * *', run: (s) => s.proposals.expireDue() },
  { name: 'matching-round', schedule: '*/15 7-21 * * *', run: (s) => s.rounds.runScheduled() },
  { name: 'plan-series', schedule: '5 * * * *', run: (s) => s.series.planDue() },
  { name: 'record-unmet', schedule: '*/5 * * * *', run: (s) => s.unmet.recordPassed() },
  { name: 'queue-reminders', schedule: '0 18-23 * * *', run: (s) => s.reminders.queueTomorrow() },
  { name: 'erase-inactive-residents', schedule: '15 3 * * *', run: (s) => s.retention.eraseInactive() },
  { name: 'backup', schedule: '30 2 * * *', run: (s) => s.backups.backupIfDue() },
  { name: 'deliver-messages', schedule: '* * * * *', run: (s) => s.messages.deliverDue() },
];

/** Runs each job once now (catching up on what was missed) and then on its schedule, never overlapping. */
export function startJobs(
  services: Services,
  log: Logger,
  jobs: readonly JobDefinition[] = JOBS,
): { stop: () => void } {
  const runJob = async (job: JobDefinition) => {
    try {
      const handled = await job.run(services);
      if (handled > 0) log.info({ job: job.name, handled }, 'job ran');
    } catch (err) {
      log.error({ job: job.name, err }, 'job failed');
    }
  };
  const tasks: ScheduledTask[] = jobs.map((job) => {
    void runJob(job);
    return schedule(job.schedule, () => runJob(job), { name: job.name, noOverlap: true, timezone: 'Europe/Amsterdam' });
  });
  return {
    stop: () => {
      for (const task of tasks) void task.destroy();
    },
  };
}
