/**
 * Mutation testing of Enlace's rules (`npm run test:mutation`): the pure
 * domain, the policies among them (`src/domain/*.policy.ts`). Each mutant is run against the unit
 * tests of vitest.mutation.config.ts; the survivors that cannot be killed are
 * listed, with why, in stryker.equivalent-mutants.md.
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: [
    'src/domain/**/*.ts',
    '!src/domain/**/*.test.ts',
    // Closed lists of words, not rules: the catalog test checks each has its messages.
    '!src/domain/vocabulary.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Stryker rewrites the sandbox's tsconfig with the TypeScript compiler API,
  // which TypeScript 7 (the native compiler) no longer has. Enlace's tsconfig
  // has no `extends` or `references` to rewrite, so point Stryker at no file.
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['data/pglite', 'data/files', 'var', 'reports', 'test-results', 'playwright-report', 'coverage'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: 80 },
};
