import { z } from 'zod';

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
  WIJKMATCH_ALLOWED_ORIGINS: z.string().optional(),
  WIJKMATCH_SMTP_URL: z.url().optional(),
  WIJKMATCH_MAIL_FROM: z.string().default('wijkmatch <noreply@wijkmatch.local>'),
  WIJKMATCH_BACKUP_DIR: z.string().min(1).default('db/backups'),
  WIJKMATCH_BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(14),
});

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  autoPropose: boolean;
  admin: { email: string; password: string } | null;
  publicUrl: string;
  sessionHours: number;
  /** Browser origins that may open the board socket and use the session cookie, besides the host's own. */
  allowedOrigins: string[];
  /** Messages go out by e-mail through this SMTP server; without it they go to the log. */
  smtp: { url: string; from: string } | null;
  backups: { dir: string; keep: number };
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
    allowedOrigins: e.WIJKMATCH_ALLOWED_ORIGINS
      ? e.WIJKMATCH_ALLOWED_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, ''))
      : [new URL(publicUrl).origin],
    smtp: e.WIJKMATCH_SMTP_URL ? { url: e.WIJKMATCH_SMTP_URL, from: e.WIJKMATCH_MAIL_FROM } : null,
    backups: { dir: e.WIJKMATCH_BACKUP_DIR, keep: e.WIJKMATCH_BACKUP_KEEP },
  };
}
