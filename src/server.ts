/** Starting Enlace: open the database, migrate, load bundled data once, serve HTTP. */
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { createApp } from './app.tsx';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/connect.ts';
import { migrateDatabase } from './db/migrate.ts';
import { loadBundledData } from './modules/bundled-data/bundled-data.service.ts';

export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { app: 'enlace' } });
}

/** Migrates and loads bundled data, alone among instances sharing the database. */
export async function prepareDatabase(database: Database, log: Logger, dataDir = BUNDLED_DATA_DIR) {
  return database.exclusive('enlace.startup', async (db) => {
    await migrateDatabase(database.kind, db);
    return loadBundledData(db, dataDir, log);
  });
}

export type RunningServer = { url: string; server: ServerType; database: Database; stop(): Promise<void> };

export async function startServer(config: Config, log: Logger = createLogger(config)): Promise<RunningServer> {
  const database = await openDatabase(config.database, {
    onConnectionError: (err) => log.warn({ err }, 'database connection lost'),
  });
  const report = await prepareDatabase(database, log);
  log.info({ database: database.kind, ...report }, 'database ready');
  const app = createApp({ db: database.db, log });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  log.info({ url }, 'Enlace is serving');
  return {
    url,
    server,
    database,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
