import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createServices, type Services } from '../../src/services.js';
import { buildHelper, buildResident, LANDGRAAF } from '../support/factories.js';
import { tempDbPath } from '../support/app.js';
import { nextOpenDay } from '../support/calendar.js';
import { startServerProcess } from '../support/processes.js';

const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
const REQUESTS = 40;

describe('two server processes on one database file', () => {
  const { path, cleanup } = tempDbPath();
  let services: Services;
  let servers: Array<{ url: string; child: ChildProcess }>;
  let token: string;
  const pairs: Array<{ requestId: number; proposals: [number, number] }> = [];

  beforeAll(async () => {
    const db = openDatabase(path);
    services = createServices(db, { autoPropose: false, sessionHours: 1, publicUrl: 'http://x' });
    await services.auth.createUser(
      { email: 'race@wijkmatch.test', password: 'race condition test', name: 'r', role: 'dispatcher' },
      null,
    );
    token = (await services.auth.login('race@wijkmatch.test', 'race condition test')).token;
    const staff = services.auth.authenticate(token)!;
    const resident = services.residents.create(buildResident(), 'test');
    // The servers live in real time: the jobs go on a day the service's calendar keeps open.
    const day = nextOpenDay(services.db, Date.now(), 2).midnight + 10 * 3_600_000;
    for (let i = 0; i < REQUESTS; i++) {
      const a = services.helpers.create(
        buildHelper({ location: LANDGRAAF, availability: ALWAYS, maxHoursPerWeek: null }),
        'test',
      );
      const b = services.helpers.create(
        buildHelper({ location: LANDGRAAF, availability: ALWAYS, maxHoursPerWeek: null }),
        'test',
      );
      const start = day + (i % 8) * 3_600_000;
      const request = services.requests.create(
        {
          residentId: resident.id,
          skills: ['groceries'],
          window: { start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() },
        },
        null,
        'test',
      );
      const userId = staff.kind === 'staff' ? staff.userId : null;
      const pa = services.proposals.propose(request.id, a.id, userId, 'test');
      const pb = services.proposals.propose(request.id, b.id, userId, 'test');
      pairs.push({ requestId: request.id, proposals: [pa.id, pb.id] });
    }
    const backups = join(dirname(path), 'backups');
    const server = () => startServerProcess(path, { WIJKMATCH_BACKUP_DIR: backups });
    servers = await Promise.all([server(), server()]);
  }, 60_000);

  afterAll(() => {
    for (const s of servers ?? []) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    services?.db.$client.close();
    cleanup();
  });

  const accept = (server: { url: string }, proposalId: number) =>
    fetch(`${server.url}/api/v1/proposals/${proposalId}/accept`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    }).then((r) => r.status);

  it('lets exactly one accept win per request, every time', async () => {
    const [one, two] = [servers[0]!, servers[1]!];
    // Each request gets four simultaneous accepts: its two proposals, each on both servers.
    const outcomes = await Promise.all(
      pairs.map(async ({ requestId, proposals: [a, b] }) => ({
        requestId,
        statuses: await Promise.all([accept(one, a), accept(two, b), accept(two, a), accept(one, b)]),
      })),
    );
    for (const { statuses } of outcomes) {
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(3);
    }

    const db = services.db.$client;
    const accepted = db
      .prepare("select request_id, helper_id from proposals where status = 'accepted' order by request_id")
      .all() as Array<{ request_id: number; helper_id: number }>;
    expect(accepted.map((r) => r.request_id)).toEqual(pairs.map((p) => p.requestId));
    for (const row of accepted) {
      const request = db.prepare('select status, helper_id from requests where id = ?').get(row.request_id) as {
        status: string;
        helper_id: number;
      };
      expect(request).toEqual({ status: 'assigned', helper_id: row.helper_id });
    }
    const acceptedEvents = db.prepare("select count(*) as n from events where type = 'proposal.accepted'").get() as {
      n: number;
    };
    expect(acceptedEvents.n).toBe(REQUESTS);
    const seqs = (db.prepare('select seq from events order by seq').all() as Array<{ seq: number }>).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
  }, 60_000);

  it('stops cleanly on SIGTERM: the processes exit with 0 and the file passes an integrity check', async () => {
    const exits = servers.map(
      (s) => new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code))),
    );
    for (const s of servers) s.child.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual([0, 0]);
    expect(services.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
