import type { Geocoder } from '../../src/addresses/addresses.types.js';
import { openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server.js';
import { createServices } from '../../src/services.js';

/** Three unrelated words: the password rule refuses anything guessable, also for a benchmark's user. */
export const BENCH_PASSWORD = 'lilac harbour tractor bench';

/**
 * The real service (API and live board) on a fresh SQLite file, listening on a free loopback port,
 * with a dispatcher token; addresses found by `geocoder`, else only by the postcode table.
 */
export async function startBenchServer(dbPath: string, options: { autoPropose?: boolean; geocoder?: Geocoder } = {}) {
  const db = openDatabase(dbPath);
  const services = createServices(
    db,
    { autoPropose: options.autoPropose ?? false, sessionHours: 12, publicUrl: 'http://bench' },
    Date.now,
    { geocoder: options.geocoder ?? null },
  );
  await services.auth.createUser(
    { email: 'bench@wijkmatch.test', password: BENCH_PASSWORD, name: 'b', role: 'dispatcher' },
    null,
  );
  const { token } = await services.auth.login('bench@wijkmatch.test', BENCH_PASSWORD);
  const server = createServer(services, { logger: createLogger('silent'), allowedOrigins: [], sessionHours: 12 });
  const port = await server.listen(0, '127.0.0.1');
  return {
    db,
    services,
    token,
    server,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      db.$client.close();
    },
  };
}
