/**
 * Every bundled programme goes out as a workbook and as a Word table and
 * comes back in through the import, unchanged: the same tree, codes, actors,
 * texts and statuses. The files open in LibreOffice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import { appOn, type JsonSend, jsonSender } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';
import { bundledPlan } from '../support/plan-files.ts';

const BUNDLED = [
  'programa-interamericano-2016',
  'programa-interamericano-2005',
  'crm-plan-de-accion-2006',
  'cam-plan-de-trabajo-2018-2019',
];

type ApiItem = {
  id: string;
  code: string;
  level: string;
  parentId: string | null;
  text: string;
  status: string | null;
  calendar: string | null;
  actors: { key: string }[];
};

describe.each(dialects())('exporting a plan and importing it back on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let send: JsonSend;
  let cast: Cast;

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    send = jsonSender(web.app);
    cast = await buildCast(database.db, 'mx', 'ca');
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  /** The items as a reader compares two plans: in order, each with its parent's code and its actors. */
  async function planOf(slug: string) {
    const res = await send('GET', `/api/v1/programmes/${slug}/items`, cast.secretariat.auth);
    expect(res.status).toBe(200);
    const items = res.body as ApiItem[];
    const codeOf = new Map(items.map((i) => [i.id, i.code]));
    return items.map((i) => ({
      code: i.code,
      level: i.level,
      parent: i.parentId ? codeOf.get(i.parentId) : null,
      text: i.text,
      actors: [...new Set(i.actors.map((a) => a.key))].sort(),
      calendar: i.calendar,
    }));
  }

  it.each(BUNDLED.flatMap((slug) => [[slug, 'xlsx', 'es'] as const, [slug, 'docx', 'en'] as const]))(
    '%s goes out as .%s (%s) and comes back the same',
    async (slug, format, lang) => {
      const res = await web.app.request(`/api/v1/programmes/${slug}/export.${format}?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(`${slug}-${lang}.${format}`);
      const bytes = new Uint8Array(await res.arrayBuffer());

      const copy = `${slug.slice(0, 40)}-${format}`;
      const { levels } = await bundledPlan(slug);
      const created = await send('POST', '/api/v1/programmes', cast.secretariat.auth, {
        slug: copy,
        title: { es: `Copia de ${slug}` },
        levels: levels.map((l) => ({ key: l.key, name: l.name })),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);

      const form = new FormData();
      form.append('file', new File([bytes], `plan.${format}`));
      const started = await web.app.request(`/api/v1/programmes/${copy}/imports`, {
        method: 'POST',
        headers: { ...cast.secretariat.auth, 'accept-language': 'es' },
        body: form,
      });
      const body = await started.json();
      expect(started.status, JSON.stringify(body).slice(0, 400)).toBe(201);
      expect(body.preview.problems).toEqual([]);
      const committed = await send('POST', `/api/v1/imports/${body.id}/commit`, cast.secretariat.auth);
      expect(committed.status, JSON.stringify(committed.body).slice(0, 400)).toBe(200);

      expect(await planOf(copy)).toEqual(await planOf(slug));
    },
  );

  it('names the columns in the language asked for', async () => {
    const res = await web.app.request('/api/v1/programmes/programa-interamericano-2016/export.xlsx?lang=en');
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const values = (n: number) => ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(values(1)[0]).toMatch(/^Inter-American Program .* — 2016 edition$/);
    expect(values(5).slice(0, 4)).toEqual([
      'Code: General objective',
      'General objective',
      'Code: Specific objective',
      'Specific objective',
    ]);
    expect(values(5)).toContain('Responsible: Suggested activity');
    const missing = await web.app.request('/api/v1/programmes/no-existe/export.docx');
    expect(missing.status).toBe(404);
  });
});
