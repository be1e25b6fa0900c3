/**
 * The unit tests Stryker runs against each mutant (stryker.config.json): the
 * pure rules and their tests beside them, no database, no browser.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/domain/**/*.test.ts', 'src/modules/**/*.test.ts'],
    // Reading real files (a 300 MB zip bomb among them) tests no rule Stryker mutates.
    exclude: ['src/modules/plan-import/plan-file.test.ts'],
    testTimeout: 60_000,
    retry: 0,
  },
});
