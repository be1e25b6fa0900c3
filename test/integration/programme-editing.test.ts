/** The secretariat edits programmes, through the API and the item page's forms, on PGlite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn, type JsonSend, jsonSender, postForm as postFormAs, type Session, signIn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';

const SLUG = 'programa-interamericano-2016';

type Item = { id: string; code: string; parentId: string | null; actors: { key: string; role: string }[] };
type ItemDetail = Item & {
  text: string;
  status: string | null;
  calendar: string | null;
  children: { code: string }[];
  statusHistory: { status: string; changedOn: string; note: string | null }[];
  notes: { date: string; text: string; status: string | null }[];
};
type Problem = { status: number; code: string; errors?: { field: string }[] };
type AuditEvent = { action: string; entityId: string; user: { id: string } | null; before: unknown; after: unknown };
type ActorDetail = { assignments: { role: string; via: unknown; item: { code: string } }[] };

describe.each(dialects())('programme editing on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let cast: Cast;
  let byCode: Map<string, Item>;
  let send: JsonSend;
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db);
    byCode = new Map((await items()).map((i) => [i.code, i]));
  });
  afterAll(async () => {
    await database?.close();
  });

  const items = async () => (await web.json<Item[]>(`/api/v1/programmes/${SLUG}/items`)).body;
  const idOf = (code: string) => {
    const item = byCode.get(code);
    if (!item) throw new Error(`no item ${code}`);
    return item.id;
  };
  const item = async (id: string) => (await web.json<ItemDetail>(`/api/v1/items/${id}`)).body;

  const asSecretariat = <T = unknown>(method: string, path: string, body?: unknown) =>
    send<T>(method, path, cast.secretariat.auth, body);
  const fieldsOf = (problem: unknown) => ((problem as Problem).errors ?? []).map((e) => e.field);

  it('records a dated status change with its note, in history, notes and the audit trail', async () => {
    const id = idOf('V.A.3');
    const note = 'Taller regional realizado con las misiones permanentes.';
    const res = await asSecretariat<ItemDetail>('POST', `/api/v1/items/${id}/status`, {
      status: 'in_progress',
      date: '2024-05-10',
      note,
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('in_progress');
    const detail = await item(id);
    expect(detail.status).toBe('in_progress');
    // A change made by hand has no report as its source.
    expect(detail.statusHistory).toContainEqual({
      status: 'in_progress',
      changedOn: '2024-05-10',
      note,
      sourceReport: null,
    });
    expect(detail.notes).toContainEqual({ date: '2024-05-10', due: null, text: note, status: 'in_progress' });

    const audit = (await web.json<AuditEvent[]>('/api/v1/audit?entityType=item', cast.secretariat.auth)).body;
    const event = audit.find((e) => e.action === 'item.status' && e.entityId === id);
    expect(event?.user?.id).toBe(cast.secretariat.id);
    expect(event?.before).toEqual({ status: null });
    expect(event?.after).toEqual({ status: 'in_progress', date: '2024-05-10', note });
  });

  it('edits text, code and calendar, and refuses a code already used in the programme with 409', async () => {
    const id = idOf('V.A.4');
    const edited = await asSecretariat<ItemDetail>('PATCH', `/api/v1/items/${id}`, {
      code: 'V.A.4-bis',
      calendar: 'Segundo semestre',
      startsOn: '2025-07-01',
      endsOn: '2025-12-31',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ code: 'V.A.4-bis', calendar: 'Segundo semestre', endsOn: '2025-12-31' });
    const audit = (await web.json<AuditEvent[]>('/api/v1/audit?entityType=item', cast.secretariat.auth)).body;
    const event = audit.find((e) => e.action === 'item.update' && e.entityId === id);
    expect(event?.before).toEqual({ code: 'V.A.4', calendar: null, startsOn: null, endsOn: null });
    expect(event?.after).toMatchObject({ code: 'V.A.4-bis', calendar: 'Segundo semestre' });

    const clash = await asSecretariat<Problem>('PATCH', `/api/v1/items/${id}`, { code: 'V.A.5' });
    expect(clash.status).toBe(409);
    expect(fieldsOf(clash.body)).toEqual(['code']);
    const backwards = await asSecretariat<Problem>('PATCH', `/api/v1/items/${id}`, { endsOn: '2025-01-01' });
    expect(backwards.status).toBe(400);
    expect(fieldsOf(backwards.body)).toEqual(['endsOn']);
    expect((await item(id)).code).toBe('V.A.4-bis');
  });

  it('adds items where they belong in document order', async () => {
    const inMiddle = await asSecretariat<ItemDetail>('POST', `/api/v1/programmes/${SLUG}/items`, {
      parentId: idOf('V.A.7'),
      level: 'activity',
      code: 'V.A.7.a',
      text: 'Seguimiento de las recomendaciones sobre detención migratoria.',
    });
    expect(inMiddle.status).toBe(201);
    const atEnd = await asSecretariat('POST', `/api/v1/programmes/${SLUG}/items`, {
      parentId: idOf('V.A'),
      level: 'activity',
      code: 'V.A.21',
      text: 'Nueva actividad de la secretaría.',
    });
    expect(atEnd.status).toBe(201);
    const root = await asSecretariat('POST', `/api/v1/programmes/${SLUG}/items`, {
      level: 'specific_objective',
      code: 'IV.B.13',
      text: 'Nuevo objetivo específico.',
    });
    expect(root.status).toBe(201);

    const codes = (await items()).map((i) => i.code);
    const following = (code: string) => codes[codes.indexOf(code) + 1];
    expect(following('V.A.7')).toBe('V.A.7.a');
    expect(following('V.A.7.a')).toBe('V.A.8');
    expect(following('V.A.20')).toBe('V.A.21');
    expect(following('V.A.21')).toBe('V.B');
    expect(codes.at(-1)).toBe('IV.B.13');
    expect((await item(idOf('V.A.7'))).children.map((c) => c.code)).toEqual(['V.A.7.a']);

    // The stored document order (ordinal) follows too: an actor's assignments are listed in it.
    const assigned = await asSecretariat('POST', `/api/v1/items/${inMiddle.body.id}/assignments`, {
      actorId: 'iachr',
      role: 'cooperating',
    });
    expect(assigned.status).toBe(201);
    const iachr = (await web.json<ActorDetail>('/api/v1/actors/iachr')).body;
    const order = iachr.assignments.map((a) => a.item.code);
    expect(order.slice(order.indexOf('V.A.7'), order.indexOf('V.A.7') + 3)).toEqual(['V.A.7', 'V.A.7.a', 'V.A.8']);

    const duplicate = await asSecretariat<Problem>('POST', `/api/v1/programmes/${SLUG}/items`, {
      level: 'activity',
      code: 'V.A.7.a',
      text: 'Otra vez',
    });
    expect(duplicate.status).toBe(409);
    expect(fieldsOf(duplicate.body)).toEqual(['code']);
  });

  it('assigns and unassigns actors, seen on the item and on the actor', async () => {
    const id = idOf('V.A.12');
    const added = await asSecretariat<ItemDetail>('POST', `/api/v1/items/${id}/assignments`, {
      actorId: 'mx',
      role: 'cooperating',
    });
    expect(added.status).toBe(201);
    expect(added.body.actors).toContainEqual(expect.objectContaining({ key: 'mx', role: 'cooperating' }));
    const mx = (await web.json<ActorDetail>('/api/v1/actors/mx')).body;
    expect(mx.assignments).toContainEqual(
      expect.objectContaining({ role: 'cooperating', via: null, item: expect.objectContaining({ code: 'V.A.12' }) }),
    );

    const again = await asSecretariat<Problem>('POST', `/api/v1/items/${id}/assignments`, {
      actorId: 'mx',
      role: 'cooperating',
    });
    expect(again.status).toBe(409);
    expect(fieldsOf(again.body)).toEqual(['actorId']);

    expect((await asSecretariat('DELETE', `/api/v1/items/${id}/assignments/mx/cooperating`)).status).toBe(204);
    expect((await item(id)).actors.map((a) => a.key)).toEqual(['cim']);
    const after = (await web.json<ActorDetail>('/api/v1/actors/mx')).body;
    expect(after.assignments.some((a) => a.item.code === 'V.A.12')).toBe(false);
    expect((await asSecretariat('DELETE', `/api/v1/items/${id}/assignments/mx/cooperating`)).status).toBe(404);

    const audit = (await web.json<AuditEvent[]>('/api/v1/audit?entityType=item', cast.secretariat.auth)).body;
    expect(audit.filter((e) => e.entityId === id).map((e) => e.action)).toEqual(['item.unassign', 'item.assign']);
  });

  it('lets only the secretariat edit: 403 for other roles, 401 for anonymous callers', async () => {
    const id = idOf('V.A.1');
    const calls: [string, string, unknown?][] = [
      ['PATCH', `/api/v1/items/${id}`, { text: 'Cambiado' }],
      ['POST', `/api/v1/programmes/${SLUG}/items`, { level: 'activity', code: 'Z.1', text: 'Z' }],
      ['POST', `/api/v1/items/${id}/status`, { status: 'completed', date: '2024-01-01', note: 'Hecho' }],
      ['POST', `/api/v1/items/${id}/assignments`, { actorId: 'mx', role: 'sponsor' }],
      ['DELETE', `/api/v1/items/${id}/assignments/oas-gs/responsible`],
    ];
    for (const [method, path, body] of calls) {
      for (const user of [cast.focalPoint, cast.validator, cast.member]) {
        expect((await send(method, path, user.auth, body)).status, `${method} ${path}`).toBe(403);
      }
      expect((await send(method, path, {}, body)).status, `${method} ${path}`).toBe(401);
      // A stranger learns nothing from validation either.
      expect((await send(method, path, {}, { nonsense: true })).status).toBe(401);
    }
    const untouched = await item(id);
    expect(untouched.status).toBeNull();
    expect(untouched.actors.map((a) => a.key)).toEqual(['oas-gs']);
  });

  it('answers malformed bodies with 400 naming each field', async () => {
    const id = idOf('V.A.2');
    const cases: [string, string, unknown, string[]][] = [
      ['PATCH', `/api/v1/items/${id}`, { code: '' }, ['code']],
      ['PATCH', `/api/v1/items/${id}`, { startsOn: '2024-02-30' }, ['startsOn']],
      ['POST', `/api/v1/items/${id}/status`, { status: 'finished', date: '10/05/2024' }, ['status', 'date', 'note']],
      ['POST', `/api/v1/items/${id}/status`, { status: 'completed', date: '2999-01-01', note: 'x' }, ['date']],
      ['POST', `/api/v1/items/${id}/assignments`, { actorId: 'mx', role: 'boss' }, ['role']],
      ['POST', `/api/v1/items/${id}/assignments`, { actorId: 'atlantis', role: 'sponsor' }, ['actorId']],
      ['POST', `/api/v1/programmes/${SLUG}/items`, { level: 'activity', code: 'Z.2' }, ['text']],
      ['POST', `/api/v1/programmes/${SLUG}/items`, { level: 'chapter', code: 'Z.3', text: 'Z' }, ['level']],
      [
        'POST',
        `/api/v1/programmes/${SLUG}/items`,
        { parentId: '00000000-0000-4000-8000-000000000000', level: 'activity', code: 'Z.4', text: 'Z' },
        ['parentId'],
      ],
    ];
    for (const [method, path, body, fields] of cases) {
      const res = await asSecretariat<Problem>(method, path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(res.body).sort(), JSON.stringify(body)).toEqual([...fields].sort());
    }
    const unknownItem = await asSecretariat('PATCH', '/api/v1/items/00000000-0000-4000-8000-000000000000', {
      text: 'x',
    });
    expect(unknownItem.status).toBe(404);
  });

  describe('on the item page', () => {
    const session = (email: string) => signIn(web.app, email);
    const postForm = (path: string, who: Session, fields: Record<string, string>) =>
      postFormAs(web.app, path, fields, who);
    const page = async (path: string, cookie?: string) => {
      const res = await web.get(path, cookie ? { cookie, 'accept-language': 'en' } : { 'accept-language': 'en' });
      return { status: res.status, text: await res.text() };
    };

    it('shows the editing panel to the secretariat and to nobody else', async () => {
      const id = idOf('V.B.21');
      const secretariat = await session(cast.secretariat.email);
      const own = await page(`/items/${id}`, secretariat.cookie);
      expect(own.text).toContain('id="edit-heading"');
      expect(own.text).toContain(`action="/items/${id}/status"`);
      expect(own.text).toContain(`name="_csrf" value="${secretariat.csrfToken}"`);
      expect(own.text).toContain('<optgroup label="Member states">');
      expect((await page(`/items/${id}`)).text).not.toContain('id="edit-heading"');
      const focal = await session(cast.focalPoint.email);
      expect((await page(`/items/${id}`, focal.cookie)).text).not.toContain('id="edit-heading"');
      const refused = await postForm(`/items/${id}/status`, focal, {
        status: 'completed',
        date: '2024-01-01',
        note: 'x',
      });
      expect(refused.status).toBe(403);
    });

    it('changes the status, edits, assigns, unassigns and adds a child, each back to the item', async () => {
      const id = idOf('V.B.22');
      const who = await session(cast.secretariat.email);
      const steps: [string, Record<string, string>][] = [
        [`/items/${id}/status`, { status: 'completed', date: '2023-11-30', note: 'Informe presentado.' }],
        [`/items/${id}/edit`, { code: 'V.B.22', text: 'Texto revisado.', calendar: '', startsOn: '', endsOn: '' }],
        [
          `/items/${id}/assignments`,
          { actorId: (await web.json<{ id: string }>('/api/v1/actors/ca')).body.id, role: 'sponsor' },
        ],
        [`/items/${id}/assignments/remove`, { actorId: 'oas-member-states', role: 'responsible' }],
        [`/items/${id}/children`, { level: 'activity', code: 'V.B.22.1', text: 'Subactividad.' }],
      ];
      for (const [path, fields] of steps) {
        const res = await postForm(path, who, fields);
        expect(res.status, path).toBe(303);
        expect(res.headers.get('location')).toBe(`/items/${id}?saved=1`);
      }
      const detail = await item(id);
      expect(detail.text).toBe('Texto revisado.');
      // Now a parent, it shows its child's summary; its own change stays in the history.
      expect(detail.statusHistory).toContainEqual({
        status: 'completed',
        changedOn: '2023-11-30',
        note: 'Informe presentado.',
        sourceReport: null,
      });
      expect(detail.actors.map((a) => `${a.key}:${a.role}`)).toEqual(['ca:sponsor']);
      expect(detail.children.map((c) => c.code)).toEqual(['V.B.22.1']);
      expect(detail.notes).toContainEqual({
        date: '2023-11-30',
        due: null,
        text: 'Informe presentado.',
        status: 'completed',
      });
      expect((await page(`/items/${id}?saved=1`, who.cookie)).text).toContain('Changes saved.');
    });

    it('shows the item page again with the errors named per field', async () => {
      const id = idOf('V.B.23');
      const who = await session(cast.secretariat.email);
      const future = await postForm(`/items/${id}/status`, who, { status: 'completed', date: '2999-01-01', note: '' });
      expect(future.status).toBe(400);
      const text = await future.text();
      expect(text).toContain('id="status-note-error"');
      expect(text).toMatch(/<details class="section" open="">\s*<summary>Cambiar el estado<\/summary>/);

      const clash = await postForm(`/items/${id}/edit`, who, { code: 'V.B.24', text: 'x', calendar: '' });
      expect(clash.status).toBe(409);
      expect(await clash.text()).toContain('id="edit-code-error"');
      const late = await postForm(`/items/${id}/status`, who, { status: 'completed', date: '2999-01-01', note: 'x' });
      expect(late.status).toBe(400);
      expect(await late.text()).toContain('La fecha de «Fecha» no puede ser futura');
      expect((await item(id)).status).toBeNull();
    });
  });
});
