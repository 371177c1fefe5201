import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createServices } from '../../src/services.js';
import { buildHelper, buildResident, LANDGRAAF } from '../support/factories.js';
import { tempDbPath } from '../support/app.js';
import { nextOpenDay } from '../support/calendar.js';
import { startServerProcess } from '../support/processes.js';

const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
const PROPOSALS = 300;
const CONNECTIONS = 10;
/** The server is killed once this many accepts are acknowledged, with others still in flight. */
const KILL_AFTER = 120;

describe('group commit under kill -9', () => {
  const { path, cleanup } = tempDbPath();
  let server: { url: string; child: ChildProcess };
  let token: string;
  const proposalIds: number[] = [];

  beforeAll(async () => {
    const db = openDatabase(path);
    const services = createServices(db, { autoPropose: false, sessionHours: 1, publicUrl: 'http://x' });
    await services.auth.createUser(
      { email: 'kill@wijkmatch.test', password: 'nothing acknowledged is lost', name: 'k', role: 'dispatcher' },
      null,
    );
    token = (await services.auth.login('kill@wijkmatch.test', 'nothing acknowledged is lost')).token;
    const resident = services.residents.create(buildResident(), 'test');
    // The server lives in real time: the jobs go on a day the service's calendar keeps open, one helper
    // each, so every accept is a real assignment and none stands in another's way.
    const start = nextOpenDay(services.db, Date.now(), 2).midnight + 10 * 3_600_000;
    for (let i = 0; i < PROPOSALS; i++) {
      const helper = services.helpers.create(
        buildHelper({ location: LANDGRAAF, availability: ALWAYS, maxHoursPerWeek: null }),
        'test',
      );
      const request = services.requests.create(
        {
          residentId: resident.id,
          skills: ['groceries'],
          window: { start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() },
        },
        null,
        'test',
      );
      proposalIds.push(services.proposals.propose(request.id, helper.id, null, 'test').id);
    }
    await services.rounds.close();
    db.$client.close();
    server = await startServerProcess(path, { WIJKMATCH_BACKUP_DIR: join(dirname(path), 'backups') });
  }, 120_000);

  afterAll(() => {
    if (server?.child.exitCode === null) server.child.kill('SIGKILL');
    cleanup();
  });

  it('keeps every accept it acknowledged when the process is killed mid-stream', async () => {
    const acknowledged: number[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      server.child.once('exit', (_, signal) => resolve(signal)),
    );
    let next = 0;
    let killed = false;
    const connection = async () => {
      while (!killed && next < proposalIds.length) {
        const id = proposalIds[next++]!;
        const status = await fetch(`${server.url}/api/v1/proposals/${id}/accept`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}` },
        }).then(
          (r) => r.status,
          () => null,
        );
        if (status !== null && status >= 200 && status < 300) acknowledged.push(id);
        else if (status !== null) throw new Error(`accept ${id} answered ${status}`);
        if (!killed && acknowledged.length >= KILL_AFTER) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, connection));
    expect(await exited).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
    // Some accepts were sent and never answered: the kill came mid-stream.
    expect(next).toBeGreaterThan(acknowledged.length);

    const db = new Database(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const accepted = new Set(
      (db.prepare("select id from proposals where status = 'accepted'").all() as { id: number }[]).map((r) => r.id),
    );
    const events = new Set(
      (
        db
          .prepare("select json_extract(data, '$.proposalId') as id from events where type = 'proposal.accepted'")
          .all() as {
          id: number;
        }[]
      ).map((r) => r.id),
    );
    const assigned = db.prepare(
      "select count(*) as n from requests r join proposals p on p.request_id = r.id where p.id = ? and r.status = 'assigned' and r.helper_id = p.helper_id",
    );
    for (const id of acknowledged) {
      expect(accepted.has(id), `proposal ${id} was acknowledged`).toBe(true);
      expect(events.has(id), `proposal ${id}'s event`).toBe(true);
      expect(assigned.get(id)).toEqual({ n: 1 });
    }
    db.close();
  }, 120_000);
});
