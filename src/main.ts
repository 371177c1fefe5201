import { pdokGeocoder } from './addresses/pdok.geocoder.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { startJobs } from './jobs/jobs.js';
import { createLogger } from './logger.js';
import { logTransport, smtpTransport } from './messages/transport.js';
import { createServer } from './server.js';
import { createServices } from './services.js';

/** Composition root: config → database → services → app; and a clean stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const db = openDatabase(config.dbPath);
  const transport = config.smtp ? smtpTransport(config.smtp.url, config.smtp.from) : logTransport(log);
  const geocoder = config.geocoder ? pdokGeocoder(config.geocoder) : null;
  const services = createServices(db, config, Date.now, { log, transport, geocoder, tiles: config.tiles });
  const admin = await services.auth.bootstrapAdmin(config.admin);
  if (admin) log.info({ userId: admin.id }, 'bootstrap admin created');

  const jobs = startJobs(services, log);
  const server = createServer(services, {
    logger: log,
    allowedOrigins: config.allowedOrigins,
    sessionHours: config.sessionHours,
    trustProxy: config.trustProxy,
    secureCookies: config.publicUrl.startsWith('https:'),
  });
  const port = await server.listen(config.port, config.host);
  log.info({ port, db: config.dbPath, autoPropose: config.autoPropose }, 'wijkmatch listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    jobs.stop();
    void server.close().then(async () => {
      await services.rounds.close();
      db.$client.close();
      log.info('database closed; bye');
      process.exit(0);
    });
    server.http.closeIdleConnections();
    setTimeout(() => {
      log.warn('in-flight requests did not finish in 10 s; closing anyway');
      server.http.closeAllConnections();
    }, 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
