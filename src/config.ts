/** Reads the process environment once into a typed configuration. */
import path from 'node:path';
import { z } from 'zod';

/** What the evidence files of one report may take in all, unless `ENLACE_UPLOAD_QUOTA_MB` says otherwise. */
export const DEFAULT_UPLOAD_QUOTA_MB = 100;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  ENLACE_DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ENLACE_PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(1).default('Enlace <no-reply@enlace.localhost>'),
  ENLACE_ADMIN_EMAIL: z.string().email().optional(),
  ENLACE_ADMIN_PASSWORD: z.string().min(12, 'ENLACE_ADMIN_PASSWORD needs at least 12 characters').optional(),
  ENLACE_REMINDER_DAYS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3})*$/, 'ENLACE_REMINDER_DAYS is a comma-separated list of days, e.g. 14,7,1')
    .default('14,7,1'),
  ENLACE_OVERDUE_EVERY_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  ENLACE_JOBS: z.enum(['on', 'off']).default('on'),
  ENLACE_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  ENLACE_UPLOAD_QUOTA_MB: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_UPLOAD_QUOTA_MB),
  ENLACE_SNAPSHOTS: z.enum(['hourly', 'off']).optional(),
});

const HOUR_MS = 60 * 60_000;

export type Config = {
  port: number;
  host: string;
  /** The data folder: the embedded database lives in `<dataDir>/pglite`. */
  dataDir: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  publicUrl: string | undefined;
  /** Without an SMTP server, mail is kept in the outbox and not delivered. */
  mail: { smtpUrl: string | undefined; from: string };
  /** The first secretariat account, created on first start when no user exists. */
  admin: { email: string | undefined; password: string | undefined };
  reminders: { before: number[]; overdueEveryDays: number };
  /** Whether this instance runs background jobs (reminders, e-mail). */
  jobs: boolean;
  /** Memory for the cache of anonymous answers (0 turns it off). */
  pageCacheMb: number;
  /** What the evidence files of one report may take in all, in bytes. */
  uploadQuotaBytes: number;
  /**
   * Automatic snapshots of the database while serving, into `<dataDir>/snapshots`
   * (hourly by default on the embedded database, which does not reach the disk itself).
   */
  snapshots: { dir: string; intervalMs: number } | null;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.ENLACE_DATA_DIR),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dir: path.join(path.resolve(e.ENLACE_DATA_DIR), 'pglite') },
    logLevel: e.LOG_LEVEL,
    publicUrl: e.ENLACE_PUBLIC_URL,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    admin: { email: e.ENLACE_ADMIN_EMAIL, password: e.ENLACE_ADMIN_PASSWORD },
    reminders: { before: e.ENLACE_REMINDER_DAYS.split(',').map(Number), overdueEveryDays: e.ENLACE_OVERDUE_EVERY_DAYS },
    jobs: e.ENLACE_JOBS === 'on',
    pageCacheMb: e.ENLACE_PAGE_CACHE_MB,
    uploadQuotaBytes: e.ENLACE_UPLOAD_QUOTA_MB * 1024 * 1024,
    snapshots:
      (e.ENLACE_SNAPSHOTS ?? (e.DATABASE_URL ? 'off' : 'hourly')) === 'hourly'
        ? { dir: path.join(path.resolve(e.ENLACE_DATA_DIR), 'snapshots'), intervalMs: HOUR_MS }
        : null,
  };
}
