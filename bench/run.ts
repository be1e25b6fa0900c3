/** `npm run bench`: runs every benchmark, prints a table, writes bench/results/latest.json. */

import { benchDocuments } from './documents.ts';
import { printTable, writeResults } from './results.ts';
import { benchStartup } from './startup.ts';

const only = process.argv[2];
const results = [
  ...(only === undefined || only === 'documents' ? await benchDocuments() : []),
  ...(only === undefined || only === 'startup' ? await benchStartup() : []),
];
printTable(results);
console.log(`written to ${writeResults(results)}`);
