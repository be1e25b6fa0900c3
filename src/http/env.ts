/** What every request handler can reach: the database, the logger, the user and their language. */
import type { Logger } from 'pino';
import type { Db } from '../db/connect.ts';
import type { AuthenticatedPrincipal } from '../modules/accounts/account.service.ts';
import type { Locale, Translator } from '../web/i18n/i18n.ts';
import type { PageCache } from './page-cache.ts';

export type AppDeps = {
  db: Db;
  log: Logger;
  /** The address users reach Enlace at, for links in e-mails; else taken from the request. */
  publicUrl?: string | undefined;
  /** The cache of anonymous answers; without it every request is rendered. */
  pageCache?: PageCache | undefined;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    locale: Locale;
    i18n: Translator;
    principal: AuthenticatedPrincipal | null;
  };
};
