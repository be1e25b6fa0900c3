/** Helpers for server-rendered pages: validated params and the URL to come back to. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, unauthenticated } from '../errors.ts';
import type { AppEnv } from './env.ts';
import { fieldErrorsFromZod } from './problem.ts';

/** Parses a page's params or query; a malformed one is a 400 that names the field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError('invalid_input', 400, 'error.invalidInput', {
      fields: fieldErrorsFromZod(result.error, prefix),
    });
  }
  return result.data;
}

/** Path and query of the current request, for links that return here. */
export function currentUrl(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

/**
 * Anonymous visitors asking for something not public are sent to sign in,
 * whether or not it exists, so the answer tells nothing about it.
 */
export async function orSignIn<T>(c: Context<AppEnv>, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (c.var.principal === null && err instanceof AppError && err.code === 'not_found') throw unauthenticated();
    throw err;
  }
}
