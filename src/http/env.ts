/** What every request handler can reach: the database, the logger, the user and their language. */
import type { Logger } from 'pino';
import type { Db } from '../db/connect.ts';
import type { AuthenticatedPrincipal } from '../modules/accounts/account.service.ts';
import type { Locale, Translator } from '../web/i18n/i18n.ts';
import type { PageCache } from './page-cache.ts';

export type AppDeps = {
  db: Db;
  log: Logger;
  /** The address users reach Enlace at (`ENLACE_PUBLIC_URL`), for links in e-mails and feeds. */
  publicUrl?: string | undefined;
  /**
   * The address this server was started on, set once it listens: links use it
   * when no public address is configured. Never the request's `Host`, which
   * whoever sends the request chooses.
   */
  listenUrl?: string | undefined;
  /** The cache of anonymous answers; without it every request is rendered. */
  pageCache?: PageCache | undefined;
  /** What the evidence files of one report may take in all (`ENLACE_UPLOAD_QUOTA_MB`); 100 MB when not given. */
  uploadQuotaBytes?: number | undefined;
};

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    locale: Locale;
    i18n: Translator;
    principal: AuthenticatedPrincipal | null;
  };
};
