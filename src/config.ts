import { isIP } from 'node:net';
import { z } from 'zod';
import type { LoginLimits } from './auth/login-limits.js';

/** The public PDOK Locatieserver v3_1: the Dutch government's free geocoder. */
export const PDOK_LOCATIESERVER = 'https://api.pdok.nl/bzk/locatieserver/search/v3_1';

/** OpenStreetMap's standard tiles, with the attribution their use asks for. */
export const OSM_TILES = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-bijdragers',
};

/** The only reader of process.env: everything configurable, parsed and defaulted in one place. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  WIJKMATCH_DB: z.string().min(1).default('db/wijkmatch.sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WIJKMATCH_AUTO_PROPOSE: z.enum(['on', 'off']).default('on'),
  WIJKMATCH_ADMIN_EMAIL: z.email().optional(),
  WIJKMATCH_ADMIN_PASSWORD: z.string().min(8).optional(),
  WIJKMATCH_PUBLIC_URL: z.url().optional(),
  WIJKMATCH_SESSION_HOURS: z.coerce.number().positive().default(12),
  WIJKMATCH_SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  WIJKMATCH_LOGIN_LIMIT_ACCOUNT: z.coerce.number().int().positive().default(10),
  WIJKMATCH_LOGIN_LIMIT_ADDRESS: z.coerce.number().int().positive().default(50),
  WIJKMATCH_LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  WIJKMATCH_TRUST_PROXY: z
    .string()
    .default('off')
    .transform((value, ctx) => {
      const trust = parseTrustProxy(value);
      if (trust !== null) return trust;
      ctx.addIssue({
        code: 'custom',
        message: 'expected off, a hop count, or a comma-separated list of addresses, CIDR subnets or loopback',
      });
      return z.NEVER;
    }),
  WIJKMATCH_ALLOWED_ORIGINS: z.string().optional(),
  WIJKMATCH_SMTP_URL: z.url().optional(),
  WIJKMATCH_MAIL_FROM: z.string().default('wijkmatch <noreply@wijkmatch.local>'),
  WIJKMATCH_BACKUP_DIR: z.string().min(1).default('db/backups'),
  WIJKMATCH_BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(14),
  WIJKMATCH_GEOCODER_URL: z.union([z.literal('off'), z.url()]).default(PDOK_LOCATIESERVER),
  WIJKMATCH_GEOCODER_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2500),
  WIJKMATCH_TILE_URL: z
    .string()
    .regex(/^https?:\/\/.+\{z\}.*\{x\}.*\{y\}/, 'expected a tile URL with {z}, {x} and {y}')
    .default(OSM_TILES.url),
  WIJKMATCH_TILE_ATTRIBUTION: z.string().min(1).default(OSM_TILES.attribution),
});

/** Every variable read, so a test can hold the README's configuration table to it. */
export const ENVIRONMENT_VARIABLES = Object.keys(EnvSchema.shape) as ReadonlyArray<keyof typeof EnvSchema.shape>;

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  autoPropose: boolean;
  admin: { email: string; password: string } | null;
  publicUrl: string;
  /** A staff session lasts at most `sessionHours`, and ends after `sessionIdleMinutes` unused. */
  sessionHours: number;
  sessionIdleMinutes: number;
  login: LoginLimits;
  /**
   * Which proxies' `X-Forwarded-For` to believe for the client's address (Express's `trust proxy`):
   * `false` unless configured, or anyone could pick the address their failed logins count against.
   */
  trustProxy: boolean | number | string[];
  /** Browser origins that may open the board socket and use the session cookie, besides the host's own. */
  allowedOrigins: string[];
  /** Messages go out by e-mail through this SMTP server; without it they go to the log. */
  smtp: { url: string; from: string } | null;
  backups: { dir: string; keep: number };
  /** A PDOK Locatieserver–compatible geocoder; without it addresses are placed by the postcode table. */
  geocoder: { url: string; timeoutMs: number } | null;
  /** The map tiles the pages show under the points (the browser fetches them). */
  tiles: { url: string; attribution: string };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${fields}`);
  }
  const e = parsed.data;
  const publicUrl = (e.WIJKMATCH_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dbPath: e.WIJKMATCH_DB,
    logLevel: e.LOG_LEVEL,
    autoPropose: e.WIJKMATCH_AUTO_PROPOSE === 'on',
    admin:
      e.WIJKMATCH_ADMIN_EMAIL && e.WIJKMATCH_ADMIN_PASSWORD
        ? { email: e.WIJKMATCH_ADMIN_EMAIL, password: e.WIJKMATCH_ADMIN_PASSWORD }
        : null,
    publicUrl,
    sessionHours: e.WIJKMATCH_SESSION_HOURS,
    sessionIdleMinutes: e.WIJKMATCH_SESSION_IDLE_MINUTES,
    login: {
      perAccount: e.WIJKMATCH_LOGIN_LIMIT_ACCOUNT,
      perAddress: e.WIJKMATCH_LOGIN_LIMIT_ADDRESS,
      windowMinutes: e.WIJKMATCH_LOGIN_WINDOW_MINUTES,
    },
    trustProxy: e.WIJKMATCH_TRUST_PROXY,
    allowedOrigins: e.WIJKMATCH_ALLOWED_ORIGINS
      ? e.WIJKMATCH_ALLOWED_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, ''))
      : [new URL(publicUrl).origin],
    smtp: e.WIJKMATCH_SMTP_URL ? { url: e.WIJKMATCH_SMTP_URL, from: e.WIJKMATCH_MAIL_FROM } : null,
    backups: { dir: e.WIJKMATCH_BACKUP_DIR, keep: e.WIJKMATCH_BACKUP_KEEP },
    geocoder:
      e.WIJKMATCH_GEOCODER_URL === 'off'
        ? null
        : { url: e.WIJKMATCH_GEOCODER_URL.replace(/\/$/, ''), timeoutMs: e.WIJKMATCH_GEOCODER_TIMEOUT_MS },
    tiles: { url: e.WIJKMATCH_TILE_URL, attribution: e.WIJKMATCH_TILE_ATTRIBUTION },
  };
}

/** The names Express's `trust proxy` knows for groups of addresses. */
const PROXY_GROUPS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, or a subnet as address/prefix length (`10.0.0.0/8`, `fd00::/8`). */
function isProxyAddress(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * `off`, a number of proxy hops, or a comma-separated list of addresses/subnets (`loopback`,
 * `10.0.0.0/8`); null for anything else, which Express would only refuse once the app is built, with
 * a message that does not name the variable.
 */
function parseTrustProxy(value: string): Config['trustProxy'] | null {
  if (value === 'off') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((v) => v.trim());
  return entries.every((entry) => PROXY_GROUPS.has(entry) || isProxyAddress(entry)) ? entries : null;
}
