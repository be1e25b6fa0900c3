/** Form routes for the secretariat to edit programmes (filled in by the editing work). */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';

export const programmeEditingPages = new Hono<AppEnv>();
