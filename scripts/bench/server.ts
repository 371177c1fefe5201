import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { createServices } from '../../src/services.js';

/** The real service on a fresh SQLite file, listening on a free loopback port, with a dispatcher token. */
export async function startBenchServer(dbPath: string, options: { autoPropose?: boolean } = {}) {
  const db = openDatabase(dbPath);
  const services = createServices(db, {
    autoPropose: options.autoPropose ?? false,
    sessionHours: 12,
    publicUrl: 'http://bench',
  });
  await services.auth.createUser(
    { email: 'bench@wijkmatch.test', password: 'benchmark password', name: 'b', role: 'dispatcher' },
    null,
  );
  const { token } = await services.auth.login('bench@wijkmatch.test', 'benchmark password');
  const app = createApp(services, { logger: createLogger('silent') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    db,
    services,
    token,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => (db.$client.close(), resolve()))),
  };
}
