import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { integrityOf } from '../../src/backups/backups.service.js';
import { restoreBackup } from '../../src/backups/restore.js';
import { smtpTransport } from '../../src/messages/transport.js';
import { MONDAY_8AM, startTestApp, type TestApp } from '../support/app.js';
import { buildHelper, buildRequest, buildResident, LANDGRAAF } from '../support/factories.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function outbox(t: TestApp) {
  return t.db.$client.prepare('select * from outbox order by id').all() as Array<Record<string, unknown>>;
}

describe('deadlines: an unanswered proposal goes to the next best, then to a dispatcher', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('flags the request after the configured number of tries and tells the dispatchers', async () => {
    t.services.settings.update({ maxProposalTries: 2, fanOut: { urgent: 1 }, holdUntilStart: false });
    for (let i = 0; i < 3; i++) t.services.helpers.create(buildHelper({ location: LANDGRAAF }), 'test');
    const resident = t.services.residents.create(buildResident(), 'test');
    const request = t.services.requests.create(buildRequest(resident.id, { urgency: 'urgent' }), null, 'test');

    t.clock.advance(20 * MINUTE);
    expect(t.services.proposals.expireDue()).toBe(1);
    expect(t.services.requests.get(request.id)).toMatchObject({ status: 'proposed', needsDispatcher: false });
    t.clock.advance(20 * MINUTE);
    expect(t.services.proposals.expireDue()).toBe(1);

    expect(t.services.proposals.ofRequest(request.id).map((p) => p.status)).toEqual(['expired', 'expired']);
    expect(t.services.requests.get(request.id)).toMatchObject({ status: 'open', needsDispatcher: true });
    const events = t.services.board.eventsAfter(0, 1000).filter((e) => e.type === 'request.flagged');
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ requestId: request.id, tries: 2 });
    expect(outbox(t)).toEqual([
      expect.objectContaining({
        to_address: 'dispatcher@wijkmatch.test',
        status: 'pending',
        subject: expect.stringContaining(`${request.id}`),
      }),
    ]);

    // A dispatcher proposes by hand: the flag goes.
    const res = await t.http.post(`/api/v1/requests/${request.id}/proposals`).set(t.auth()).send({}).expect(201);
    expect(res.body.status).toBe('proposed');
    expect(t.services.requests.get(request.id).needsDispatcher).toBe(false);
  });

  it('flags at once when nobody feasible is left', async () => {
    t.services.helpers.create(buildHelper({ location: LANDGRAAF }), 'test');
    const resident = t.services.residents.create(buildResident(), 'test');
    const request = t.services.requests.create(buildRequest(resident.id, { urgency: 'urgent' }), null, 'test');
    const [proposal] = t.services.proposals.ofRequest(request.id);
    await t.http.post(`/api/v1/proposals/${proposal!.id}/decline`).set(t.auth()).send({ reason: 'ziek' }).expect(200);
    expect(t.services.requests.get(request.id)).toMatchObject({ status: 'open', needsDispatcher: true });
  });

  it('runs a round on the clock for requests still waiting, flagged ones too, never asking a helper twice', async () => {
    const resident = t.services.residents.create(buildResident(), 'test');
    const waiting = t.services.requests.create(buildRequest(resident.id), null, 'test');
    expect(t.services.requests.get(waiting.id).status).toBe('open');
    const first = t.services.helpers.create(buildHelper({ location: LANDGRAAF }), 'test');
    const flagged = t.services.requests.create(buildRequest(resident.id, { urgency: 'urgent' }), null, 'test');
    const [proposal] = t.services.proposals.ofRequest(flagged.id);
    await t.http.post(`/api/v1/proposals/${proposal!.id}/decline`).set(t.auth()).send({}).expect(200);
    expect(t.services.requests.get(flagged.id).needsDispatcher).toBe(true);
    expect(await t.services.rounds.runScheduled()).toBe(1);
    expect(t.services.requests.get(waiting.id).status).toBe('proposed');

    // Somebody new could come: the flagged request is offered to them, not to the helper who declined.
    const second = t.services.helpers.create(buildHelper(), 'test');
    expect(await t.services.rounds.runScheduled()).toBe(1);
    expect(t.services.proposals.ofRequest(flagged.id).map((p) => [p.helperId, p.status])).toEqual([
      [first.id, 'declined'],
      [second.id, 'proposed'],
    ]);
    expect(t.services.requests.get(flagged.id)).toMatchObject({ status: 'proposed', needsDispatcher: false });
  });
});

describe('reminders the evening before', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  function assignedJobTomorrow() {
    const helper = t.services.helpers.create(buildHelper({ email: 'anouk@example.nl' }), 'test');
    const resident = t.services.residents.create(buildResident({ name: 'Mevrouw Smeets' }), 'test');
    const request = t.services.requests.create(buildRequest(resident.id), null, 'test');
    t.services.proposals.assign(request.id, helper.id, 1, 'test');
    return helper;
  }

  it('queues one message per helper with tomorrow’s jobs, from six in the evening, once', () => {
    const helper = assignedJobTomorrow();
    expect(t.services.reminders.queueTomorrow()).toBe(0);
    t.clock.set(MONDAY_8AM + 10 * HOUR);
    expect(t.services.reminders.queueTomorrow()).toBe(1);
    expect(t.services.reminders.queueTomorrow()).toBe(0);
    const [message] = outbox(t);
    expect(message).toMatchObject({
      helper_id: helper.id,
      to_address: 'anouk@example.nl',
      key: `reminder:${helper.id}:2026-11-24`,
    });
    expect(message!.body).toContain('10:00–11:00: Boodschappen, Hoofdstraat');
  });

  it('reminds both helpers of a supervised pair', () => {
    t.services.settings.update({ supervisedSkills: ['groceries'] });
    const helper = (email: string, level: 'learning' | 'mentor') =>
      t.services.helpers.create(buildHelper({ email, skills: [{ code: 'groceries', level }] }), 'test');
    const [learner, mentor] = [helper('lotte@example.nl', 'learning'), helper('mirjam@example.nl', 'mentor')];
    const resident = t.services.residents.create(buildResident(), 'test');
    const request = t.services.requests.create(buildRequest(resident.id), null, 'test');
    t.services.proposals.assign(request.id, learner.id, 1, 'test', undefined, mentor.id);
    t.clock.set(MONDAY_8AM + 10 * HOUR);
    expect(t.services.reminders.queueTomorrow()).toBe(2);
    expect(outbox(t).map((m) => m.to_address)).toEqual(
      expect.arrayContaining(['lotte@example.nl', 'mirjam@example.nl']),
    );
  });
});

describe('the outbox over SMTP', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  let received: Array<{ to: string[]; data: string }>;
  let failNext = 0;

  beforeEach(async () => {
    received = [];
    failNext = 0;
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          if (failNext > 0) {
            failNext -= 1;
            callback(Object.assign(new Error('mailbox busy'), { responseCode: 451 }));
            return;
          }
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as { port: number };
    t = await startTestApp({
      transport: smtpTransport(`smtp://127.0.0.1:${port}`, 'wijkmatch <noreply@wijkmatch.test>'),
    });
  });
  afterEach(async () => {
    t.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  it('sends a queued message by e-mail, and marks it sent', async () => {
    t.services.settings.update({ maxProposalTries: 1 });
    t.services.helpers.create(buildHelper({ location: LANDGRAAF }), 'test');
    const resident = t.services.residents.create(buildResident(), 'test');
    const request = t.services.requests.create(buildRequest(resident.id, { urgency: 'urgent' }), null, 'test');
    t.clock.advance(20 * MINUTE);
    t.services.proposals.expireDue();

    expect(await t.services.messages.deliverDue()).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['dispatcher@wijkmatch.test']);
    expect(received[0]!.data).toContain(`Subject: Hulpvraag ${request.id} heeft een planner nodig`);
    expect(outbox(t)[0]).toMatchObject({ status: 'sent', attempts: 0 });
    expect(await t.services.messages.deliverDue()).toBe(0);
  });

  it('retries a failed send with growing waits, and never drops it', async () => {
    t.services.settings.update({ maxProposalTries: 1 });
    t.services.helpers.create(buildHelper({ location: LANDGRAAF }), 'test');
    const resident = t.services.residents.create(buildResident(), 'test');
    t.services.requests.create(buildRequest(resident.id, { urgency: 'urgent' }), null, 'test');
    t.clock.advance(20 * MINUTE);
    t.services.proposals.expireDue();

    failNext = 2;
    expect(await t.services.messages.deliverDue()).toBe(0);
    expect(outbox(t)[0]).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: t.clock() + MINUTE });
    expect(await t.services.messages.deliverDue()).toBe(0);
    t.clock.advance(MINUTE);
    expect(await t.services.messages.deliverDue()).toBe(0);
    expect(outbox(t)[0]).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: t.clock() + 2 * MINUTE });
    t.clock.advance(2 * MINUTE);
    expect(await t.services.messages.deliverDue()).toBe(1);
    expect(outbox(t)[0]).toMatchObject({ status: 'sent' });
    expect(received).toHaveLength(1);
  });
});

describe('backups', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('takes an online backup under writes that restores with every committed row and a clean check', async () => {
    for (let i = 0; i < 2000; i++) t.services.residents.create(buildResident(), 'test');
    const committed: number[] = [];
    let writing = true;
    const writer = (async () => {
      while (writing) {
        committed.push(t.services.residents.create(buildResident(), 'test').id);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const path = await t.services.backups.backupNow();
    writing = false;
    await writer;
    expect(committed.length).toBeGreaterThan(0);

    const target = join(t.dbPath, '..', 'restored.sqlite');
    restoreBackup(path, target);
    expect(integrityOf(target)).toBe('ok');
    const restored = new Database(target, { readonly: true });
    const ids = new Set((restored.prepare('select id from residents').all() as Array<{ id: number }>).map((r) => r.id));
    restored.close();
    // The copy holds every row committed until it finished, and none after a missing one: the writes
    // that went on while the copy was checked (off the event loop) are the only ones it lacks.
    const inBackup = committed.filter((id) => ids.has(id));
    expect(inBackup.length).toBeGreaterThan(0);
    expect(inBackup).toEqual(committed.slice(0, inBackup.length));
    expect(ids.size).toBe(2000 + inBackup.length);
    expect(committed.length).toBeGreaterThan(inBackup.length);
  });

  it('a restore does not bring back a resident or a helper erased since the backup was made', async () => {
    const kept = t.services.residents.create(buildResident({ name: 'Meneer Blijft' }), 'test');
    const gone = t.services.residents.create(buildResident({ name: 'Mevrouw Weg', phone: '045 999 1234' }), 'test');
    t.services.requests.create(buildRequest(gone.id, { description: 'steunkousen aantrekken' }), null, 'test');
    const helper = t.services.helpers.create(buildHelper({ name: 'Helper Weg', phone: '06 9999 1234' }), 'test');
    const before = await t.services.backups.backupNow();
    t.clock.advance(HOUR);
    t.services.subject.erase(gone.id, 'test');
    t.services.helpers.erase(helper.id, 'test');
    // The database as it is now, in a file the test may restore over (the service keeps its own open).
    const current = await t.services.backups.backupNow();

    const { keptAs, erasedAgain } = restoreBackup(before, current, t.clock());
    expect(erasedAgain).toEqual({ residents: [gone.id], helpers: [helper.id] });
    expect(keptAs).not.toBeNull();
    const restored = new Database(current, { readonly: true });
    const names = restored.prepare('select id, name, phone, erased_at as erasedAt from residents order by id').all();
    const descriptions = restored.prepare('select description from requests').all();
    const helpers = restored
      .prepare('select name, phone, erased_at as erasedAt from helpers where id = ?')
      .all(helper.id);
    restored.close();
    expect(helpers).toEqual([{ name: 'gewist', phone: null, erasedAt: t.clock() }]);
    expect(names).toEqual([
      { id: kept.id, name: 'Meneer Blijft', phone: kept.phone, erasedAt: null },
      { id: gone.id, name: 'gewist', phone: null, erasedAt: t.clock() },
    ]);
    expect(descriptions).toEqual([{ description: null }]);
  });

  it('keeps the last N backups, and takes one a night (a restart does not take another)', async () => {
    const taken: string[] = [];
    for (let night = 0; night < 5; night++) {
      expect(await t.services.backups.backupIfDue()).toBe(1);
      expect(await t.services.backups.backupIfDue()).toBe(0);
      taken.push(t.services.backups.list().at(-1)!);
      t.clock.advance(24 * HOUR);
    }
    expect(t.services.backups.list()).toEqual(taken.slice(-3));
    expect(existsSync(join(t.dbPath, '..', 'backups', taken[0]!))).toBe(false);
  });

  it('refuses to restore a damaged backup and leaves the database alone', async () => {
    const bad = join(t.dbPath, '..', 'bad.sqlite');
    const db = new Database(bad);
    db.exec('create table x (y)');
    db.close();
    const { writeFileSync, readFileSync } = await import('node:fs');
    const bytes = readFileSync(bad);
    bytes.fill(7, 100, 4096);
    writeFileSync(bad, bytes);
    expect(() => restoreBackup(bad, t.dbPath)).toThrow();
    expect(integrityOf(t.dbPath)).toBe('ok');
  });
});

describe('retention', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('erases residents with no activity for 24 months, also from requests and events, and records it', async () => {
    const old = t.services.residents.create(
      buildResident({ name: 'Meneer Oud', notes: 'sleutel onder de mat' }),
      'test',
    );
    const request = t.services.requests.create(
      buildRequest(old.id, { description: 'boodschappen voor Meneer Oud' }),
      null,
      'test',
    );
    t.services.requests.cancel(request.id, 'Meneer Oud is verhuisd', 'test');
    const active = t.services.residents.create(buildResident({ name: 'Mevrouw Nu' }), 'test');

    t.clock.advance(24 * 30 * 24 * HOUR);
    t.services.residents.update(active.id, { notes: 'belt vaak' }, 'test');
    expect(t.services.retention.eraseInactive()).toBe(0);
    t.clock.advance(20 * 24 * HOUR);
    expect(t.services.retention.eraseInactive()).toBe(1);
    expect(t.services.retention.eraseInactive()).toBe(0);

    const erased = t.services.residents.get(old.id);
    expect(erased).toMatchObject({
      name: 'gewist',
      phone: null,
      notes: null,
      address: { street: null, postcode: '6371' },
    });
    expect(t.services.requests.get(request.id)).toMatchObject({
      description: null,
      cancelReason: null,
      helperId: null,
    });
    const dump = JSON.stringify(t.db.$client.prepare('select * from events').all());
    expect(dump).not.toContain('Meneer Oud');
    expect(dump).not.toContain('verhuisd');
    expect(t.services.board.eventsAfter(0, 10_000).filter((e) => e.type === 'resident.erased')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ residentId: old.id }) }),
    ]);
    expect(t.services.residents.get(active.id).name).toBe('Mevrouw Nu');
  });
});
