import { validate } from 'node-cron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOBS, startJobs } from '../../src/jobs/jobs.js';
import { createLogger } from '../../src/logger.js';
import { buildHelper, buildRequest, buildResident, LANDGRAAF } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('scheduled jobs', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('lists every job once, each with a valid schedule', () => {
    expect(JOBS.map((j) => j.name)).toEqual([
      'expire-proposals',
      'matching-round',
      'plan-series',
      'record-unmet',
      'queue-reminders',
      'erase-inactive-residents',
      'backup',
      'deliver-messages',
    ]);
    for (const job of JOBS) expect(validate(job.schedule)).toBe(true);
  });

  it('catches up at start: a deadline passed while the service was down expires at once', async () => {
    t.services.settings.update({ fanOut: { urgent: 1 }, holdUntilStart: false });
    const first = t.services.helpers.create(buildHelper({ location: LANDGRAAF }), 'test');
    const second = t.services.helpers.create(buildHelper(), 'test');
    const resident = t.services.residents.create(buildResident(), 'test');
    const request = t.services.requests.create(buildRequest(resident.id, { urgency: 'urgent' }), null, 'test');
    t.clock.advance(20 * 60_000);

    const jobs = startJobs(t.services, createLogger('silent'));
    jobs.stop();
    const proposals = t.services.proposals.ofRequest(request.id).map((p) => [p.helperId, p.status]);
    expect(proposals).toEqual([
      [first.id, 'expired'],
      [second.id, 'proposed'],
    ]);
  });
});
