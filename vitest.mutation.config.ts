/**
 * The unit tests Stryker runs against each mutant (stryker.config.json): the
 * pure rules and their tests beside them, no database, no browser.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/domain/**/*.test.ts', 'src/modules/**/*.test.ts'],
    retry: 0,
  },
});
