/** Page routes of reporting cycles and reports. */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';

export const reportingPages = new Hono<AppEnv>();
