import { describe, expect, it } from 'vitest';
import { withFootnotes } from './rich-text-notes.ts';

describe('withFootnotes', () => {
  it('leaves a text without notes as it is', () => {
    expect(withFootnotes('<p>Sin notas [1] ^ [x]</p>')).toBe('<p>Sin notas [1] ^ [x]</p>');
  });

  it('numbers the markers, lists the notes under the text, each leading to the other', () => {
    const html = withFootnotes('<p>La salud ^[Constitución de la OMS &amp; PIDESC.] es un derecho^[Id.].</p>');
    const id = /id="fnref-([a-z0-9]+)-1"/.exec(html)?.[1];
    expect(id).toBeDefined();
    expect(html).toBe(
      `<p>La salud<sup class="footnote-ref"><a href="#fn-${id}-1" id="fnref-${id}-1">1</a></sup> es un derecho` +
        `<sup class="footnote-ref"><a href="#fn-${id}-2" id="fnref-${id}-2">2</a></sup>.</p>` +
        `<ol class="footnotes"><li id="fn-${id}-1">Constitución de la OMS &amp; PIDESC. <a href="#fnref-${id}-1">↩</a></li>` +
        `<li id="fn-${id}-2">Id. <a href="#fnref-${id}-2">↩</a></li></ol>`,
    );
  });

  it('gives two texts on a page their own names, so their markers lead to their own notes', () => {
    const a = withFootnotes('<p>Uno^[a]</p>');
    const b = withFootnotes('<p>Dos^[b]</p>');
    const name = (html: string) => /id="fnref-([a-z0-9]+)-1"/.exec(html)?.[1];
    expect(name(a)).not.toBe(name(b));
  });

  it('takes no tag into a note', () => {
    expect(withFootnotes('<p>a^[b <em>c</em>]</p>')).toBe('<p>a^[b <em>c</em>]</p>');
  });
});
