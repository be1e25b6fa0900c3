/** Administration pages of the secretariat (filled in by the admin work). */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';

export const adminPages = new Hono<AppEnv>();
