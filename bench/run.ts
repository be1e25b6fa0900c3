/**
 * `npm run bench`: runs every benchmark, prints a table, writes
 * bench/results/latest.json. `npm run bench <name>` runs that one and merges
 * its figures into the file.
 */

import { benchDocuments } from './documents.ts';
import { benchHttp } from './http.ts';
import { benchPageWeight } from './page-weight.ts';
import { benchPlanImport } from './plan-import.ts';
import { type BenchResult, printTable, writeResults } from './results.ts';
import { benchSearch } from './search.ts';
import { benchStartup } from './startup.ts';
import { benchUploads } from './uploads.ts';
import { benchWrites } from './writes.ts';

const BENCHMARKS: Record<string, () => Promise<BenchResult[]>> = {
  documents: benchDocuments,
  startup: benchStartup,
  'page-weight': benchPageWeight,
  http: benchHttp,
  writes: benchWrites,
  uploads: benchUploads,
  'plan-import': benchPlanImport,
  search: benchSearch,
};

const only = process.argv[2];
if (only !== undefined && !(only in BENCHMARKS)) {
  console.error(`unknown benchmark "${only}"; one of: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const results: BenchResult[] = [];
const broken: string[] = [];
for (const [name, bench] of Object.entries(BENCHMARKS)) {
  if (only !== undefined && only !== name) continue;
  console.log(`— ${name}`);
  try {
    results.push(...(await bench()));
  } catch (err) {
    // The others still run; their figures are still written.
    console.error(`${name} failed:`, err);
    broken.push(name);
  }
}
printTable(results);
// A run of some benchmarks (or one that broke) keeps the other figures of the file.
console.log(`written to ${writeResults(results, only !== undefined || broken.length > 0)}`);
const over = results.filter((r) => r.pass === false);
if (over.length > 0) console.log(`over budget: ${over.map((r) => r.name).join(', ')}`);
if (broken.length > 0) {
  console.error(`did not run to the end: ${broken.join(', ')}`);
  process.exitCode = 1;
}
