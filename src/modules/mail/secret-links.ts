/**
 * One-time links (invitations, password resets) are secrets: once a message
 * carrying one has gone out, or the link is no longer usable, what is kept
 * and shown of the message has the secret masked.
 */
const SECRET_LINK = /(\/(?:invitations|reset-password)\/)([A-Za-z0-9_-]{20,100})/g;

export const MASK = '••••••••';

/** The one-time tokens a message's text carries. */
export function secretTokensIn(text: string): string[] {
  return [...text.matchAll(SECRET_LINK)].map((m) => m[2] as string);
}

/** The text with every one-time link's token replaced by a mask (the rest of the link kept, so it reads). */
export function maskSecretLinks(text: string): string {
  return text.replace(SECRET_LINK, (_, path: string) => `${path}${MASK}`);
}
