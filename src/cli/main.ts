/** The `enlace` command line: serve | migrate | seed. */
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { loadBundledData } from '../modules/bundled-data/bundled-data.service.ts';
import { BUNDLED_DATA_DIR, createLogger, prepareDatabase, startServer } from '../server.ts';
import { runUserCommand, USER_USAGE } from './user-commands.ts';

const USAGE = `Usage: enlace <command>

Commands:
  serve     migrate, load the bundled data if needed, and serve HTTP on $PORT (default 3000)
  migrate   apply pending database migrations
  seed      migrate, then load bundled data sets not loaded yet
  user      add | grant | reset-password (see 'enlace user --help')

Environment: see the README's configuration table.`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  const config = readConfig();
  const log = createLogger(config);
  switch (command) {
    case 'serve': {
      const running = await startServer(config, log);
      const shutdown = (signal: string) => {
        log.info({ signal }, 'shutting down');
        running.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            log.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      return -1;
    }
    case 'migrate':
    case 'seed': {
      const database = await openDatabase(config.database);
      try {
        await database.exclusive('enlace.startup', async (db) => {
          await migrateDatabase(database.kind, db);
          log.info({ database: database.kind }, 'migrations applied');
          if (command === 'seed') {
            const report = await loadBundledData(db, BUNDLED_DATA_DIR, log);
            log.info(report, 'bundled data');
          }
        });
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'user': {
      if (argv[1] === undefined || argv[1] === '--help') {
        console.log(USER_USAGE);
        return argv[1] === undefined ? 1 : 0;
      }
      const database = await openDatabase(config.database);
      try {
        await prepareDatabase(database, log);
        return await runUserCommand(database.db, argv.slice(1), (line) => console.log(line));
      } finally {
        await database.close();
      }
    }
    default:
      console.error(`Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
