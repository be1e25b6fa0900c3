/**
 * How the property tests (fast-check) draw their cases. `npm test` runs each
 * from a fixed seed, printed, so that CI sends the same cases on every machine
 * and every run. `npm run test:fuzz` (ENLACE_FUZZ=1) draws a fresh seed and
 * tries FUZZ_RUNS times as many cases (10 by default), to find what the fixed
 * seeds miss; `ENLACE_FUZZ_SEED=<n>` replays a printed seed (with the same
 * FUZZ_RUNS). What a fuzz run finds becomes a fixed regression case of
 * `npm test` (test/integration/malformed-input.regressions.ts for the HTTP
 * properties, an example test beside the others for a pure function).
 * A file that uses this belongs in package.json's `test:fuzz`.
 */
import type { Parameters } from 'fast-check';

export const fuzzing = process.env.ENLACE_FUZZ === '1';

/** How many times more cases a fuzz run tries than `npm test`. */
export const fuzzScale = fuzzing ? wholeNumber('FUZZ_RUNS', process.env.FUZZ_RUNS ?? '10') : 1;

function wholeNumber(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, not ${text}`);
  return n;
}

/**
 * The seed of a test file: `fixed` in `npm test`, a fresh one when fuzzing,
 * or ENLACE_FUZZ_SEED's; printed either way, so that any run can be replayed.
 */
export function propertySeed(file: string, fixed: number): number {
  const given = process.env.ENLACE_FUZZ_SEED;
  const seed =
    given !== undefined
      ? wholeNumber('ENLACE_FUZZ_SEED', given)
      : fuzzing
        ? Math.floor(Math.random() * 2 ** 31)
        : fixed;
  const how = fuzzing ? `fuzzing, ${fuzzScale}× the runs` : given !== undefined ? 'from ENLACE_FUZZ_SEED' : 'fixed';
  console.info(`fast-check seed for ${file}: ${seed} (${how})`);
  return seed;
}

/**
 * The parameters of one property of a file: a seed of its own, derived from
 * the file's and the property's name (so that properties do not all draw the
 * same values), and its number of runs, scaled when fuzzing.
 */
export function runsOf<T>(fileSeed: number, property: string, numRuns: number): Parameters<T> {
  let hash = 0x811c9dc5;
  for (const ch of property) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  return { seed: (fileSeed ^ hash) | 0, numRuns: numRuns * fuzzScale };
}
