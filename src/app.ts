import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { addressRoutes } from './addresses/addresses.routes.js';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { boardRoutes } from './board/board.routes.js';
import { closureRoutes } from './closures/closures.routes.js';
import { helperRoutes } from './helpers/helpers.routes.js';
import { feedbackRoutes } from './learning/feedback.routes.js';
import { exportRoutes } from './exports/exports.routes.js';
import { importRoutes } from './imports/imports.routes.js';
import { learningRoutes } from './learning/learning.routes.js';
import { statementRoutes } from './learning/statement.routes.js';
import { workshopRoutes } from './learning/workshops.routes.js';
import { Api } from './http/api.js';
import { errorHandler, notFoundHandler } from './http/errors.middleware.js';
import { openApiRoute } from './http/openapi.js';
import { z } from './http/zod.js';
import type { Db } from './db/client.js';
import { type Logger, requestLogger } from './logger.js';
import { meRoutes } from './me/me.routes.js';
import { proposalRoutes } from './proposals/proposals.routes.js';
import { reportRoutes } from './reports/reports.routes.js';
import { requestRoutes } from './requests/requests.routes.js';
import { residentRoutes } from './residents/residents.routes.js';
import { roundRoutes } from './rounds/rounds.routes.js';
import { seriesRoutes } from './series/series.routes.js';
import type { Services } from './services.js';
import { settingsRoutes } from './settings/settings.routes.js';
import { skillRoutes } from './skills/skills.routes.js';
import { webRoutes } from './web/web.routes.js';

const BODY_LIMIT = '100kb';

/** The CSP source of a tile URL: its scheme, host (a `{s}` subdomain as `*`) and port. */
function tileSource(url: string): string {
  const match = /^(https?:\/\/[^/]+)/.exec(url.replace('{s}', '*'));
  return match ? match[1]! : "'self'";
}

export interface AppOptions {
  logger: Logger;
  /** Browser origins allowed to use the session cookie besides the host's own (see http/session.ts). */
  allowedOrigins: readonly string[];
  /** How long a page session lasts. */
  sessionHours: number;
  /** Cookies marked Secure: when the service is reached over HTTPS. */
  secureCookies?: boolean;
  /** Express's `trust proxy`: whose `X-Forwarded-For` names the client (see config.ts). */
  trustProxy?: boolean | number | string[];
}

const Health = z.object({ status: z.literal('ok') }).openapi('Health');

/** `GET /healthz`, beside the API rather than under it: no token, no body parser. */
function healthRoute(root: Api, db: Db): void {
  root.route(
    {
      method: 'get',
      path: '/healthz',
      summary: 'The database is open and migrated',
      tag: 'meta',
      roles: 'public',
      operationId: 'getHealth',
      response: Health,
    },
    () => {
      // Migrations ran before the app was built; this proves the file still answers.
      db.$client.prepare('select 1').get();
      return { status: 'ok' };
    },
  );
}

export function createApp(services: Services, options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // An ETag is a hash of every reply body; API replies are no-store, so nothing would ever send it back.
  app.disable('etag');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: options.secureCookies ? [] : null,
          // The maps' tiles come from their own server (OpenStreetMap's unless configured).
          imgSrc: ["'self'", 'data:', tileSource(services.addresses.tiles.url)],
        },
      },
      // Helmet's no-referrer makes a browser send `Origin: null` with our own form posts, which the
      // forms' origin check must refuse; same-origin still tells no other site a page's address
      // (the personal link holds its token).
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use(requestLogger(options.logger));

  const registry = new OpenAPIRegistry();
  healthRoute(new Api(app, registry, services.auth, options.allowedOrigins, { base: '' }), services.db);

  const router = express.Router();
  const api = new Api(router, registry, services.auth, options.allowedOrigins, {
    base: '/api/v1',
    jsonLimit: BODY_LIMIT,
  });
  authRoutes(api, services.auth);
  skillRoutes(api, services.skills);
  helperRoutes(api, services.helpers);
  learningRoutes(api, services.learning);
  statementRoutes(api, services.statements);
  workshopRoutes(api, services.workshops);
  feedbackRoutes(api, services.feedback);
  residentRoutes(api, services.residents, services.subject, services.audit);
  addressRoutes(api, services.addresses);
  auditRoutes(api, services.audit);
  requestRoutes(api, services.requests, services.proposals, services.audit);
  proposalRoutes(api, services.proposals);
  roundRoutes(api, services.rounds);
  closureRoutes(api, services.closures);
  seriesRoutes(api, services.series, services.audit);
  settingsRoutes(api, services.settings);
  meRoutes(api, services.me);
  boardRoutes(api, services.board, services.audit);
  reportRoutes(api, services.reports);
  importRoutes(api, services.imports);
  exportRoutes(api, services.exports);
  openApiRoute(api, registry);

  // Nearly every reply names residents or helpers: no cache, in the browser or on the way, may keep one.
  app.use('/api/v1', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use('/api/v1', router);
  app.use(
    webRoutes({
      auth: services.auth,
      me: services.me,
      helpers: services.helpers,
      skills: services.skills,
      statements: services.statements,
      sessionHours: options.sessionHours,
      secureCookies: options.secureCookies ?? false,
      allowedOrigins: options.allowedOrigins,
    }),
  );
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
