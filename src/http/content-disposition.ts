/**
 * `Content-Disposition: attachment` for a name that may hold anything a user
 * typed (quotes, semicolons, emoji): an ASCII fallback and the exact name in
 * UTF-8 (RFC 6266, RFC 8187), so no name can break or end the header.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^A-Za-z0-9._-]+/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
