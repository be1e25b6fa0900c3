/**
 * A bound on the uploads one user has in flight in this process: each holds
 * a file in memory until it is stored, so a user (or a stolen session) cannot
 * fill the server's memory by starting many at once. The next one is refused
 * with 429 before a byte of its file is read.
 */
import { AppError } from '../errors.ts';

export const UPLOADS_PER_USER = 2;

const inFlight = new Map<string, number>();

/** Runs `receive` holding one of the user's upload slots, released when it settles. */
export async function withUploadSlot<T>(userId: string, receive: () => Promise<T>): Promise<T> {
  const held = inFlight.get(userId) ?? 0;
  if (held >= UPLOADS_PER_USER)
    throw new AppError('too_many_uploads', 429, 'error.tooManyUploads', {
      params: { max: UPLOADS_PER_USER },
      fields: [{ field: 'file', messageKey: 'error.tooManyUploads', params: { max: UPLOADS_PER_USER } }],
    });
  inFlight.set(userId, held + 1);
  try {
    return await receive();
  } finally {
    const left = (inFlight.get(userId) ?? 1) - 1;
    if (left > 0) inFlight.set(userId, left);
    else inFlight.delete(userId);
  }
}
