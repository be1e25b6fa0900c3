/**
 * The lexical layer of iCalendar (RFC 5545 §3.1–3.3): escaped TEXT, quoted
 * parameters, URIs and content lines folded at 75 octets without splitting a
 * UTF-8 character.
 */

const MAX_LINE_OCTETS = 75;

/** C0 controls and DEL; TEXT and parameter values may hold none of them but a tab. */
function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code < 0x20 && ch !== '\t') || code === 0x7f;
}

function withoutControls(value: string): string {
  return Array.from(value)
    .filter((ch) => !isControl(ch))
    .join('');
}

/** A TEXT value: backslash, semicolon, comma and line breaks escaped, other control characters dropped. */
export function escapeText(value: string): string {
  return value
    .split(/\r\n|\r|\n/)
    .map((line) => withoutControls(line).replace(/[\\;,]/g, (ch) => `\\${ch}`))
    .join('\\n');
}

/** A parameter value, quoted when it holds ; : or , — quotes and line breaks as RFC 6868 writes them (^' and ^n). */
export function paramValue(value: string): string {
  const encoded = withoutControls(
    value
      .replace(/\^/g, '^^')
      .replace(/"/g, "^'")
      .replace(/\r\n|\r|\n/g, '^n'),
  );
  return /[;:,]/.test(encoded) ? `"${encoded}"` : encoded;
}

/** A URI value is not escaped, so spaces and control characters are percent-encoded lest they break the line. */
export function uriValue(value: string): string {
  return Array.from(value)
    .map((ch) => (ch === ' ' || isControl(ch) ? encodeURIComponent(ch) : ch))
    .join('');
}

function utf8Length(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  return code < 0x10000 ? 3 : 4;
}

/** Folds a line so that no physical line exceeds 75 octets; a continuation starts with one space. */
export function foldLine(line: string): string {
  let folded = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch);
    if (octets + size > MAX_LINE_OCTETS) {
      folded += '\r\n ';
      octets = 1;
    }
    folded += ch;
    octets += size;
  }
  return folded;
}

/** One property as a folded content line; `value` and parameter values must already be in their iCalendar form. */
export function contentLine(name: string, value: string, params: Record<string, string> = {}): string {
  const paramText = Object.entries(params)
    .map(([key, text]) => `;${key}=${text}`)
    .join('');
  return foldLine(`${name}${paramText}:${value}`);
}
