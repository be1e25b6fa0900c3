/** Every table of the database, by capability. */
export * from './accounts.ts';
export * from './imports.ts';
export * from './jobs.ts';
export * from './library.ts';
export * from './library-entries.ts';
export * from './meetings.ts';
export * from './registry.ts';
export * from './reporting.ts';
