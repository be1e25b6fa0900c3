/** Starting Enlace: open the database, migrate, load bundled data once, serve HTTP. */
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { createApp } from './app.tsx';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/connect.ts';
import { bumpContentVersion } from './db/content-version.ts';
import { migrateDatabase } from './db/migrate.ts';
import { startFromTemplate, TEMPLATE_CACHE } from './db/pglite-template.ts';
import { today } from './domain/zoned-time.ts';
import type { AppDeps } from './http/env.ts';
import { PageCache } from './http/page-cache.ts';
import { logSerializers } from './log-serializers.ts';
import { ensureFirstAdmin } from './modules/accounts/bootstrap.ts';
import { loadBundledData } from './modules/bundled-data/bundled-data.service.ts';
import { startJobRunner } from './modules/jobs/job.runner.ts';
import type { JobHandlers } from './modules/jobs/job.service.ts';
import { libraryHandlers } from './modules/library/document.service.ts';
import { digestHandlers, scheduleDigest } from './modules/mail/digest.ts';
import { createTransport, type MailTransport, mailHandlers } from './modules/mail/mailer.ts';
import { agreementHandlers } from './modules/meetings/agreement-notifications.ts';
import { reminderHandlers, scheduleReminderScan } from './modules/reporting/reminder.service.ts';
import { notificationHandlers } from './modules/reporting/report-notifications.ts';
import { reportDamagedData } from './modules/snapshots/damaged-data.ts';
import { type SnapshotRunner, startSnapshots } from './modules/snapshots/snapshot.runner.ts';

export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));

/** JSON lines for machines (files, pipes, journald); readable lines for a person at a terminal. */
export function logFormat(stdout: { isTTY?: boolean }): 'json' | 'pretty' {
  return stdout.isTTY ? 'pretty' : 'json';
}

export function createLogger(config: Pick<Config, 'logLevel'>, stdout: { isTTY?: boolean } = process.stdout): Logger {
  const options = { level: config.logLevel, base: { app: 'enlace' }, serializers: logSerializers };
  if (logFormat(stdout) === 'json') return pino(options);
  // Loaded for a terminal only (it is not needed for JSON lines). Synchronous, so that the last lines
  // are on the screen when the process exits.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  return pino(
    options,
    pretty({ sync: true, singleLine: true, ignore: 'pid,hostname,app', translateTime: 'SYS:HH:MM:ss' }),
  );
}

/** Migrates and loads bundled data, alone among instances sharing the database. */
export async function prepareDatabase(
  database: Database,
  log: Logger,
  options: { dataDir?: string; admin?: Config['admin'] } = {},
) {
  return database.exclusive('enlace.startup', async (db) => {
    await migrateDatabase(database.kind, db);
    const report = await loadBundledData(db, options.dataDir ?? BUNDLED_DATA_DIR, log);
    if (options.admin) await ensureFirstAdmin(db, options.admin, log);
    // Instances already serving drop what they cached: the bundled data may have changed.
    await bumpContentVersion(db);
    return report;
  });
}

/** What each kind of background job does: deliver mail, scan reminders, write the notifications of a change and the daily digests. */
export function backgroundHandlers(
  transport: MailTransport | null,
  config: Pick<Config, 'mail' | 'reminders'>,
  baseUrl: string,
): JobHandlers {
  const rule = { before: config.reminders.before, overdueEveryDays: config.reminders.overdueEveryDays };
  return {
    ...mailHandlers(transport, config.mail.from),
    ...reminderHandlers(rule, baseUrl),
    ...notificationHandlers(baseUrl),
    ...agreementHandlers(baseUrl),
    ...digestHandlers(),
    ...libraryHandlers(),
  };
}

export function startBackgroundJobs(database: Database, config: Config, log: Logger, baseUrl: string) {
  const transport = createTransport(config.mail, log);
  const runner = startJobRunner({
    db: database.db,
    handlers: backgroundHandlers(transport, config, baseUrl),
    log,
    workerId: `${os.hostname()}:${process.pid}`,
  });
  const schedule = () =>
    Promise.all([scheduleReminderScan(database.db, today()), scheduleDigest(database.db, today())]).catch(
      (err: unknown) => log.warn({ err }, 'could not schedule reminders and digests'),
    );
  void schedule();
  const timer = setInterval(schedule, 15 * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await runner.stop();
      transport?.close();
    },
  };
}

export type RunningServer = {
  url: string;
  server: ServerType;
  database: Database;
  /** Automatic snapshots (null when `ENLACE_SNAPSHOTS=off`). */
  snapshots: SnapshotRunner | null;
  stop(): Promise<void>;
};

/** Requests still running when the server stops get this long to finish before their connections are closed. */
const STOP_GRACE_MS = 5_000;

export async function startServer(config: Config, log: Logger = createLogger(config)): Promise<RunningServer> {
  if (config.database.kind === 'pglite' && startFromTemplate(config.database.dir, TEMPLATE_CACHE, BUNDLED_DATA_DIR))
    log.info({ dir: config.database.dir }, 'new database copied from the template made at install');
  const database = await openDatabase(config.database, {
    onConnectionError: (err) => log.warn({ err }, 'database connection lost'),
  }).catch(reportDamagedData(config, log));
  const report = await prepareDatabase(database, log, { admin: config.admin }).catch(async (err: unknown) => {
    // What the user needs is why preparing failed, not a failure to close what could not be prepared.
    await database.close().catch((closing: unknown) => log.warn({ err: closing }, 'could not close the database'));
    return reportDamagedData(config, log)(err);
  });
  log.info({ database: database.kind, ...report }, 'database ready');
  const pageCache = config.pageCacheMb > 0 ? new PageCache({ maxBytes: config.pageCacheMb * 1024 * 1024 }) : undefined;
  const deps: AppDeps = {
    db: database.db,
    log,
    publicUrl: config.publicUrl,
    pageCache,
    uploadQuotaBytes: config.uploadQuotaBytes,
  };
  const app = createApp(deps);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = ['0.0.0.0', '::'].includes(config.host)
    ? 'localhost'
    : config.host.includes(':')
      ? `[${config.host}]`
      : config.host;
  const url = `http://${shownHost}:${port}`;
  deps.listenUrl = url;
  if (!config.publicUrl)
    log.warn({ url }, 'ENLACE_PUBLIC_URL is not set: links in e-mails and feeds point to this address');
  const jobs = config.jobs ? startBackgroundJobs(database, config, log, config.publicUrl ?? url) : null;
  const snapshots = config.snapshots ? await startSnapshots({ database, log, ...config.snapshots }) : null;
  log.info({ url }, 'Enlace is serving');
  return {
    url,
    server,
    database,
    snapshots,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      const cut = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, STOP_GRACE_MS);
      await closed;
      clearTimeout(cut);
      await jobs?.stop();
      await snapshots?.stop();
      await database.close();
    },
  };
}
