import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MONDAY_8AM, startTestApp, type TestApp } from '../support/app.js';
import { buildHelper, buildRequest, buildResident } from '../support/factories.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const userId = async (role: string) =>
  ((await t.http.get('/api/v1/users').set(t.auth('admin')).expect(200)).body as { id: number; role: string }[]).find(
    (u) => u.role === role,
  )!.id;

/** A board on the live socket, and a promise of why it was disconnected (rejected after `ms`). */
async function boardOn(url: string, token: string, ms = 5000) {
  const socket: Socket = io(`${url}/board`, { auth: { token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const cut = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the board was still connected after ${ms} ms`)), ms);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });
  return { socket, cut };
}

describe('sessions and accounts', () => {
  it('logs out: the token gets 401 at once, and its board is cut off at once, not at the minute’s recheck', async () => {
    const { server, url } = await t.listen();
    try {
      const board = await boardOn(url, t.tokens.dispatcher);
      const cut = board.cut();
      await t.http.post('/api/v1/auth/logout').set(t.auth('dispatcher')).expect(204);
      expect(await cut).toBe('io server disconnect');
      const after = await t.http.get('/api/v1/board').set(t.auth('dispatcher'));
      expect([after.status, after.body.error.code]).toEqual([401, 'unauthorized']);
      // Another user's session is untouched.
      await t.http.get('/api/v1/board').set(t.auth('intake')).expect(200);
    } finally {
      await server.close();
    }
  });

  it('lists users; deactivating one ends their sessions and board at once, and they cannot log in', async () => {
    const { server, url } = await t.listen();
    try {
      const intakeId = await userId('intake');
      const board = await boardOn(url, t.tokens.intake);
      const cut = board.cut();
      const res = await t.http
        .patch(`/api/v1/users/${intakeId}`)
        .set(t.auth('admin'))
        .send({ active: false })
        .expect(200);
      expect(res.body).toMatchObject({ id: intakeId, role: 'intake', active: false });
      expect(await cut).toBe('io server disconnect');
      expect((await t.http.get('/api/v1/skills').set(t.auth('intake'))).status).toBe(401);
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'intake@wijkmatch.test', password: 'correct horse battery' });
      expect([login.status, login.body.error.code]).toEqual([401, 'unauthorized']);
      const listed = (await t.http.get('/api/v1/users').set(t.auth('admin')).expect(200)).body;
      expect(listed).toContainEqual(expect.objectContaining({ id: intakeId, active: false }));
    } finally {
      await server.close();
    }
  });

  it('a new role ends the old sessions; the last admin stays an admin; only admins manage users', async () => {
    const dispatcherId = await userId('dispatcher');
    await t.http.patch(`/api/v1/users/${dispatcherId}`).set(t.auth('admin')).send({ role: 'intake' }).expect(200);
    expect((await t.http.get('/api/v1/board').set(t.auth('dispatcher'))).status).toBe(401);

    const adminId = await userId('admin');
    for (const patch of [{ active: false }, { role: 'dispatcher' }]) {
      const res = await t.http.patch(`/api/v1/users/${adminId}`).set(t.auth('admin')).send(patch);
      expect([res.status, res.body.error.code]).toEqual([409, 'last_admin']);
    }
    await t.http.get('/api/v1/board').set(t.auth('admin')).expect(200);
    const res = await t.http.get('/api/v1/users').set(t.auth('intake'));
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
  });
});

describe("a deactivated helper's link", () => {
  it('gets 401 at once everywhere, on a job under way too, which staff then log done', async () => {
    const resident = t.services.residents.create(buildResident(), 'test');
    const helper = t.services.helpers.create(buildHelper(), 'test');
    const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;
    const soon = { start: '2026-11-23T08:30:00+01:00', end: '2026-11-23T10:30:00+01:00' };
    const job = t.services.requests.create(buildRequest(resident.id, { window: soon }), null, 'test');
    t.services.proposals.assign(job.id, helper.id, 1, 'test');
    t.clock.set(Date.parse('2026-11-23T09:45:00+01:00'));
    const asHelper = t.bearer(link.token);
    await t.http.get('/api/v1/me/schedule').set(asHelper).expect(200);

    await t.http.delete(`/api/v1/helpers/${helper.id}`).set(t.auth()).expect(200);

    const refused = [
      await t.http.get('/api/v1/me/schedule').set(asHelper),
      await t.http.get('/api/v1/me/proposals').set(asHelper),
      await t.http.post(`/api/v1/requests/${job.id}/complete`).set(asHelper).send({ hours: 1 }),
    ];
    for (const res of refused) expect([res.status, res.body.error.code]).toEqual([401, 'unauthorized']);
    expect((await t.http.get(`/h/${link.token}`)).status).toBe(401);
    // The job under way stays theirs on the record; the office logs it done.
    expect(t.services.requests.get(job.id)).toMatchObject({ status: 'assigned', helperId: helper.id });
    const done = await t.http.post(`/api/v1/requests/${job.id}/complete`).set(t.auth()).send({ hours: 1 }).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', helperId: helper.id });
  });
});

describe('the audit log', () => {
  it('writes down every read and change of a resident, newest first, and refuses UPDATE and DELETE', async () => {
    const resident = (
      await t.http
        .post('/api/v1/residents')
        .set(t.auth('intake'))
        .send(buildResident({ name: 'Mevrouw Vos' }))
    ).body;
    await t.http.get(`/api/v1/residents/${resident.id}`).set(t.auth('dispatcher')).expect(200);
    await t.http.get('/api/v1/residents').query({ q: 'Vos' }).set(t.auth('intake')).expect(200);
    await t.http.patch(`/api/v1/residents/${resident.id}`).set(t.auth('intake')).send({ notes: 'hond' }).expect(200);

    const { entries } = (
      await t.http.get('/api/v1/audit').query({ residentId: resident.id }).set(t.auth('admin')).expect(200)
    ).body;
    expect(entries.map((e: { action: string; role: string }) => [e.action, e.role])).toEqual([
      ['update', 'intake'],
      ['search', 'intake'],
      ['read', 'dispatcher'],
      ['create', 'intake'],
    ]);
    expect(entries[2]).toMatchObject({ actor: `user:${await userId('dispatcher')}`, residentId: resident.id });
    expect(entries[2].origin).toMatch(/127\.0\.0\.1|::1/);
    expect(JSON.stringify(entries)).not.toContain('Vos');

    const sql = t.db.$client;
    expect(() => sql.prepare('update audit set role = ?').run('admin')).toThrow(/append-only/);
    expect(() => sql.prepare('delete from audit').run()).toThrow(/kept at least five years/);
    expect((sql.prepare('select count(*) as n from audit').get() as { n: number }).n).toBe(4);

    const res = await t.http.get('/api/v1/audit').set(t.auth('dispatcher'));
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('writes down the residents the board, requests, series and proposals show: an entry each per call', async () => {
    const a = t.services.residents.create(buildResident(), 'test');
    const b = t.services.residents.create(buildResident(), 'test');
    t.services.helpers.create(buildHelper(), 'test');
    const request = t.services.requests.create(buildRequest(a.id), null, 'test');
    t.services.requests.create(buildRequest(b.id, { description: 'boodschappen' }), null, 'test');
    const series = (
      await t.http
        .post('/api/v1/series')
        .set(t.auth('dispatcher'))
        .send({
          residentId: a.id,
          skills: ['groceries'],
          weekday: 3,
          start: '10:00',
          end: '12:00',
          firstDate: '2026-11-25',
        })
        .expect(201)
    ).body as { id: number };
    const sql = t.db.$client;
    const newest = () => (sql.prepare('select coalesce(max(id), 0) as id from audit').get() as { id: number }).id;
    /** The entries one call as intake wrote, by resident. */
    const entriesOf = async (path: string) => {
      const before = newest();
      await t.http.get(`/api/v1${path}`).set(t.auth('intake')).expect(200);
      return sql
        .prepare('select action, role, resident_id as residentId from audit where id > ? order by resident_id')
        .all(before);
    };
    const entry = (action: string, residentId: number) => ({ action, role: 'intake', residentId });

    expect(await entriesOf('/board')).toEqual([entry('read', a.id), entry('read', b.id)]);
    expect(await entriesOf('/requests')).toEqual([entry('search', a.id), entry('search', b.id)]);
    expect(await entriesOf(`/requests/${request.id}`)).toEqual([entry('read', a.id)]);
    expect(await entriesOf(`/requests/${request.id}/proposals`)).toEqual([entry('read', a.id)]);
    expect(await entriesOf('/series')).toEqual([entry('search', a.id)]);
    expect(await entriesOf(`/series/${series.id}`)).toEqual([entry('read', a.id)]);
    // A list that shows nobody writes nothing.
    expect(await entriesOf('/requests?residentId=999999')).toEqual([]);
  });

  it("writes down the resident whose request's candidates and phone list staff read, ids only", async () => {
    const resident = t.services.residents.create(buildResident({ name: 'Mevrouw Kandidaat' }), 'test');
    const helper = t.services.helpers.create(buildHelper({ name: 'Helper Belbaar', phone: '06 1234 5678' }), 'test');
    const request = t.services.requests.create(buildRequest(resident.id), null, 'test');
    const sql = t.db.$client;
    const newest = () => (sql.prepare('select coalesce(max(id), 0) as id from audit').get() as { id: number }).id;
    const dispatcher = await userId('dispatcher');
    for (const path of ['candidates', 'phone-list']) {
      const before = newest();
      const res = await t.http.get(`/api/v1/requests/${request.id}/${path}`).set(t.auth('dispatcher')).expect(200);
      expect(JSON.stringify(res.body)).toContain(`"helperId":${helper.id}`);
      const written = sql
        .prepare('select actor_kind, actor_id, role, action, resident_id from audit where id > ?')
        .all(before);
      expect(written).toEqual([
        { actor_kind: 'user', actor_id: dispatcher, role: 'dispatcher', action: 'read', resident_id: resident.id },
      ]);
    }
    const phoneList = await t.http.get(`/api/v1/requests/${request.id}/phone-list`).set(t.auth('dispatcher'));
    expect(phoneList.body.helpers[0]).toMatchObject({ helperId: helper.id, phone: '06 1234 5678' });
    const { entries } = (
      await t.http.get('/api/v1/audit').query({ residentId: resident.id }).set(t.auth('admin')).expect(200)
    ).body;
    expect(JSON.stringify(entries)).not.toMatch(/Kandidaat|Belbaar|1234 5678/);
  });

  it('shows nothing it could not write down: a read whose entry fails is not answered', async () => {
    const resident = t.services.residents.create(buildResident({ name: 'Mevrouw Spoorloos' }), 'test');
    const request = t.services.requests.create(buildRequest(resident.id, { description: 'insuline' }), null, 'test');
    t.db.$client.exec(`create trigger audit_refused before insert on audit begin select raise(abort, 'refused'); end`);
    for (const path of [
      '/board',
      '/requests',
      `/requests/${request.id}`,
      `/requests/${request.id}/proposals`,
      `/requests/${request.id}/candidates`,
    ]) {
      const res = await t.http.get(`/api/v1${path}`).set(t.auth('intake'));
      expect([path, res.status]).toEqual([path, 500]);
      expect(res.text).not.toContain('Spoorloos');
      expect(res.text).not.toContain('insuline');
    }
  });

  it('commits a change and its entry together: when the entry cannot be written, the change is not made', async () => {
    const resident = (await t.http.post('/api/v1/residents').set(t.auth()).send(buildResident()).expect(201)).body;
    const sql = t.db.$client;
    sql.exec(`create trigger audit_refused before insert on audit begin select raise(abort, 'audit refused'); end`);
    const countOf = (table: string) => (sql.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const before = { residents: countOf('residents'), events: countOf('events') };

    await t.http
      .post('/api/v1/residents')
      .set(t.auth())
      .send(buildResident({ name: 'Zonder Spoor' }))
      .expect(500);
    await t.http.patch(`/api/v1/residents/${resident.id}`).set(t.auth()).send({ notes: 'niet bewaard' }).expect(500);
    await t.http.post(`/api/v1/residents/${resident.id}/erase`).set(t.auth('admin')).expect(500);

    expect({ residents: countOf('residents'), events: countOf('events') }).toEqual(before);
    expect(
      sql.prepare('select name, notes, erased_at as erasedAt from residents where id = ?').get(resident.id),
    ).toEqual({
      name: resident.name,
      notes: null,
      erasedAt: null,
    });
  });
});

describe("the resident's rights", () => {
  it('exports everything about one resident, the audit trail included, to an admin only', async () => {
    const resident = t.services.residents.create(buildResident({ name: 'Meneer Bos', notes: 'slechthorend' }), 'test');
    t.services.helpers.create(buildHelper(), 'test');
    const request = t.services.requests.create(buildRequest(resident.id, { description: 'brood' }), null, 'test');
    await t.http.get(`/api/v1/residents/${resident.id}`).set(t.auth('intake')).expect(200);
    // What the resident said of the job is theirs; the coach's observation is the helper's.
    t.db.$client
      .prepare(
        "insert into job_feedback (request_id, satisfaction, satisfaction_by, observation, observed_by, updated_at) values (?, 5, 'helper', 'werkt zelfstandig', 'user:1', 0)",
      )
      .run(request.id);

    const body = (await t.http.get(`/api/v1/residents/${resident.id}/export`).set(t.auth('admin')).expect(200)).body;
    expect(body.requests[0].feedback).toEqual({ satisfaction: 5, satisfactionBy: 'helper' });
    expect(JSON.stringify(body)).not.toContain('zelfstandig');
    expect(body.resident).toMatchObject({ id: resident.id, name: 'Meneer Bos', notes: 'slechthorend' });
    expect(body.requests).toEqual([
      expect.objectContaining({ id: request.id, description: 'brood', proposals: [expect.anything()] }),
    ]);
    expect(body.audit.map((e: { action: string }) => e.action)).toEqual(['read']);
    const after = (await t.http.get('/api/v1/audit').query({ residentId: resident.id }).set(t.auth('admin'))).body;
    expect(after.entries[0]).toMatchObject({ action: 'export', role: 'admin' });

    const res = await t.http.get(`/api/v1/residents/${resident.id}/export`).set(t.auth('dispatcher'));
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('erases on request: no name, phone, address, note or free text of theirs is returned anywhere', async () => {
    const secrets = {
      name: 'Mevrouw Zwartjes',
      phone: '045 999 1234',
      street: 'Geheimstraat',
      notes: 'sleutel onder de mat',
    };
    const resident = t.services.residents.create(
      buildResident({
        name: secrets.name,
        phone: secrets.phone,
        notes: secrets.notes,
        address: { street: secrets.street, houseNumber: '7', postcode: '6371 AB', city: 'Landgraaf' },
      }),
      'test',
    );
    const helper = t.services.helpers.create(buildHelper({ email: 'anouk@example.nl' }), 'test');
    // Sent with an Idempotency-Key: the kept reply holds the description too.
    const request = t.services.requests.create(
      buildRequest(resident.id, { description: 'medicijnen ophalen' }),
      null,
      'test',
      'retry-key-erase-1',
    );
    t.services.requests.cancel(request.id, 'opgenomen in ziekenhuis', 'test');
    // Tomorrow's job puts the address in the helper's evening reminder.
    const job = t.services.requests.create(buildRequest(resident.id), null, 'test');
    t.services.proposals.assign(job.id, helper.id, 1, 'test');
    t.clock.set(MONDAY_8AM + 10 * 3_600_000);
    expect(t.services.reminders.queueTomorrow()).toBe(1);
    const outbox = () => JSON.stringify(t.db.$client.prepare('select * from outbox').all());
    expect(outbox()).toContain(secrets.street);

    const feedback = () =>
      t.db.$client.prepare('select satisfaction, observation from job_feedback where request_id = ?').get(job.id);
    t.db.$client
      .prepare(
        "insert into job_feedback (request_id, satisfaction, satisfaction_by, observation, observed_by, updated_at) values (?, 4, 'staff', 'mevrouw Zwartjes was in de war', 'user:1', 0)",
      )
      .run(job.id);

    await t.http.post(`/api/v1/residents/${resident.id}/erase`).set(t.auth('admin')).expect(200);
    // The coach's observation told of the resident's home; the score stays for the statistics.
    expect(feedback()).toEqual({ satisfaction: 4, observation: null });

    const everywhere = [
      await t.http.get(`/api/v1/residents/${resident.id}`).set(t.auth('admin')),
      await t.http.get('/api/v1/residents').query({ q: 'Zwartjes' }).set(t.auth('admin')),
      await t.http.get('/api/v1/requests').query({ residentId: resident.id }).set(t.auth('admin')),
      await t.http.get('/api/v1/board').set(t.auth('admin')),
      await t.http.get('/api/v1/events').query({ after: 0, limit: 1000 }).set(t.auth('admin')),
      await t.http.get(`/api/v1/residents/${resident.id}/export`).set(t.auth('admin')),
    ]
      .map((res) => res.text)
      .join('\n');
    for (const text of [...Object.values(secrets), 'medicijnen', 'ziekenhuis']) expect(everywhere).not.toContain(text);
    for (const text of Object.values(secrets)) expect(outbox()).not.toContain(text);
    expect(JSON.stringify(t.db.$client.prepare('select * from idempotency_keys').all())).not.toContain('medicijnen');
    const { entries } = (await t.http.get('/api/v1/audit').query({ residentId: resident.id }).set(t.auth('admin')))
      .body;
    expect(entries.map((e: { action: string }) => e.action)).toContain('erase');
  });
});

describe('retries and caches', () => {
  it('Idempotency-Key: the same key and body give the same reply and one request; another body is refused', async () => {
    const resident = t.services.residents.create(buildResident(), 'test');
    const post = (key: string, day: string) =>
      t.http
        .post('/api/v1/requests')
        .set({ ...t.auth('intake'), 'Idempotency-Key': key })
        .send(buildRequest(resident.id, { window: { start: `${day}T10:00:00+01:00`, end: `${day}T12:00:00+01:00` } }));
    const first = await post('7c1b0a6e-retry', '2026-11-24').expect(201);
    const again = await post('7c1b0a6e-retry', '2026-11-24').expect(201);
    expect(again.body).toEqual(first.body);
    const other = await post('7c1b0a6e-retry', '2026-11-25');
    expect([other.status, other.body.error.code, other.body.error.details[0].field]).toEqual([
      422,
      'idempotency_key_reused',
      'idempotency-key',
    ]);
    // Another user's key is theirs alone.
    await t.http
      .post('/api/v1/requests')
      .set({ ...t.auth('dispatcher'), 'Idempotency-Key': '7c1b0a6e-retry' })
      .send(buildRequest(resident.id))
      .expect(201);
    expect(t.services.requests.list({ residentId: resident.id, limit: 10 })).toHaveLength(2);
  });

  it('marks every API reply no-store, errors included', async () => {
    const resident = t.services.residents.create(buildResident(), 'test');
    const read = await t.http.get(`/api/v1/residents/${resident.id}`).set(t.auth('intake')).expect(200);
    expect(read.headers['cache-control']).toBe('no-store');
    const missing = await t.http.get('/api/v1/residents/999999').set(t.auth('intake')).expect(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });
});

describe('who decides which helper comes', () => {
  it('lets intake take the call, and only dispatchers (or the helper) choose, answer for and sign off a helper', async () => {
    const resident = (await t.http.post('/api/v1/residents').set(t.auth('intake')).send(buildResident()).expect(201))
      .body;
    const helper = t.services.helpers.create(buildHelper(), 'test');
    const request = (
      await t.http.post('/api/v1/requests').set(t.auth('intake')).send(buildRequest(resident.id)).expect(201)
    ).body;
    const [proposal] = t.services.proposals.ofRequest(request.id);
    expect(proposal?.helperId).toBe(helper.id);
    const refused = [
      t.http.post(`/api/v1/requests/${request.id}/proposals`).send({}),
      t.http.post(`/api/v1/requests/${request.id}/assign`).send({ helperId: helper.id }),
      t.http.post(`/api/v1/proposals/${proposal!.id}/accept`),
      t.http.post(`/api/v1/proposals/${proposal!.id}/decline`).send({}),
      t.http.post(`/api/v1/requests/${request.id}/complete`).send({ hours: 1 }),
      t.http.post('/api/v1/matching/run'),
    ];
    for (const call of refused) {
      const res = await call.set(t.auth('intake'));
      expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    }
    expect(t.services.proposals.ofRequest(request.id).map((p) => p.status)).toEqual(['proposed']);
    // What intake does do: read the proposals and cancel when the resident calls it off.
    await t.http.get(`/api/v1/requests/${request.id}/proposals`).set(t.auth('intake')).expect(200);
    await t.http
      .post(`/api/v1/requests/${request.id}/cancel`)
      .set(t.auth('intake'))
      .send({ reason: 'buurman helpt' })
      .expect(200);
    await t.http.post(`/api/v1/proposals/${proposal!.id}/accept`).set(t.auth('dispatcher')).expect(409);
  });
});

describe('free text stays where only staff read it', () => {
  it('keeps decline, cancel and override reasons and notes out of the event log and the boards, and on the records', async () => {
    const { server, url } = await t.listen();
    try {
      const board = await boardOn(url, t.tokens.dispatcher);
      const streamed: unknown[] = [];
      board.socket.on('event', (e: unknown) => streamed.push(e));
      board.socket.on('events', (batch: unknown[]) => streamed.push(...batch));

      const resident = t.services.residents.create(buildResident(), 'test');
      const helper = t.services.helpers.create(buildHelper(), 'test');
      const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;
      const declined = t.services.requests.create(buildRequest(resident.id), null, 'test');
      const [proposal] = t.services.proposals.ofRequest(declined.id);
      await t.http
        .post(`/api/v1/proposals/${proposal!.id}/decline`)
        .set(t.bearer(link.token))
        .send({ reason: 'mijn moeder ligt in het ziekenhuis' })
        .expect(200);
      const cancelled = t.services.requests.create(buildRequest(resident.id), null, 'test');
      await t.http
        .post(`/api/v1/requests/${cancelled.id}/cancel`)
        .set(t.auth())
        .send({ reason: 'opgenomen in ziekenhuis' })
        .expect(200);

      // Assigned anyway, with a reason, and logged done with a note: the office's texts too.
      const soon = { start: '2026-11-23T08:30:00+01:00', end: '2026-11-23T10:30:00+01:00' };
      const overridden = t.services.requests.create(buildRequest(resident.id, { window: soon }), null, 'test');
      await t.http
        .post(`/api/v1/requests/${overridden.id}/assign`)
        .set(t.auth())
        .send({ helperId: helper.id, override: { reason: 'belt zelf, ziekenhuisafspraak' } })
        .expect(201);
      const onBoard = async () => (await t.http.get('/api/v1/board').set(t.auth('intake')).expect(200)).body;
      const before = await onBoard();
      expect(before.requests.map((r: { id: number }) => r.id)).toEqual(
        expect.arrayContaining([declined.id, cancelled.id, overridden.id]),
      );
      expect(before.requests.find((r: { id: number }) => r.id === overridden.id).overridden).toBe(true);
      t.clock.set(Date.parse('2026-11-23T09:45:00+01:00'));
      await t.http
        .post(`/api/v1/requests/${overridden.id}/complete`)
        .set(t.auth())
        .send({ hours: 1, note: 'mevrouw was verward, huisarts gebeld' })
        .expect(200);
      for (const snapshot of [before, await onBoard()]) {
        expect(JSON.stringify(snapshot)).not.toMatch(/ziekenhuis|verward/);
        for (const r of snapshot.requests) {
          expect(r).not.toHaveProperty('cancelReason');
          expect(r).not.toHaveProperty('overrideReason');
          expect(r).not.toHaveProperty('completionNote');
        }
      }

      const log = await t.http.get('/api/v1/events').set(t.auth()).expect(200);
      const types = (log.body as { type: string }[]).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['proposal.declined', 'request.cancelled']));
      await vi.waitFor(() => expect(JSON.stringify(streamed)).toContain('request.cancelled'), { timeout: 5000 });
      for (const seen of [JSON.stringify(log.body), JSON.stringify(streamed)]) {
        expect(seen).not.toContain('ziekenhuis');
      }
      // Staff still read why, on the records themselves.
      const proposals = await t.http.get(`/api/v1/requests/${declined.id}/proposals`).set(t.auth()).expect(200);
      expect(proposals.body[0].declineReason).toBe('mijn moeder ligt in het ziekenhuis');
      const request = await t.http.get(`/api/v1/requests/${cancelled.id}`).set(t.auth()).expect(200);
      expect(request.body.cancelReason).toBe('opgenomen in ziekenhuis');
      const done = (await t.http.get(`/api/v1/requests/${overridden.id}`).set(t.auth()).expect(200)).body;
      expect([done.overrideReason, done.completionNote]).toEqual([
        'belt zelf, ziekenhuisafspraak',
        'mevrouw was verward, huisarts gebeld',
      ]);
    } finally {
      await server.close();
    }
  });
});

describe("a helper's link in the audit log", () => {
  it('writes down each read of the schedule and each calendar fetch that shows an assigned job', async () => {
    const resident = t.services.residents.create(buildResident(), 'test');
    const helper = t.services.helpers.create(buildHelper(), 'test');
    const link = (await t.http.post(`/api/v1/helpers/${helper.id}/access-link`).set(t.auth()).expect(201)).body;
    const job = t.services.requests.create(buildRequest(resident.id), null, 'test');
    t.services.proposals.assign(job.id, helper.id, 1, 'test');

    await t.http.get('/api/v1/me/schedule').set(t.bearer(link.token)).expect(200);
    await t.http.get(`/h/${link.token}/calendar.ics`).expect(200);
    const entries = (await t.http.get(`/api/v1/audit?residentId=${resident.id}`).set(t.auth('admin')).expect(200)).body
      .entries as { actor: string; role: string; action: string }[];
    expect(entries.slice(0, 2)).toEqual([
      expect.objectContaining({ actor: `helper:${helper.id}`, role: 'helper', action: 'calendar' }),
      expect.objectContaining({ actor: `helper:${helper.id}`, role: 'helper', action: 'read' }),
    ]);
  });
});

describe('how long the audit log keeps an entry', () => {
  const YEAR = 365.25 * 86_400_000;
  const entry = (yearsAgo: number) =>
    t.db.$client
      .prepare(
        "insert into audit (at, actor_kind, actor_id, role, action, resident_id) values (?, 'user', 1, 'admin', 'read', 1)",
      )
      .run(Math.round(MONDAY_8AM - yearsAgo * YEAR)).lastInsertRowid;
  const kept = () =>
    (t.db.$client.prepare('select id from audit order by id').all() as { id: number }[]).map((r) => r.id);

  it('as long as the setting says, never less than five years', async () => {
    const sixYears = entry(6);
    const fourYears = entry(4);
    const tooShort = await t.http
      .patch('/api/v1/settings')
      .set(t.auth('admin'))
      .send({ auditRetentionYears: 4 })
      .expect(400);
    expect(tooShort.body.error.details[0].field).toBe('auditRetentionYears');

    await t.http.patch('/api/v1/settings').set(t.auth('admin')).send({ auditRetentionYears: 7 }).expect(200);
    t.services.retention.eraseInactive();
    expect(kept()).toEqual([Number(sixYears), Number(fourYears)]);

    await t.http.patch('/api/v1/settings').set(t.auth('admin')).send({ auditRetentionYears: 5 }).expect(200);
    t.services.retention.eraseInactive();
    expect(kept()).toEqual([Number(fourYears)]);
  });
});
