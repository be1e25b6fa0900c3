/** A plan's file that cannot be taken in: a 400 that names the file field and says why. */
import { invalidInput } from '../../errors.ts';

export const fileProblem = (messageKey: string, params?: Record<string, string | number>) =>
  invalidInput([{ field: 'file', messageKey, ...(params ? { params } : {}) }]);
