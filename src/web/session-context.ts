/** The signed-in user as pages see it (name, CSRF token, what to show in the menu). */
import { createContext } from 'hono/jsx';

export type PageUser = {
  name: string;
  csrfToken: string | null;
  isSecretariat: boolean;
  reports: boolean;
};

export const SessionContext = createContext<PageUser | null>(null);
