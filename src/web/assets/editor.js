// Enlace rich-text editor: a textarea marked data-rich becomes a Squire editor with a toolbar
// (bold, italic, headings, lists, links, undo). The textarea stays in the form, hidden, and holds
// the HTML the editor writes, so saving, autosave and the server's sanitizer work as without it.
// Loaded by app.js only on pages that have such a textarea; without JavaScript the textarea stays.
import Squire from './squire.mjs';

// What the server keeps (src/modules/reporting/rich-text.ts); anything else is unwrapped or dropped.
const KEPT = new Set(['P', 'BR', 'STRONG', 'B', 'EM', 'I', 'U', 'UL', 'OL', 'LI', 'A', 'BLOCKQUOTE', 'H3', 'H4']);
const DROPPED = new Set(['SCRIPT', 'STYLE', 'META', 'LINK', 'TITLE', 'HEAD', 'XML', 'TEMPLATE', 'IFRAME', 'OBJECT']);
const RENAMED = { H1: 'H3', H2: 'H3', H5: 'H4', H6: 'H4', TD: 'P', TH: 'P', CAPTION: 'P', DT: 'P', DD: 'P' };
const BLOCKS = new Set(['P', 'DIV', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE']);
const INLINE = new Set(['B', 'STRONG', 'I', 'EM', 'SPAN', 'FONT']);
const SAFE_LINK = /^(https?:|mailto:)/i;

const styleOf = (el) => (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');

// Word writes list items as paragraphs styled `mso-list:l0 level2 lfo1`, their bullet or number
// in a span styled `mso-list:Ignore`. Consecutive such paragraphs become real (nested) lists.
function wordLists(root) {
  for (const marker of root.querySelectorAll('[style*="mso-list:Ignore" i], [style*="mso-list: Ignore" i]')) {
    marker.dataset.marker = marker.textContent.trim();
  }
  const isItem = (node) => node?.nodeType === 1 && /mso-list:l\d/.test(styleOf(node));
  for (const first of [...root.querySelectorAll('p, h1, h2, h3, h4, h5, h6')].filter(isItem)) {
    // Items already moved into a list have lost their parent; a list starts at its first item.
    if (!first.parentNode || isItem(previousElement(first))) continue;
    const stack = [];
    let node = first;
    while (isItem(node)) {
      const next = nextElement(node);
      const level = Number(/level(\d+)/.exec(styleOf(node))?.[1] ?? 1);
      const marker = node.querySelector('[data-marker]');
      const ordered = /^[(]?([0-9]+|[a-z]|[ivxlc]+)[.)]/i.test(marker?.dataset.marker ?? '');
      marker?.remove();
      while (stack.length > level) stack.pop();
      while (stack.length < level) {
        const list = document.createElement(ordered ? 'ol' : 'ul');
        const parentItem = stack.at(-1)?.lastElementChild;
        if (parentItem) parentItem.append(list);
        else node.before(list);
        stack.push(list);
      }
      const li = document.createElement('li');
      li.append(...node.childNodes);
      stack.at(-1).append(li);
      node.remove();
      node = next;
    }
  }
}

function previousElement(node) {
  let n = node.previousSibling;
  while (n && n.nodeType !== 1 && !(n.nodeType === 3 && n.textContent.trim())) n = n.previousSibling;
  return n;
}
function nextElement(node) {
  let n = node.nextSibling;
  while (n && n.nodeType !== 1 && !(n.nodeType === 3 && n.textContent.trim())) n = n.nextSibling;
  return n;
}

// Inline styles that mean emphasis (Google Docs, Word) become the tags the server keeps.
function emphasis(el) {
  const style = styleOf(el);
  // Google Docs wraps a whole paste in <b style="font-weight:normal">.
  if (/font-weight:(normal|400)/.test(style)) return null;
  if (el.tagName === 'B' || el.tagName === 'STRONG' || /font-weight:(bold|[6-9]00)/.test(style)) return 'B';
  if (el.tagName === 'I' || el.tagName === 'EM' || /font-style:italic/.test(style)) return 'I';
  return null;
}

function clean(node) {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === 8 || (child.nodeType === 1 && (DROPPED.has(child.tagName) || child.tagName.includes(':')))) {
      // Comments, scripts, Word's <o:p> and friends.
      child.remove();
      continue;
    }
    if (child.nodeType !== 1) continue;
    clean(child);
    let tag = RENAMED[child.tagName] ?? child.tagName;
    if (tag === 'DIV') tag = [...child.children].some((c) => BLOCKS.has(c.tagName)) ? null : 'P';
    if (INLINE.has(tag)) tag = emphasis(child);
    if (tag === 'A' && !SAFE_LINK.test(child.getAttribute('href') ?? '')) tag = null;
    if (!tag || !KEPT.has(tag)) {
      child.replaceWith(...child.childNodes);
      continue;
    }
    const kept = document.createElement(tag);
    if (tag === 'A') kept.setAttribute('href', child.getAttribute('href'));
    kept.append(...child.childNodes);
    child.replaceWith(kept);
  }
}

/** Pasted or loaded HTML as inert nodes of this document, with only what the server keeps. */
function sanitize(html) {
  // A document of its own: nothing in it loads, runs or is styled.
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  wordLists(body);
  clean(body);
  const fragment = document.createDocumentFragment();
  fragment.append(...[...body.childNodes].map((node) => document.importNode(node, true)));
  return fragment;
}

const isEmpty = (root) => root.textContent.replace(/\u00a0|\u200b/g, '').trim() === '';

const COMMANDS = {
  bold: (e) => (e.hasFormat('B') ? e.removeBold() : e.bold()),
  italic: (e) => (e.hasFormat('I') ? e.removeItalic() : e.italic()),
  h3: (e) => heading(e, 'H3'),
  h4: (e) => heading(e, 'H4'),
  ul: (e) => (e.hasFormat('UL') ? e.removeList() : e.makeUnorderedList()),
  ol: (e) => (e.hasFormat('OL') ? e.removeList() : e.makeOrderedList()),
  link: (e, button) => {
    if (e.hasFormat('A')) return e.removeLink();
    const url = window.prompt(button.dataset.prompt, 'https://');
    if (url && SAFE_LINK.test(url.trim())) e.makeLink(url.trim());
  },
  undo: (e) => e.undo(),
  redo: (e) => e.redo(),
};
const PRESSED = { bold: 'B', italic: 'I', h3: 'H3', h4: 'H4', ul: 'UL', ol: 'OL', link: 'A' };

// The selected blocks become headings of `tag`, or paragraphs again if they already are.
function heading(editor, tag) {
  const off = editor.hasFormat(tag);
  editor.modifyBlocks((frag) => {
    for (const block of [...frag.children]) {
      if (!['P', 'DIV', 'H3', 'H4'].includes(block.tagName)) continue;
      const el = document.createElement(off ? 'P' : tag);
      el.append(...block.childNodes);
      block.replaceWith(el);
    }
    return frag;
  });
}

function enhance(textarea, toolbarTemplate) {
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label && !label.id) label.id = `${textarea.id}-label`;
  const box = document.createElement('div');
  box.className = 'rich';
  const toolbar = toolbarTemplate.content.firstElementChild.cloneNode(true);
  toolbar.setAttribute('aria-controls', `${textarea.id}-editor`);
  const area = document.createElement('div');
  area.className = 'rich-area';
  area.id = `${textarea.id}-editor`;
  area.dataset.editorFor = textarea.id;
  area.setAttribute('role', 'textbox');
  area.setAttribute('aria-multiline', 'true');
  if (label) area.setAttribute('aria-labelledby', label.id);
  for (const name of ['aria-describedby', 'aria-invalid', 'aria-required']) {
    if (textarea.hasAttribute(name)) area.setAttribute(name, textarea.getAttribute(name));
  }
  box.append(toolbar, area);
  textarea.before(box);
  textarea.hidden = true;
  label?.addEventListener('click', () => editor.focus());

  const editor = new Squire(area, { blockTag: 'P', sanitizeToDOMFragment: sanitize, addLinks: false });
  editor.setHTML(textarea.value);
  // Only what the person does changes the textarea: loading the text normalises nothing.
  editor.addEventListener('input', () => {
    // The line breaks Squire keeps at the end of each block only hold the caret.
    textarea.value = isEmpty(editor.getRoot()) ? '' : editor.getHTML().replace(/<br>(?=<\/(p|li|h3|h4)>)/g, '');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  });
  // Autosave brings in what others saved: it says so with this event.
  textarea.addEventListener('enlace:replaced', () => editor.setHTML(textarea.value));

  const buttons = [...toolbar.querySelectorAll('button[data-command]')];
  const refresh = () => {
    for (const b of buttons) {
      const tag = PRESSED[b.dataset.command];
      if (tag) b.setAttribute('aria-pressed', String(editor.hasFormat(tag)));
    }
  };
  editor.addEventListener('pathChange', refresh);
  editor.addEventListener('select', refresh);
  editor.addEventListener('cursor', refresh);
  toolbar.addEventListener('mousedown', (event) => {
    // Keep the selection in the text while a button is pressed.
    if (event.target.closest('button')) event.preventDefault();
  });
  toolbar.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-command]');
    if (!button) return;
    editor.focus();
    COMMANDS[button.dataset.command]?.(editor, button);
    refresh();
  });
  // One tab stop for the toolbar; arrow keys move between its buttons (WAI-ARIA toolbar pattern).
  buttons.forEach((b, i) => {
    b.tabIndex = i === 0 ? 0 : -1;
  });
  toolbar.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const at = buttons.indexOf(document.activeElement);
    const next = buttons[(at + step + buttons.length) % buttons.length];
    for (const b of buttons) b.tabIndex = b === next ? 0 : -1;
    next.focus();
  });
  refresh();
}

export function enhanceAll() {
  const template = document.getElementById('rich-toolbar');
  if (!template) return;
  for (const textarea of document.querySelectorAll('textarea[data-rich]')) enhance(textarea, template);
  document.documentElement.classList.add('rich-ready');
}
