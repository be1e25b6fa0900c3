/**
 * Every application a test makes, in-process or behind a real server, checks
 * each API answer against the OpenAPI document (openapi-conformance.ts).
 */
import { vi } from 'vitest';
import { checkedAgainstDocument } from './openapi-conformance.ts';

vi.mock('../../src/app.tsx', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/app.tsx')>();
  return {
    ...original,
    createApp: (...args: Parameters<typeof original.createApp>) => checkedAgainstDocument(original.createApp(...args)),
  };
});
