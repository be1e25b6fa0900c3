import { defineConfig } from 'vitest/config';

const isCI = process.env.CI === 'true';

export default defineConfig({
  test: {
    allowOnly: !isCI,
    retry: 0,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit+integration',
          globalSetup: ['./test/support/global-setup.ts'],
          setupFiles: ['./test/support/openapi-conformance.setup.ts'],
          include: ['src/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
          // Bounds, not expectations: the matrix walks every route for every role, and CI machines are shared.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          setupFiles: ['./test/support/openapi-conformance.setup.ts'],
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
