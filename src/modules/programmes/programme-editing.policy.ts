/** Who may edit programmes: the secretariat, and nobody else. */
import { isSecretariat } from '../../domain/authz.ts';

export const canEditProgrammes = isSecretariat;
