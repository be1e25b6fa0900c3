// Enlace progressive enhancements. Every page works without this file.
// Autosave: a report form with data-autosave saves its draft through the API
// a moment after the focal point stops typing, with the version it is based on;
// if someone else saved meanwhile, the form is submitted normally so the page
// shows both versions side by side.
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

  const patch = () => {
    const entries = new Map();
    const sections = {};
    for (const el of form.elements) {
      if (!el.name?.includes(':')) continue;
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
    return { entries: [...entries.values()], sections };
  };

  const save = async () => {
    if (saving) {
      dirty = true;
      return;
    }
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
        body: JSON.stringify(patch()),
      });
      if (res.status === 409) {
        // Show both versions side by side: the server renders them on a normal submit.
        form.submit();
        return;
      }
      if (!res.ok) throw new Error(String(res.status));
      const body = await res.json();
      versionInput.value = String(body.version);
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
