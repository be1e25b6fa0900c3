/** The shape of a benchmark figure, and writing a run's figures to bench/results/latest.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type BenchResult = { name: string; value: number; unit: string; baseline: number; ratio: number };

export function writeResults(results: BenchResult[]): string {
  const dir = path.resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => ({
    name: r.name,
    value: `${r.value.toFixed(1)} ${r.unit}`,
    baseline: `${r.baseline.toFixed(1)} ${r.unit}`,
    ratio: r.ratio.toFixed(2),
  }));
  console.table(rows);
}
