/** Starts the test run's PostgreSQL cluster once and hands its URL to every test file. */
import type { TestProject } from 'vitest/node';
import { type Cluster, findPostgresBin, startCluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

let cluster: Cluster | undefined;

export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL_TEST) {
    project.provide('postgresUrl', process.env.DATABASE_URL_TEST);
    return;
  }
  const bin = findPostgresBin();
  if (!bin) {
    if (process.env.CI === 'true') throw new Error('PostgreSQL (initdb, pg_ctl) not found: CI needs it');
    console.warn('PostgreSQL binaries not found: tests on PostgreSQL are skipped (set CI=true to fail instead)');
    project.provide('postgresUrl', null);
    return;
  }
  cluster = await startCluster(bin);
  project.provide('postgresUrl', cluster.url);
}

export function teardown() {
  cluster?.stop();
}
