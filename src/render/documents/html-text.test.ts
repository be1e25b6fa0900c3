import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertySeed, runsOf } from '../../../test/support/property-runs.ts';
import { decodeEntities, htmlToText } from './html-text.ts';
import { parseRichText } from './rich-text-parse.ts';

const SEED = propertySeed('src/render/documents/html-text.test.ts', 771_093);

describe('decodeEntities', () => {
  it('decodes the named and numeric references sanitized text contains', () => {
    expect(decodeEntities('&amp; &lt; &gt; &quot; &#39; &#233; &#xE9; &#XE9; &nbsp;')).toBe('& < > " \' é é é \u00a0');
  });

  it('leaves unknown names and impossible numbers as they are, and drops characters XML cannot hold', () => {
    expect(decodeEntities('&bogus; &#99999999; a&b')).toBe('&bogus; &#99999999; a&b');
    expect(decodeEntities('x&#0;y&#x1F;z')).toBe('xyz');
  });

  it('decodes once: an escaped reference stays a reference', () => {
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
  });
});

describe('htmlToText', () => {
  it('says nothing for empty texts', () => {
    expect(htmlToText(null)).toBe('');
    expect(htmlToText('')).toBe('');
    expect(htmlToText('<p> </p>\n<p><br></p>')).toBe('');
  });

  it('keeps the words and drops the tags, paragraphs apart by a blank line', () => {
    expect(htmlToText('<p>Uno <strong>dos</strong> <em>tres</em> <u>cuatro</u></p>\n<p>Cinco &amp; seis</p>')).toBe(
      'Uno dos tres cuatro\n\nCinco & seis',
    );
  });

  it('writes list items on their own lines, numbered in an ordered list, indented when nested', () => {
    const html = '<p>Antes</p><ul><li>a</li><li>b<ul><li>b.1</li></ul></li></ul><ol><li>uno</li><li>dos</li></ol>';
    expect(htmlToText(html)).toBe('Antes\n\n• a\n• b\n  • b.1\n1. uno\n2. dos');
  });

  it('reads plain text as the web page shows it: a blank line starts a paragraph, a single one breaks the line', () => {
    expect(htmlToText('Primera línea\nsegunda línea\n\n\n  Otro párrafo  ')).toBe(
      'Primera línea\nsegunda línea\n\nOtro párrafo',
    );
  });

  it('reads bullets typed at the start of lines as a list, which a line of its own ends', () => {
    const typed =
      'Los objetivos:\n\n- prevenir riesgos;\n- mejorar la información; y\n\n• reducir inequidades.\nDesde 2000, dos foros.';
    const blocks = parseRichText(typed);
    expect(
      blocks.map((b) => b.list && { ordered: b.list.ordered, level: b.list.level, listId: b.list.listId }),
    ).toEqual([
      null,
      { ordered: false, level: 0, listId: 0 },
      { ordered: false, level: 0, listId: 0 },
      { ordered: false, level: 0, listId: 0 },
      null,
    ]);
    expect(htmlToText(typed)).toBe(
      'Los objetivos:\n\n• prevenir riesgos;\n• mejorar la información; y\n• reducir inequidades.\n\nDesde 2000, dos foros.',
    );
    expect(htmlToText('<p>· uno</p><p>· dos</p><p>Fin</p>')).toBe('• uno\n• dos\n\nFin');
    // Two lists apart, and dashes that are no bullet: inside a line, before a number, alone, or in an HTML list.
    const apart = parseRichText('- a\nTexto\n- b');
    expect(apart.map((b) => b.list?.listId ?? null)).toEqual([0, null, 1]);
    expect(htmlToText('Temperatura -5 grados - frío\n-5 grados\n-')).toBe('Temperatura -5 grados - frío\n-5 grados\n-');
    expect(htmlToText('<ul><li>- uno</li></ul>')).toBe('• - uno');
    expect(htmlToText('<p><strong>Nota</strong> - dos</p>')).toBe('Nota - dos');
  });

  it('reads ^[…] as a footnote where its marker goes, and writes the notes after the text', () => {
    const text =
      'La salud ^[Constitución de la OMS (1946).] es un derecho^[Id. Véase [MDRI].].\n\n- Un punto^[Nota tres.]';
    const blocks = parseRichText(text);
    expect(blocks[0]?.inlines).toEqual([
      { text: 'La salud', bold: false, italic: false, underline: false, href: null },
      { footnote: 'Constitución de la OMS (1946).' },
      { text: ' es un derecho', bold: false, italic: false, underline: false, href: null },
      { footnote: 'Id. Véase [MDRI].' },
      { text: '.', bold: false, italic: false, underline: false, href: null },
    ]);
    expect(htmlToText(text)).toBe(
      'La salud[1] es un derecho[2].\n\n• Un punto[3]\n\n[1] Constitución de la OMS (1946).\n[2] Id. Véase [MDRI].\n[3] Nota tres.',
    );
    // Not a note: an empty one, a caret alone, brackets without a caret.
    expect(htmlToText('a^[] b ^ [c] [d]')).toBe('a^[] b ^ [c] [d]');
  });

  it('turns <br> into a line break and collapses spaces', () => {
    expect(htmlToText('<p>uno<br>dos   tres\t cuatro</p>')).toBe('uno\ndos tres cuatro');
  });

  it('gives a link’s address after its text, unless the text shows it', () => {
    expect(htmlToText('<p>Ver <a href="https://www.oas.org/es/">el sitio</a>.</p>')).toBe(
      'Ver el sitio (https://www.oas.org/es/).',
    );
    expect(htmlToText('<p><a href="https://oas.org">https://oas.org</a></p>')).toBe('https://oas.org');
    expect(htmlToText('<p><a href="mailto:migra@oas.org">migra@oas.org</a></p>')).toBe('migra@oas.org');
  });

  it('ignores links a reader should not follow', () => {
    expect(htmlToText('<p><a href="javascript:alert(1)">clic</a></p>')).toBe('clic');
  });

  it('keeps headings and quotations as paragraphs', () => {
    expect(htmlToText('<h3>Título</h3><blockquote><p>Cita</p></blockquote><h4>Sub</h4>')).toBe('Título\n\nCita\n\nSub');
  });

  it('never leaves a tag of the rich-text vocabulary in the text', () => {
    const tags = ['p', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'blockquote', 'h3', 'h4'];
    const word = fc.stringMatching(/^[a-záéíóúñ &]{0,12}$/);
    const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        word,
        fc.constant('<br>'),
        fc
          .tuple(fc.constantFrom(...tags), fc.array(tie('node'), { maxLength: 4 }))
          .map(([tag, children]) => `<${tag}>${children.join('')}</${tag}>`),
        fc.tuple(word, word).map(([text, path]) => `<a href="https://oas.org/${path}">${text}</a>`),
      ),
    })).node;
    fc.assert(
      fc.property(node, (html) => {
        expect(htmlToText(html)).not.toMatch(/<\/?(?:p|strong|b|em|i|u|ul|ol|li|a|br|blockquote|h3|h4)\b/);
      }),
      runsOf(SEED, 'never leaves a tag', 100),
    );
  });
});
