/** The shape of a benchmark figure, and keeping the latest figure of each in bench/results/latest.json. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type BenchResult = {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  /** When the baseline is counted in something else than the value (e.g. documents). */
  baselineUnit?: string;
  /** The budget the figure is held to, e.g. `≤ 25 ms`, and whether it held. */
  budget?: string;
  pass?: boolean;
};

const FILE = path.resolve(import.meta.dirname, 'results', 'latest.json');

/**
 * Writes the run's figures. A run of some benchmarks only (`merge`) replaces
 * the figures of the same name and keeps the others, so the file always
 * holds the latest figure of every benchmark.
 */
export function writeResults(results: BenchResult[], merge = false): string {
  mkdirSync(path.dirname(FILE), { recursive: true });
  const before: BenchResult[] = merge && existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : [];
  const names = new Set(results.map((r) => r.name));
  const kept = before.filter((r) => !names.has(r.name));
  writeFileSync(FILE, `${JSON.stringify([...kept, ...results], null, 2)}\n`);
  return FILE;
}

const format = (x: number) => (Math.abs(x) >= 100 || Number.isInteger(x) ? x.toFixed(0) : x.toFixed(1));

export function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => ({
    name: r.name,
    value: `${format(r.value)} ${r.unit}`,
    baseline: `${format(r.baseline)} ${r.baselineUnit ?? r.unit}`,
    ratio: r.ratio.toFixed(2),
    budget: r.budget === undefined ? '' : `${r.budget} ${r.pass ? '✔' : '✘'}`,
  }));
  console.table(rows);
}
