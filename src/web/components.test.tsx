/**
 * The shared pieces pages are composed of, as a reader (or a screen reader)
 * meets them: table captions and row headings, facts without a value left
 * out, messages announced by their kind, actions that carry the form token.
 */
import type { Child } from 'hono/jsx';
import { describe, expect, it } from 'vitest';
import { Disclosure, MetaList, Notice, StateBadge } from './components.tsx';
import { DataTable } from './data-table.tsx';
import { FilterBar, FilterSelect } from './filters.tsx';
import { PostButton, PostForm } from './forms.tsx';
import { translator } from './i18n/i18n.ts';
import { Pager, Tabs } from './navigation.tsx';
import { SessionContext } from './session-context.ts';

// biome-ignore lint/complexity/noUselessFragments: the fragment makes any child an element that renders to a string
const html = async (node: Child) => String(await (<>{node}</>).toString());
const signedIn = (node: Child) => (
  <SessionContext.Provider value={{ name: 'Ana', csrfToken: 'tok-123', isSecretariat: false, reports: true }}>
    {node}
  </SessionContext.Provider>
);
const es = translator('es');

type Row = { code: string; count: number };
const rows: Row[] = [
  { code: 'A.1', count: 3 },
  { code: 'A.2', count: 0 },
];

describe('DataTable', () => {
  it('names each row by its heading cell and labels every column', async () => {
    const out = await html(
      <DataTable
        caption="Actividades"
        rows={rows}
        columns={[
          { header: 'Código', rowHeader: true, class: 'code', cell: (r) => r.code },
          { header: 'Informes', cell: (r) => String(r.count) },
        ]}
      />,
    );
    expect(out).toContain('<div class="table-wrap"><table><caption>Actividades</caption>');
    expect(out).toContain('<th scope="col" class="code">Código</th><th scope="col">Informes</th>');
    expect(out).toContain('<tr><th scope="row" class="code">A.1</th><td>3</td></tr>');
    expect(out).toContain('<tr><th scope="row" class="code">A.2</th><td>0</td></tr>');
  });

  it('hides the caption from the eye only when asked, and leaves out the columns given as false', async () => {
    const out = await html(
      <DataTable
        caption="Tablero"
        captionHidden
        rows={rows}
        columns={[{ header: 'Código', cell: (r) => r.code }, false, null]}
      />,
    );
    expect(out).toContain('<caption class="visually-hidden">Tablero</caption>');
    expect(out.match(/<th scope="col"/g)).toHaveLength(1);
    expect(out).toContain('<tr><td>A.1</td></tr>');
  });

  it('shows the empty state instead of a table without rows, and an empty table when none is given', async () => {
    const columns = [{ header: 'Código', cell: (r: Row) => r.code }];
    const empty = await html(<DataTable caption="X" rows={[]} columns={columns} empty={<p>Nada</p>} />);
    expect(empty).toBe('<p>Nada</p>');
    expect(await html(<DataTable caption="X" rows={[]} columns={columns} empty={null} />)).toBe('');
    expect(await html(<DataTable caption="X" rows={[]} columns={columns} />)).toContain('<tbody></tbody>');
  });

  it('makes a wide table a scrolling region the keyboard reaches, named as its caption', async () => {
    const out = await html(
      <DataTable
        caption="Matriz"
        region
        frameClass="matrix"
        rows={rows}
        columns={[{ header: 'A.1', headerTitle: 'Texto', cell: (r) => r.code }]}
      />,
    );
    expect(out).toContain('<div class="table-wrap matrix" tabindex="0" role="region" aria-label="Matriz">');
    expect(out).toContain('<th scope="col" title="Texto">A.1</th>');
  });
});

describe('MetaList', () => {
  it('leaves out a fact without a value, label and all, and keeps a zero', async () => {
    const out = await html(
      <MetaList
        items={[
          ['Lugar', ''],
          ['Estado', 'Abierto'],
          ['Invitados', undefined],
          ['Versión', '0'],
          ['Nota', false],
          ['Calendario', <p>Marzo</p>, 'prose'],
        ]}
      />,
    );
    expect(out).toBe(
      '<dl class="meta"><dt>Estado</dt><dd>Abierto</dd><dt>Versión</dt><dd>0</dd><dt>Calendario</dt><dd class="prose"><p>Marzo</p></dd></dl>',
    );
  });
});

describe('Notice', () => {
  it('announces what was done politely, an error at once, and a warning as a note', async () => {
    expect(await html(<Notice>Guardado</Notice>)).toBe('<div class="alert alert-success" role="status">Guardado</div>');
    expect(await html(<Notice kind="error">Falló</Notice>)).toContain('class="alert alert-error" role="alert"');
    expect(await html(<Notice kind="warning">Cerrado</Notice>)).toContain('class="alert alert-warning" role="note"');
    expect(await html(<Notice kind="info">Dato</Notice>)).toContain('class="alert alert-info" role="note"');
  });

  it('draws nothing without a message', async () => {
    expect(await html(<Notice>{undefined}</Notice>)).toBe('');
    expect(await html(<Notice>{''}</Notice>)).toBe('');
  });
});

describe('StateBadge', () => {
  it('names the state in the reader’s language, coloured by what it is the state of', async () => {
    expect(await html(<StateBadge i18n={es} of="report" state="submitted" />)).toBe(
      `<span class="badge report-submitted">${es.t('reportState.submitted')}</span>`,
    );
    expect(await html(<StateBadge i18n={es} of="cycle" state="open" />)).toContain(es.t('cycleState.open'));
    expect(await html(<StateBadge i18n={es} of="meeting" state="held" />)).toContain('badge meeting-held');
  });
});

describe('PostButton and PostForm', () => {
  it('post with the form token of the signed-in person and the hidden fields the action needs', async () => {
    const out = await html(
      signedIn(
        <PostButton
          action="/cycles/1/reminders"
          look="link"
          fields={{ actor: 'mx' }}
          label="Recordar"
          named=": México"
        />,
      ),
    );
    expect(out).toBe(
      '<form method="post" action="/cycles/1/reminders" class="inline-form">' +
        '<input type="hidden" name="_csrf" value="tok-123"/><input type="hidden" name="actor" value="mx"/>' +
        '<button class="link-button" type="submit">Recordar<span class="visually-hidden">: México</span></button></form>',
    );
  });

  it('look as asked: the main action, a secondary one', async () => {
    expect(await html(signedIn(<PostButton action="/a" label="Abrir" />))).toContain('<button class="button" type');
    expect(await html(signedIn(<PostButton action="/a" look="secondary" label="B" />))).toContain('button secondary');
  });

  it('a form sends a file only when it says so, and its button comes after its fields', async () => {
    const out = await html(
      signedIn(
        <PostForm action="/m/1/documents" submit="Agregar" multipart>
          <input name="title" />
        </PostForm>,
      ),
    );
    expect(out).toBe(
      '<form class="form" method="post" action="/m/1/documents" enctype="multipart/form-data">' +
        '<input type="hidden" name="_csrf" value="tok-123"/><input name="title"/>' +
        '<button class="button" type="submit">Agregar</button></form>',
    );
    expect(await html(signedIn(<PostForm action="/x" submit="Ir" />))).not.toContain('enctype');
  });
});

describe('Tabs, Pager, FilterBar, Disclosure', () => {
  it('marks the view shown as the current page, and only that one', async () => {
    const out = await html(
      <Tabs
        label="Vistas"
        tabs={[
          { href: '/a', label: 'Árbol', current: true },
          { href: '/b', label: 'Tabla' },
        ]}
      />,
    );
    expect(out).toBe(
      '<nav aria-label="Vistas"><ul class="tabs"><li><a href="/a" aria-current="page">Árbol</a></li><li><a href="/b">Tabla</a></li></ul></nav>',
    );
  });

  it('links to newer and older pages where there are some, and draws nothing for a single page', async () => {
    const href = (p: number) => `/admin/audit?page=${p}`;
    expect(await html(<Pager i18n={es} page={1} hasNext={false} href={href} />)).toBe('');
    const middle = await html(<Pager i18n={es} page={2} hasNext href={href} />);
    expect(middle).toContain('href="/admin/audit?page=1" rel="prev"');
    expect(middle).toContain('href="/admin/audit?page=3" rel="next"');
    expect(await html(<Pager i18n={es} page={1} hasNext href={href} />)).not.toContain('rel="prev"');
  });

  it('filters with the chosen value selected, an "all" option when named, and a way back to everything', async () => {
    const out = await html(
      <FilterBar i18n={es} action="/p" search clear="/p?view=table">
        <FilterSelect
          id="f"
          name="level"
          label="Nivel"
          value="b"
          all="Todos"
          options={[
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ]}
        />
      </FilterBar>,
    );
    expect(out).toContain(
      `<form class="filters" method="get" action="/p" role="search" aria-label="${es.t('filter.label')}">`,
    );
    expect(out).toContain(
      '<option value="">Todos</option><option value="a">A</option><option value="b" selected="">B</option>',
    );
    expect(out).toContain(`<a class="button secondary" href="/p?view=table">${es.t('filter.clear')}</a>`);
    const plain = await html(
      <FilterBar i18n={es} action="/p">
        <FilterSelect id="g" name="x" label="X" value={undefined} options={[{ value: 'a', label: 'A' }]} />
      </FilterBar>,
    );
    expect(plain).not.toContain('role="search"');
    expect(plain).not.toContain('<option value="">');
    expect(plain).not.toContain(es.t('filter.clear'));
  });

  it('folds a part under its summary', async () => {
    expect(await html(<Disclosure summary="Más">texto</Disclosure>)).toBe(
      '<details class="section"><summary>Más</summary>texto</details>',
    );
  });
});
