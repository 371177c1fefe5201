import { createAddressesService } from './addresses/addresses.service.js';
import type { Geocoder } from './addresses/addresses.types.js';
import { createAuditService } from './audit/audit.service.js';
import { createAuthService } from './auth/auth.service.js';
import { DEFAULT_LOGIN_LIMITS } from './auth/login-limits.js';
import { createBackupsService } from './backups/backups.service.js';
import { createBoardService } from './board/board.service.js';
import { createCandidatesService } from './candidates/candidates.service.js';
import { createClosuresService } from './closures/closures.service.js';
import { type Config, OSM_TILES } from './config.js';
import type { Db } from './db/client.js';
import { type Clock, createUnitOfWork } from './db/unit-of-work.js';
import { EventBus } from './events/event-bus.js';
import { createHelpersService } from './helpers/helpers.service.js';
import { createFeedbackService } from './learning/feedback.service.js';
import { createExportsService } from './exports/exports.service.js';
import { createImportsService } from './imports/imports.service.js';
import { createLearningService } from './learning/learning.service.js';
import { createStatementService } from './learning/statement.service.js';
import { createWorkshopsService } from './learning/workshops.service.js';
import { createLogger, type Logger } from './logger.js';
import { createMeService } from './me/me.service.js';
import { createMessagesService } from './messages/messages.service.js';
import { logTransport, type Transport } from './messages/transport.js';
import { createProposalsService } from './proposals/proposals.service.js';
import { createRemindersService } from './reminders/reminders.service.js';
import { createReportsService } from './reports/reports.service.js';
import { createUnmetService } from './reports/unmet.service.js';
import { createRequestsService } from './requests/requests.service.js';
import { createResidentsService } from './residents/residents.service.js';
import { createSubjectService } from './residents/subject.service.js';
import { createRetentionService } from './retention/retention.service.js';
import { createRoundPlanner } from './rounds/round-planner.js';
import { createRoundsService } from './rounds/rounds.service.js';
import { createSeriesService } from './series/series.service.js';
import { createSettingsService } from './settings/settings.service.js';
import { createSkillsService } from './skills/skills.service.js';

export type ServiceConfig = Pick<Config, 'autoPropose' | 'sessionHours' | 'publicUrl'> &
  Partial<Pick<Config, 'backups' | 'sessionIdleMinutes' | 'login'>>;

/** What the services reach outside the database with. */
export interface ServiceIo {
  log?: Logger;
  /** Where messages go: the log unless SMTP is configured. */
  transport?: Transport;
  /** Where addresses are looked up; without one, only the imported postcode table places them. */
  geocoder?: Geocoder | null;
  /** The map tiles the pages show; OpenStreetMap's by default. */
  tiles?: Config['tiles'];
}

/** Wires every service over one database: what main.ts runs and what each test builds afresh. */
export function createServices(db: Db, config: ServiceConfig, clock: Clock = Date.now, io: ServiceIo = {}) {
  const log = io.log ?? createLogger('silent');
  const bus = new EventBus();
  const work = createUnitOfWork(db, bus, clock);
  const skills = createSkillsService(db);
  const settings = createSettingsService(db, skills);
  const candidates = createCandidatesService({ settings, skills });
  const unmet = createUnmetService({ work, candidates });
  const proposals = createProposalsService({
    db,
    work,
    clock,
    candidates,
    settings,
    autoPropose: config.autoPropose,
    unmet,
  });
  const requests = createRequestsService({ db, work, clock, skills, candidates, proposals, unmet });
  const series = createSeriesService({ db, work, clock, settings, skills, requests });
  const audit = createAuditService({ db, clock });
  const learning = createLearningService({ db, work, clock, skills });
  const addresses = createAddressesService({ db, clock, geocoder: io.geocoder ?? null, tiles: io.tiles ?? OSM_TILES });
  const helpers = createHelpersService({ db, work, skills, proposals, addresses, learning });
  const residents = createResidentsService({ db, work, addresses });
  return {
    db,
    bus,
    clock,
    skills,
    settings,
    candidates,
    proposals,
    auth: createAuthService({
      db,
      work,
      clock,
      bus,
      sessionHours: config.sessionHours,
      sessionIdleMinutes: config.sessionIdleMinutes ?? 120,
      loginLimits: config.login ?? DEFAULT_LOGIN_LIMITS,
      publicUrl: config.publicUrl,
    }),
    addresses,
    helpers,
    imports: createImportsService({ db, work, addresses, helpers, residents, skills }),
    learning,
    workshops: createWorkshopsService({ db, work }),
    feedback: createFeedbackService({ db, work }),
    statements: createStatementService({ db, work }),
    residents,
    audit,
    subject: createSubjectService({ db, work, audit, series }),
    requests,
    series,
    closures: createClosuresService({ db, work, series }),
    rounds: createRoundsService({ db, work, clock, candidates, proposals, planner: createRoundPlanner(), log }),
    me: createMeService({ db, clock, skills, audit }),
    board: createBoardService({ db, clock, settings }),
    reports: createReportsService({ db, clock, settings }),
    unmet,
    exports: createExportsService({ db, clock, settings }),
    backups: createBackupsService({ db, clock, log, ...(config.backups ?? { dir: 'db/backups', keep: 14 }) }),
    retention: createRetentionService({ work, settings }),
    reminders: createRemindersService({ db, clock, settings, skills }),
    messages: createMessagesService({ db, clock, log, transport: io.transport ?? logTransport(log) }),
  };
}

export type Services = ReturnType<typeof createServices>;
