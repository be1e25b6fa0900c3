#!/usr/bin/env node
// Runs Enlace compiled ahead of time (bin/build.js; built again when a source changed).
// Where it cannot be built (esbuild missing, a read-only folder) it runs the TypeScript through tsx's loader.
import { compiledEntry } from './build.js';

let entry;
try {
  entry = await compiledEntry();
} catch (err) {
  if (process.env.CI === 'true') throw err;
  console.error(`enlace: running from the sources (not compiled: ${err instanceof Error ? err.message : err})`);
}
if (entry) {
  process.setSourceMapsEnabled(true);
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
