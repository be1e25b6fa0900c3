import { describe, expect, it } from 'vitest';
import { richTextForEditing, sanitizeRichText } from './rich-text.ts';

describe('sanitizeRichText', () => {
  it('keeps what the editor writes: paragraphs, emphasis, headings, lists and links', () => {
    const html =
      '<h3>Logros</h3><p><b>Taller</b> <i>regional</i></p><ul><li>uno</li></ul><ol><li>dos</li></ol><p><a href="https://oas.org">OEA</a></p>';
    expect(sanitizeRichText(html)).toBe(
      '<h3>Logros</h3><p><b>Taller</b> <i>regional</i></p><ul><li>uno</li></ul><ol><li>dos</li></ol><p><a href="https://oas.org" rel="noopener noreferrer">OEA</a></p>',
    );
  });

  it('drops scripts, handlers, styles and unsafe links', () => {
    expect(
      sanitizeRichText('<p style="color:red" onclick="x()">a<script>x()</script><a href="javascript:x()">b</a></p>'),
    ).toBe('<p>a<a rel="noopener noreferrer">b</a></p>');
  });

  it('reads a field with no text, as an empty editor leaves it, as empty', () => {
    for (const blank of [
      '<p><br></p>',
      '<p>&nbsp;</p>',
      '<p> </p><ul><li><br /></li></ul>',
      '  ',
      '<p>\u00a0\u200b</p>',
      '<p><a href="https://oas.org" title="a > b"></a></p>',
    ])
      expect(sanitizeRichText(blank), blank).toBe('');
    expect(sanitizeRichText('<p><br></p><p>x</p>')).toBe('<p><br /></p><p>x</p>');
  });

  it('removes control characters other than tabs and line breaks', () => {
    expect(sanitizeRichText('a\u0000b\u0007c\td\ne\u007f')).toBe('abc\td\ne');
  });
});

describe('richTextForEditing', () => {
  it('gives back the characters the stored text escapes', () => {
    expect(richTextForEditing('<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;</p>')).toBe(`<p>a & b <c> "d" 'e'</p>`);
  });
});
