import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DestinationStream } from 'pino';
import supertest from 'supertest';
import { type AppOptions, createApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/client.js';
import { USER_ROLES, type UserRole } from '../../src/domain.js';
import { createLogger } from '../../src/logger.js';
import type { Transport } from '../../src/messages/transport.js';
import type { Geocoder } from '../../src/addresses/addresses.types.js';
import { createServer } from '../../src/server.js';
import { createServices, type ServiceConfig } from '../../src/services.js';

/** Monday 23 November 2026, 08:00 in Amsterdam: the start of a working week. */
export const MONDAY_8AM = Date.parse('2026-11-23T08:00:00+01:00');

export interface TestClock {
  (): number;
  set(ms: number): void;
  advance(ms: number): void;
}

/** A clock that stands still at `start` until moved, or with `running` one that ticks with real time. */
export function testClock(start = MONDAY_8AM, running = false): TestClock {
  let offset = start - (running ? Date.now() : 0);
  const clock = (() => offset + (running ? Date.now() : 0)) as TestClock;
  clock.set = (ms) => {
    offset = ms - (running ? Date.now() : 0);
  };
  clock.advance = (ms) => {
    offset += ms;
  };
  return clock;
}

export function tempDbPath(): { path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wijkmatch-test-'));
  return { path: join(dir, 'test.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const PASSWORD = 'correct horse battery';

/**
 * The whole service on a fresh SQLite file, with a clock the test controls and a token per staff role.
 * `http` is supertest over the real Express app.
 */
export async function startTestApp(
  config: Partial<ServiceConfig> & {
    /** Failed logins allowed per account and per address (15-minute window). */
    loginLimit?: number;
    trustProxy?: AppOptions['trustProxy'];
    logDestination?: DestinationStream;
    logLevel?: string;
    /**
     * A clock that runs from Monday 08:00 instead of standing there: for browsers, whose timers run.
     * Their pages get the same clock (`browserContext`), so no test depends on the day it runs.
     */
    running?: boolean;
    /** Where messages go; the log by default. */
    transport?: Transport;
    /** Where addresses are looked up (test/support/pdok.ts); none by default: a test never reaches PDOK. */
    geocoder?: Geocoder;
    /** The map tiles the pages show: a local tile server, or a URL nobody answers. */
    tiles?: { url: string; attribution: string };
  } = {},
) {
  const { path, cleanup } = tempDbPath();
  const db = openDatabase(path);
  const clock = testClock(MONDAY_8AM, config.running ?? false);
  const services = createServices(
    db,
    {
      autoPropose: config.autoPropose ?? true,
      sessionHours: config.sessionHours ?? 12,
      // Tests move the clock by hours and keep their tokens: only a test about idleness sets it.
      sessionIdleMinutes: config.sessionIdleMinutes ?? 12 * 60,
      login: config.loginLimit
        ? { perAccount: config.loginLimit, perAddress: config.loginLimit, windowMinutes: 15 }
        : config.login,
      publicUrl: 'http://wijkmatch.test',
      backups: { dir: join(dirname(path), 'backups'), keep: 3 },
    },
    clock,
    { transport: config.transport, geocoder: config.geocoder, tiles: config.tiles },
  );
  const logger = createLogger(config.logLevel ?? 'silent', config.logDestination);
  const appOptions = {
    logger,
    allowedOrigins: ['http://wijkmatch.test'],
    sessionHours: 12,
    trustProxy: config.trustProxy,
  };
  const app = createApp(services, appOptions);
  const http = supertest(app);

  const tokens = {} as Record<UserRole, string>;
  const logIn = async () => {
    for (const role of USER_ROLES) tokens[role] = (await services.auth.login(`${role}@wijkmatch.test`, PASSWORD)).token;
  };
  for (const role of USER_ROLES) {
    await services.auth.createUser({ email: `${role}@wijkmatch.test`, password: PASSWORD, name: role, role }, null);
  }
  await logIn();
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  return {
    db,
    dbPath: path,
    services,
    clock,
    app,
    http,
    tokens,
    auth: (role: UserRole = 'dispatcher') => as(tokens[role]),
    /** Moves the clock to another day, with fresh sessions: the old ones would have expired. */
    async moveClockTo(instant: number) {
      clock.set(instant);
      await logIn();
    },
    bearer: as,
    /** The same service on a real HTTP server with the live board, on a free port. */
    async listen(options: { pollMs?: number } = {}) {
      const server = createServer(services, { ...appOptions, ...options });
      const port = await server.listen(0, '127.0.0.1');
      return { server, url: `http://127.0.0.1:${port}` };
    },
    close: () => {
      void services.rounds.close();
      db.$client.close();
      cleanup();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
