/**
 * The `enlace` command line: serve | migrate | seed | user | backup | restore | import.
 * Each command loads only what it uses (the web application is not needed to
 * back up a database).
 */
import { readConfig } from '../config.ts';
import { type Db, openDatabase } from '../db/connect.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { shutdownHandler } from './shutdown.ts';

const USAGE = `Usage: enlace <command>

Commands:
  serve     migrate, load the bundled data if needed, and serve HTTP on $PORT (default 3000)
  migrate   apply pending database migrations
  seed      migrate, then load bundled data sets not loaded yet
  user      add | grant | reset-password (see 'enlace user --help')
  backup    <file>: write the whole database to a file (see 'enlace backup --help')
  restore   <file> [--force]: replace the whole database with a backup's content
  import    <file> --programme <slug> [--map mapping.json]: a plan from Excel, CSV or Word (see 'enlace import --help')
  template  make the embedded database a first start copies (migrated, bundled data loaded); npm ci runs it

Environment: see the README's configuration table.`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0];
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  const config = readConfig();
  if (command === 'backup' || command === 'restore') {
    const { BACKUP_USAGE, runBackupCommand } = await import('./backup-commands.ts');
    if (argv.includes('--help') || argv.includes('-h')) {
      console.log(BACKUP_USAGE);
      return 0;
    }
    return runBackupCommand(command, argv.slice(1), config.database, (line) => console.log(line));
  }
  const { BUNDLED_DATA_DIR, createLogger, prepareDatabase, startServer } = await import('../server.ts');
  const log = createLogger(config);
  /** Runs a command on the database, migrated and with its bundled data, then closes it. */
  const onPreparedDatabase = async (run: (db: Db) => Promise<number>) => {
    const database = await openDatabase(config.database);
    try {
      await prepareDatabase(database, log);
      return await run(database.db);
    } finally {
      await database.close();
    }
  };
  switch (command) {
    case 'serve': {
      // Until a handler is installed, SIGTERM's default action kills the process outright: the handlers
      // go in before anything is logged, and a signal during start-up stops the server once it has started.
      let starting: ReturnType<typeof startServer> | undefined;
      const shutdown = shutdownHandler(async () => (await starting)?.stop(), log);
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
      starting = startServer(config, log);
      await starting;
      return -1;
    }
    case 'template': {
      const { makeTemplate, TEMPLATE_CACHE, templateKey } = await import('../db/pglite-template.ts');
      const { made, dir } = await makeTemplate(TEMPLATE_CACHE, templateKey(BUNDLED_DATA_DIR), async (folder) => {
        const database = await openDatabase({ kind: 'pglite', dir: folder });
        try {
          await prepareDatabase(database, log);
        } finally {
          await database.close();
        }
      });
      console.log(made ? `Database template made: ${dir}` : `Database template up to date: ${dir}`);
      return 0;
    }
    case 'migrate':
    case 'seed': {
      const database = await openDatabase(config.database);
      try {
        await database.exclusive('enlace.startup', async (db) => {
          await migrateDatabase(database.kind, db);
          log.info({ database: database.kind }, 'migrations applied');
          if (command === 'seed') {
            const { loadBundledData } = await import('../modules/bundled-data/bundled-data.service.ts');
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
      const { runUserCommand, USER_USAGE } = await import('./user-commands.ts');
      if (argv[1] === undefined || argv[1] === '--help') {
        console.log(USER_USAGE);
        return argv[1] === undefined ? 1 : 0;
      }
      return onPreparedDatabase((db) => runUserCommand(db, argv.slice(1), (line) => console.log(line)));
    }
    case 'import': {
      const { IMPORT_USAGE, runImportCommand } = await import('./import-command.ts');
      if (argv[1] === undefined || argv.includes('--help')) {
        console.log(IMPORT_USAGE);
        return argv[1] === undefined ? 1 : 0;
      }
      return onPreparedDatabase((db) => runImportCommand(db, argv.slice(1), (line) => console.log(line)));
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
