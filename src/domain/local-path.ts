/**
 * Where to send someone back to after signing in or changing language: only a
 * plain path of this site. Browsers drop tabs and newlines from URLs and read
 * `\` as `/`, so `/\tevil.example` or `/\evil.example` would leave the site;
 * anything but printable ASCII without `\` is refused outright, and what is
 * left must resolve to this origin.
 */
const ORIGIN = 'http://enlace.invalid';
const PLAIN = /^\/[\x21-\x5b\x5d-\x7e]*$/;

export function localPathOr(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !PLAIN.test(value) || value.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
