/** The application in-process on a loaded database, for HTTP-level tests. */
import { createApp } from '../../src/app.tsx';
import type { Database } from '../../src/db/connect.ts';
import { silentLog } from './databases.ts';

export function appOn(database: Database) {
  const app = createApp({ db: database.db, log: silentLog });
  return {
    app,
    get: (path: string, headers: Record<string, string> = {}) => app.request(path, { headers }),
    json: async <T = unknown>(path: string, headers: Record<string, string> = {}) => {
      const res = await app.request(path, { headers });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as T };
    },
  };
}
