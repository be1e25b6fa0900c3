/** `npm run bench`: runs every benchmark, prints a table, writes bench/results/latest.json. */
import { printTable, writeResults } from './results.ts';
import { benchStartup } from './startup.ts';

const results = [...(await benchStartup())];
printTable(results);
console.log(`written to ${writeResults(results)}`);
