/** Administration API of the secretariat (filled in by the admin work). */
import { createApiRouter } from '../../http/api.ts';

export const adminApi = createApiRouter();
