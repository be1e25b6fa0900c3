import { Document, Packer } from 'docx';
import { describe, expect, it } from 'vitest';
import { docxParagraphs, docxParts } from '../../../test/support/documents/docx-inspect.ts';
import { createRichTextContext, RICH_TEXT_NUMBERING, richTextToParagraphs } from './rich-text-docx.ts';

async function render(...texts: string[]) {
  const context = createRichTextContext();
  const children = texts.flatMap((text) => richTextToParagraphs(text, context));
  const docx = await Packer.toBuffer(
    new Document({ numbering: { config: RICH_TEXT_NUMBERING }, sections: [{ children }] }),
  );
  const { part } = await docxParts(docx);
  const xml = part('word/document.xml');
  return {
    xml,
    paragraphs: docxParagraphs(xml),
    rels: part('word/_rels/document.xml.rels'),
    footnotes: docxParagraphs(part('word/footnotes.xml')),
  };
}

describe('richTextToParagraphs', () => {
  it('gives nothing for a text that says nothing', () => {
    expect(richTextToParagraphs('<p></p>  \n', createRichTextContext())).toEqual([]);
    expect(richTextToParagraphs(null, createRichTextContext())).toEqual([]);
  });

  it('writes bold, italic and underlined runs, entities decoded once', async () => {
    const { paragraphs } = await render('<p>a <strong>b</strong> <em>c</em> <u>d</u> &amp;lt; &quot;e&quot;</p>');
    expect(paragraphs).toHaveLength(1);
    const p = paragraphs[0];
    expect(p?.text).toBe('a b c d &lt; "e"');
    expect(p?.xml).toMatch(/<w:b\/>[\s\S]*?<w:t[^>]*>b<\/w:t>/);
    expect(p?.xml).toMatch(/<w:i\/>[\s\S]*?<w:t[^>]*>c<\/w:t>/);
    expect(p?.xml).toMatch(/<w:u w:val="single"\/>[\s\S]*?<w:t[^>]*>d<\/w:t>/);
  });

  it('makes links Word hyperlinks to their address', async () => {
    const { paragraphs, rels } = await render('<p>Ver <a href="https://www.oas.org/es/?a=1&amp;b=2">el sitio</a></p>');
    expect(paragraphs[0]?.xml).toMatch(/<w:hyperlink [^>]*r:id="[^"]+"[\s\S]*el sitio/);
    expect(rels).toContain('Target="https://www.oas.org/es/?a=1&amp;b=2"');
    expect(rels).toContain('TargetMode="External"');
  });

  it('makes ^[…] a real footnote: a reference where it was, its text among the document’s footnotes', async () => {
    const { paragraphs, footnotes } = await render(
      'La salud^[De acuerdo a la Constitución de la OMS.] es un derecho.\n\nOtro párrafo^[Id. Véase [MDRI], 2003.].',
    );
    expect(paragraphs.map((p) => p.text)).toEqual(['La salud es un derecho.', 'Otro párrafo.']);
    const references = paragraphs.map((p) =>
      [...p.xml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1]),
    );
    expect(references.flat()).toHaveLength(2);
    expect(new Set(references.flat()).size).toBe(2);
    expect(paragraphs[0]?.xml).toMatch(/salud<\/w:t>[\s\S]*<w:footnoteReference[\s\S]*es un derecho/);
    const texts = footnotes.map((f) => f.text.trim()).filter(Boolean);
    expect(texts).toEqual(['De acuerdo a la Constitución de la OMS.', 'Id. Véase [MDRI], 2003.']);
  });

  it('numbers each ordered list from its own start and bullets the others', async () => {
    const { paragraphs } = await render(
      '<ol><li>uno</li><li>dos</li></ol>',
      '<ol><li>otro</li></ol><ul><li>punto</li></ul>',
    );
    const [one, two, other, bullet] = paragraphs;
    expect(one?.numId).not.toBeNull();
    expect(two?.numId).toBe(one?.numId);
    expect(other?.numId).not.toBe(one?.numId);
    expect(bullet?.numId).not.toBeNull();
    expect(bullet?.numId).not.toBe(other?.numId);
  });

  it('indents nested list items one level down', async () => {
    const { paragraphs } = await render('<ul><li>a<ul><li>a.1</li></ul></li></ul>');
    expect(paragraphs.map((p) => [p.text, p.level])).toEqual([
      ['a', '0'],
      ['a.1', '1'],
    ]);
  });

  it('reads plain text as paragraphs apart by blank lines, with line breaks inside', async () => {
    const { paragraphs } = await render('Primera\nsegunda\n\nTercera');
    expect(paragraphs.map((p) => p.text)).toEqual(['Primerasegunda', 'Tercera']);
    expect(paragraphs[0]?.xml).toContain('<w:br/>');
  });

  it('leaves no tag of the source in the text', async () => {
    const { paragraphs } = await render(
      '<h3>Título</h3><blockquote><p>Cita <b>fuerte</b></p></blockquote><p>x<br/>y</p><h4>Sub</h4>',
    );
    expect(paragraphs.map((p) => p.text)).toEqual(['Título', 'Cita fuerte', 'xy', 'Sub']);
    expect(paragraphs.map((p) => p.text).join(' ')).not.toMatch(/<\/?[a-z]/);
  });
});
