// Enlace progressive enhancements. Every page works without this file.

// A textarea marked data-rich becomes a rich-text editor; the editor module is loaded only then.
(() => {
  const rich = document.querySelector('textarea[data-rich]');
  if (rich) import(rich.dataset.rich).then((editor) => editor.enhanceAll());
})();

// Autosave: a report form with data-autosave saves its draft through the API
// a moment after the focal point stops typing, with the version it is based on.
// It sends only the fields changed since the last save, and takes into the
// fields nobody is typing in what others saved meanwhile (the server merges
// changes to different fields); if someone else changed the same field, the
// form is submitted normally so the page shows both texts and asks which to keep.
(() => {
  const form = document.querySelector('form[data-autosave]');
  if (!form) return;
  const url = form.dataset.autosave;
  const status = form.querySelector('.autosave-status');
  const versionInput = form.querySelector('input[name="version"]');
  const csrf = form.querySelector('input[name="_csrf"]');
  let timer = null;
  let saving = false;
  let dirty = false;

  const say = (text) => {
    if (status) status.textContent = text;
  };
  const fields = () => [...form.elements].filter((el) => /^(carriedOut|planned|status|section):/.test(el.name ?? ''));
  // What the server holds for each field, as the form shows it.
  const saved = new Map(fields().map((el) => [el.name, el.value]));
  const editable = (html) =>
    html
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');

  const patch = () => {
    const entries = new Map();
    const sections = {};
    const sent = new Map();
    for (const el of fields()) {
      if (saved.get(el.name) === el.value) continue;
      sent.set(el.name, el.value);
      const [field, id] = el.name.split(':');
      if (field === 'section') {
        sections[id] = el.value;
        continue;
      }
      const entry = entries.get(id) ?? { id };
      if (field === 'carriedOut') entry.carriedOut = el.value;
      if (field === 'planned') entry.planned = el.value;
      if (field === 'status') entry.statusAssessment = el.value === '' ? null : el.value;
      entries.set(id, entry);
    }
    return { body: { entries: [...entries.values()], sections }, sent };
  };

  // The saved content, field by field, into the fields not changed since they were sent or shown.
  const absorb = (content, sent) => {
    const values = new Map();
    for (const e of content.entries) {
      values.set(`carriedOut:${e.id}`, editable(e.carriedOut));
      values.set(`planned:${e.id}`, editable(e.planned));
      values.set(`status:${e.id}`, e.statusAssessment ?? '');
    }
    for (const [key, body] of Object.entries(content.sections)) values.set(`section:${key}`, editable(body));
    for (const el of fields()) {
      if (!values.has(el.name)) continue;
      const untouched = el.value === (sent.has(el.name) ? sent.get(el.name) : saved.get(el.name));
      const typing = document.activeElement === el || document.activeElement?.dataset.editorFor === el.id;
      if (untouched && el.value !== values.get(el.name) && !typing) {
        el.value = values.get(el.name);
        el.dispatchEvent(new Event('enlace:replaced'));
      }
      saved.set(el.name, untouched ? values.get(el.name) : saved.get(el.name));
    }
  };

  const save = async () => {
    if (saving) {
      dirty = true;
      return;
    }
    const change = patch();
    // Typing elsewhere in the form (a comment, which has its own form) changes nothing to save.
    if (change.sent.size === 0) return;
    saving = true;
    dirty = false;
    say(form.dataset.msgSaving);
    try {
      const res = await fetch(url, {
        method: 'PATCH',
        credentials: 'same-origin',
        headers: {
          'content-type': 'application/json',
          'if-match': versionInput.value,
          'x-csrf-token': csrf ? csrf.value : '',
        },
        body: JSON.stringify(change.body),
      });
      if (res.status === 409) {
        // Show both versions side by side: the server renders them on a normal submit.
        form.submit();
        return;
      }
      if (!res.ok) throw new Error(String(res.status));
      const body = await res.json();
      versionInput.value = String(body.version);
      absorb(body.content, change.sent);
      const time = new Date().toLocaleTimeString(document.documentElement.lang, { hour: '2-digit', minute: '2-digit' });
      say(`${form.dataset.msgSaved} ${time}`);
    } catch {
      say(form.dataset.msgError);
    } finally {
      saving = false;
      if (dirty) schedule();
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1200);
  };
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', () => clearTimeout(timer));
})();

// A long select (an actor among 85) gets a search box above it that narrows its options as one types.
(() => {
  const fold = (text) =>
    text
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  for (const select of document.querySelectorAll('select[data-search-label]')) {
    const box = document.createElement('input');
    box.type = 'search';
    box.className = 'select-search';
    box.setAttribute('aria-label', select.dataset.searchLabel);
    box.setAttribute('aria-controls', select.id);
    select.before(box);
    box.addEventListener('input', () => {
      const words = fold(box.value).split(/\s+/).filter(Boolean);
      for (const option of select.options) {
        if (option.value === '') continue;
        option.hidden = !words.every((w) => fold(option.textContent).includes(w));
      }
      for (const group of select.querySelectorAll('optgroup')) {
        group.hidden = [...group.children].every((o) => o.hidden);
      }
      const first = [...select.options].find((o) => !o.hidden && o.value !== '');
      if (words.length > 0 && first && select.selectedOptions[0]?.hidden !== false) first.selected = true;
    });
  }
})();
