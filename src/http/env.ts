/** What every request handler can reach: the database, the logger and the user's language. */
import type { Logger } from 'pino';
import type { Db } from '../db/connect.ts';
import type { Locale, Translator } from '../web/i18n/i18n.ts';

export type AppDeps = { db: Db; log: Logger };

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    locale: Locale;
    i18n: Translator;
  };
};
