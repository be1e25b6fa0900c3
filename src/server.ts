/** Starting Enlace: open the database, migrate, load bundled data once, serve HTTP. */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { createApp } from './app.tsx';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/connect.ts';
import { bumpContentVersion } from './db/content-version.ts';
import { migrateDatabase } from './db/migrate.ts';
import { PageCache } from './http/page-cache.ts';
import { ensureFirstAdmin } from './modules/accounts/bootstrap.ts';
import { today } from './modules/actors/actor.service.ts';
import { loadBundledData } from './modules/bundled-data/bundled-data.service.ts';
import { startJobRunner } from './modules/jobs/job.runner.ts';
import { createTransport, mailHandlers } from './modules/mail/mailer.ts';
import { reminderHandlers, scheduleReminderScan } from './modules/reporting/reminder.service.ts';

export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { app: 'enlace' } });
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

/** Background work of this instance: e-mail delivery and the daily reminder scan. */
export function startBackgroundJobs(database: Database, config: Config, log: Logger, baseUrl: string) {
  const transport = createTransport(config.mail, log);
  const rule = { before: config.reminders.before, overdueEveryDays: config.reminders.overdueEveryDays };
  const runner = startJobRunner({
    db: database.db,
    handlers: { ...mailHandlers(transport, config.mail.from), ...reminderHandlers(rule, baseUrl) },
    log,
    workerId: `${os.hostname()}:${process.pid}`,
  });
  const schedule = () =>
    scheduleReminderScan(database.db, today()).catch((err: unknown) =>
      log.warn({ err }, 'could not schedule reminders'),
    );
  void schedule();
  const timer = setInterval(schedule, 15 * 60_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await runner.stop();
      transport.close();
    },
  };
}

export type RunningServer = { url: string; server: ServerType; database: Database; stop(): Promise<void> };

export async function startServer(config: Config, log: Logger = createLogger(config)): Promise<RunningServer> {
  const database = await openDatabase(config.database, {
    onConnectionError: (err) => log.warn({ err }, 'database connection lost'),
  });
  const report = await prepareDatabase(database, log, { admin: config.admin });
  log.info({ database: database.kind, ...report }, 'database ready');
  const pageCache = config.pageCacheMb > 0 ? new PageCache({ maxBytes: config.pageCacheMb * 1024 * 1024 }) : undefined;
  const app = createApp({ db: database.db, log, publicUrl: config.publicUrl, pageCache });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  const jobs = config.jobs ? startBackgroundJobs(database, config, log, config.publicUrl ?? url) : null;
  log.info({ url }, 'Enlace is serving');
  return {
    url,
    server,
    database,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      await closed;
      await jobs?.stop();
      await database.close();
    },
  };
}
