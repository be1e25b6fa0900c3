/**
 * Reads the rich text of reports (sanitized HTML: p, br, strong/b, em/i, u,
 * ul/ol/li, a, blockquote, h3, h4 — or plain text) into blocks of formatted
 * runs that the Word, Excel and CSV renderers print. Line breaks in the text
 * count as the web page shows them (`white-space: pre-line`): a blank line
 * starts a paragraph, a single one breaks the line. A footnote is written
 * where its marker goes, as `^[the note's text]` (Pandoc's inline notes).
 */

export type TextSpan = { text: string; bold: boolean; italic: boolean; underline: boolean; href: string | null };
/** A footnote, where its marker goes: its text, plain. */
export type Footnote = { footnote: string };
export type Inline = TextSpan | { lineBreak: true } | Footnote;

export type RichBlock = {
  /** 3 or 4 for a heading inside the text, otherwise null. */
  heading: 3 | 4 | null;
  /** The list the block is an item of: `listId` tells lists apart, `continuation` a further paragraph of an item. */
  list: { ordered: boolean; level: number; listId: number; continuation: boolean } | null;
  quote: number;
  inlines: Inline[];
};

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  deg: '°',
  ordm: 'º',
  ordf: 'ª',
  iexcl: '¡',
  iquest: '¿',
  euro: '€',
};

// Characters XML 1.0 can't hold: a document with one of them doesn't open.
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(XML_INVALID, '');
}

function codePointText(code: number, original: string): string {
  if (!Number.isFinite(code) || code > 0x10ffff) return original;
  return stripInvalidXmlChars(String.fromCodePoint(code));
}

/** Decodes named (&amp; &lt; &gt; &quot; &#39; &nbsp; …) and numeric (&#233; &#xE9;) character references. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g,
    (match, dec, hex, name) => {
      if (dec !== undefined) return codePointText(Number.parseInt(dec, 10), match);
      if (hex !== undefined) return codePointText(Number.parseInt(hex, 16), match);
      return NAMED_ENTITIES[name as string] ?? NAMED_ENTITIES[(name as string).toLowerCase()] ?? match;
    },
  );
}

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'open'; tag: string; attrs: string }
  | { kind: 'close'; tag: string };

const TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;

function tokenize(html: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    const index = match.index;
    if (index > last) tokens.push({ kind: 'text', text: html.slice(last, index) });
    last = index + match[0].length;
    const name = match[2];
    if (name === undefined) continue; // a comment
    const tag = name.toLowerCase();
    if (match[1]) tokens.push({ kind: 'close', tag });
    else tokens.push({ kind: 'open', tag, attrs: match[3] ?? '' });
  }
  if (last < html.length) tokens.push({ kind: 'text', text: html.slice(last) });
  return tokens;
}

function attribute(attrs: string, name: string): string | null {
  const re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`, 'i');
  const match = re.exec(attrs);
  if (!match) return null;
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim();
}

/** An inline note, `^[text]`: brackets inside it in pairs, one level deep; no tag in it. */
export const FOOTNOTE = /\^\[([^[\]<>]*(?:\[[^[\]<>]*\][^[\]<>]*)*)\]/g;

/** A bullet typed at the start of a line of plain text: a dash, a bullet or a middle dot, and a space. */
const TYPED_BULLET = /^ ?[-–•·*] +(?=\S)/;

const BLOCK_TAGS = new Set(['p', 'div', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
// Only links a reader can follow from a document.
const SAFE_HREF = /^(?:https?:|mailto:)/i;

class BlockReader {
  readonly blocks: RichBlock[] = [];
  private inlines: Inline[] = [];
  private bold = 0;
  private italic = 0;
  private underline = 0;
  private links: (string | null)[] = [];
  private lists: { ordered: boolean; listId: number; itemStarted: boolean }[] = [];
  private nextListId = 0;
  /** A list typed in plain text ("- " or "• " at the start of lines): its id, and whether the block being read is one of its items. */
  private typed: { listId: number; item: boolean } | null = null;
  private quote = 0;
  private heading: 3 | 4 | null = null;

  open(tag: string, attrs: string): void {
    if (BLOCK_TAGS.has(tag)) this.flush();
    switch (tag) {
      case 'br':
        this.inlines.push({ lineBreak: true });
        break;
      case 'strong':
      case 'b':
        this.bold += 1;
        break;
      case 'em':
      case 'i':
        this.italic += 1;
        break;
      case 'u':
        this.underline += 1;
        break;
      case 'a': {
        const href = attribute(attrs, 'href');
        this.links.push(href && SAFE_HREF.test(href) ? href : null);
        break;
      }
      case 'ul':
      case 'ol':
        this.lists.push({ ordered: tag === 'ol', listId: this.nextListId++, itemStarted: false });
        break;
      case 'li': {
        const list = this.lists.at(-1);
        if (list) list.itemStarted = false;
        break;
      }
      case 'blockquote':
        this.quote += 1;
        break;
      case 'h1':
      case 'h2':
      case 'h3':
        this.heading = 3;
        break;
      case 'h4':
      case 'h5':
      case 'h6':
        this.heading = 4;
        break;
    }
  }

  close(tag: string): void {
    if (BLOCK_TAGS.has(tag)) this.flush();
    switch (tag) {
      case 'strong':
      case 'b':
        this.bold = Math.max(0, this.bold - 1);
        break;
      case 'em':
      case 'i':
        this.italic = Math.max(0, this.italic - 1);
        break;
      case 'u':
        this.underline = Math.max(0, this.underline - 1);
        break;
      case 'a':
        this.links.pop();
        break;
      case 'ul':
      case 'ol':
        this.lists.pop();
        break;
      case 'blockquote':
        this.quote = Math.max(0, this.quote - 1);
        break;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        this.heading = null;
        break;
    }
  }

  text(raw: string): void {
    const text = stripInvalidXmlChars(decodeEntities(raw))
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t\f\v]+/g, ' ');
    const paragraphs = text.split(/ ?\n ?(?:\n ?)+/);
    paragraphs.forEach((paragraph, p) => {
      if (p > 0) this.flush();
      paragraph.split(/ ?\n ?/).forEach((line, l) => {
        const atLineStart = l > 0 || p > 0 || this.inlines.every((inline) => 'lineBreak' in inline);
        const bullet = atLineStart && this.lists.length === 0 ? TYPED_BULLET.exec(line) : null;
        if (bullet) {
          this.flush();
          this.typed = { listId: this.typed?.listId ?? this.nextListId++, item: true };
          this.spans(line.slice(bullet[0].length));
          return;
        }
        if (atLineStart && this.typed && line.trim()) {
          // A line that is not an item ends the typed list: it starts a paragraph of its own.
          this.flush();
          this.typed = null;
        } else if (l > 0) this.inlines.push({ lineBreak: true });
        if (line) this.spans(line);
      });
    });
  }

  /** The text of a line, its footnotes apart. */
  private spans(line: string): void {
    let from = 0;
    for (const match of line.matchAll(FOOTNOTE)) {
      const note = (match[1] ?? '').trim();
      if (!note) continue;
      if (match.index > from) this.span(line.slice(from, match.index).trimEnd());
      this.inlines.push({ footnote: note });
      from = match.index + match[0].length;
    }
    if (from < line.length) this.span(line.slice(from));
  }

  private span(text: string): void {
    const href = this.links.at(-1) ?? null;
    const previous = this.inlines.at(-1);
    let value = text;
    if (previous && 'text' in previous && previous.text.endsWith(' ') && value.startsWith(' ')) value = value.slice(1);
    if (!value) return;
    const format = { bold: this.bold > 0, italic: this.italic > 0, underline: this.underline > 0, href };
    if (
      previous &&
      'text' in previous &&
      previous.bold === format.bold &&
      previous.italic === format.italic &&
      previous.underline === format.underline &&
      previous.href === format.href
    ) {
      previous.text += value;
      return;
    }
    this.inlines.push({ text: value, ...format });
  }

  flush(): void {
    const inlines = trimInlines(this.inlines);
    this.inlines = [];
    if (inlines.length === 0) return;
    const list = this.lists.at(-1);
    const typed = this.typed?.item ? this.typed : null;
    if (this.typed) this.typed.item = false;
    this.blocks.push({
      heading: this.heading,
      list: list
        ? { ordered: list.ordered, level: this.lists.length - 1, listId: list.listId, continuation: list.itemStarted }
        : typed
          ? { ordered: false, level: 0, listId: typed.listId, continuation: false }
          : null,
      quote: this.quote,
      inlines,
    });
    if (list) list.itemStarted = true;
  }
}

/** Drops line breaks and spaces at both ends; nothing is left of a block with no text. */
function trimInlines(inlines: Inline[]): Inline[] {
  let start = 0;
  let end = inlines.length;
  const blank = (inline: Inline | undefined) =>
    inline !== undefined && ('lineBreak' in inline || ('text' in inline && !inline.text.trim()));
  while (start < end && blank(inlines[start])) start += 1;
  while (end > start && blank(inlines[end - 1])) end -= 1;
  if (start === end) return [];
  const kept = inlines.slice(start, end);
  // Spaces next to a line break are not shown (pre-line).
  for (let i = 0; i < kept.length; i += 1) {
    const inline = kept[i] as Inline;
    if (!('lineBreak' in inline)) continue;
    const before = kept[i - 1];
    const after = kept[i + 1];
    if (before && 'text' in before) kept[i - 1] = { ...before, text: before.text.trimEnd() };
    if (after && 'text' in after) kept[i + 1] = { ...after, text: after.text.trimStart() };
  }
  const first = kept[0] as Inline;
  if ('text' in first) kept[0] = { ...first, text: first.text.trimStart() };
  const last = kept[kept.length - 1] as Inline;
  if ('text' in last) kept[kept.length - 1] = { ...last, text: last.text.trimEnd() };
  return kept;
}

/** The blocks of a rich text; an empty array when it says nothing. */
export function parseRichText(html: string | null | undefined): RichBlock[] {
  if (!html) return [];
  const reader = new BlockReader();
  for (const token of tokenize(html)) {
    if (token.kind === 'text') reader.text(token.text);
    else if (token.kind === 'open') reader.open(token.tag, token.attrs);
    else reader.close(token.tag);
  }
  reader.flush();
  return reader.blocks;
}
