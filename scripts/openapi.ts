/**
 * Prints the OpenAPI document exactly as `GET /api/v1/openapi.json` serves it, from the app built over
 * an empty in-memory database: what `npm run lint:openapi` hands to redocly.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { createServices } from '../src/services.js';

async function main(): Promise<void> {
  const db = openDatabase(':memory:');
  const services = createServices(db, { autoPropose: true, sessionHours: 12, publicUrl: 'http://localhost:3000' });
  const app = createApp(services, { logger: createLogger('silent'), allowedOrigins: [], sessionHours: 12 });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`);
    if (!res.ok) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
    process.stdout.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
  } finally {
    server.close();
    await services.rounds.close();
    db.$client.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
