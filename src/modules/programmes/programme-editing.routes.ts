/** API for the secretariat to edit programmes (filled in by the editing work). */
import { createApiRouter } from '../../http/api.ts';

export const programmeEditingApi = createApiRouter();
