/** Who may edit programmes (create them, change items, import plans, add editions): the secretariat, and nobody else. */
import { isSecretariat } from './authz.ts';

export const canEditProgrammes = isSecretariat;
