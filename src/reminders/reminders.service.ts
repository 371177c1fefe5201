import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { findHelper } from '../helpers/helpers.repo.js';
import { DAY, localDay } from '../matching/calendar.js';
import { enqueueMessage } from '../messages/messages.repo.js';
import { assignedStartingBetween, type RequestRow } from '../requests/requests.repo.js';
import { findResident } from '../residents/residents.repo.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { SkillsService } from '../skills/skills.service.js';

/** Reminders go out from six in the evening, local time: "the evening before". */
const EVENING_HOUR = 18;

export function createRemindersService(deps: {
  db: Db;
  clock: Clock;
  settings: SettingsService;
  skills: SkillsService;
}) {
  const { db, clock, settings, skills } = deps;
  const labels = new Map(skills.list().map((s) => [s.code, s.label]));
  const time = (ms: number, timeZone: string) =>
    new Date(ms).toLocaleTimeString('nl-NL', { timeZone, hour: '2-digit', minute: '2-digit' });

  function line(job: RequestRow, timeZone: string): string {
    const resident = findResident(db, job.residentId);
    const address = resident
      ? [
          `${resident.street ?? ''} ${resident.houseNumber ?? ''}`.trim(),
          `${resident.postcode} ${resident.city ?? ''}`.trim(),
        ]
          .filter(Boolean)
          .join(', ')
      : '';
    const what = job.skills.map((code) => labels.get(code) ?? code).join(', ');
    const phone = resident?.phone ? ` — tel. ${resident.phone}` : '';
    return `- ${time(job.scheduledStart!, timeZone)}–${time(job.scheduledEnd!, timeZone)}: ${what}, ${address}${phone}`;
  }

  return {
    /**
     * Each helper with jobs tomorrow gets one message listing them, once (the key is helper and
     * date); before the evening nothing is sent, so a morning restart does not remind early.
     */
    queueTomorrow(): number {
      const now = clock();
      const { timeZone } = settings.get();
      const today = localDay(now, timeZone);
      if (now < today.midnight + EVENING_HOUR * 3_600_000) return 0;
      const tomorrow = localDay(today.midnight + DAY + 12 * 3_600_000, timeZone);
      const dayAfter = localDay(tomorrow.midnight + DAY + 12 * 3_600_000, timeZone);
      const byHelper = new Map<number, RequestRow[]>();
      for (const job of assignedStartingBetween(db, tomorrow.midnight, dayAfter.midnight)) {
        // A supervised pair's two helpers each get their own reminder.
        for (const id of [job.helperId!, ...(job.supervisorHelperId === null ? [] : [job.supervisorHelperId])])
          byHelper.set(id, [...(byHelper.get(id) ?? []), job]);
      }
      let queued = 0;
      for (const [helperId, jobs] of byHelper) {
        const helper = findHelper(db, helperId);
        if (!helper?.email) continue;
        const fresh = enqueueMessage(
          db,
          {
            key: `reminder:${helperId}:${tomorrow.date}`,
            helperId,
            to: helper.email,
            subject: `Morgen (${tomorrow.date}): ${jobs.length === 1 ? '1 klus' : `${jobs.length} klussen`}`,
            body: [
              `Hoi ${helper.name},`,
              '',
              'Morgen sta je ingepland voor:',
              ...jobs.map((j) => line(j, timeZone)),
              '',
              'Lukt het niet? Bel dan zo snel mogelijk de planner.',
            ].join('\n'),
          },
          now,
        );
        if (fresh) queued += 1;
      }
      return queued;
    },
  };
}

export type RemindersService = ReturnType<typeof createRemindersService>;
