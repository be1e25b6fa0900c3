/**
 * `enlace` runs Enlace compiled ahead of time (bin/build.js): what a page,
 * a document or a start finds beside its source file (assets, migrations,
 * bundled data, PGlite's and the map's files) is found from the build too, and
 * what loads lazily (document libraries, the native renderer) still loads.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript, run by Node.js itself before any TypeScript is loaded
import { compiledEntry, fingerprint } from '../../bin/build.js';
import { stableId } from '../../src/db/stable-id.ts';
import { type Served, serveCli } from '../support/cli.ts';
import { pdfFacts } from '../support/documents/pdf-pages.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CYCLE_2008 = stableId('cycle', 'programa-interamericano-2005', '2008');

describe('the compiled build', () => {
  it('is named by the sources it was made from, and made once for them', async () => {
    const print: string = fingerprint();
    expect(print).toMatch(/^[0-9a-f]{16}$/);
    const entry = fileURLToPath(await compiledEntry());
    expect(entry).toBe(path.join(ROOT, 'dist', print, 'main.js'));
    expect(existsSync(entry)).toBe(true);
    expect(fingerprint()).toBe(print);
    expect(fileURLToPath(await compiledEntry())).toBe(entry);
  });

  describe('served by `enlace serve`', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'enlace-compiled-'));
    let served: Served;
    beforeAll(async () => {
      served = await serveCli({ ENLACE_DATA_DIR: dataDir });
    }, 120_000);
    afterAll(async () => {
      await served?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('runs the build, not the sources', () => {
      expect(served.output()).not.toContain('running from the sources');
      expect(served.output()).toContain('"msg":"Enlace is serving"');
    });

    it('serves pages with their stylesheet, and the bundled programmes', async () => {
      const home = await fetch(`${served.url}/`);
      expect(home.status).toBe(200);
      const css = (await home.text()).match(/href="(\/assets\/[^"]+\.css)"/)?.[1];
      expect(css).toBeDefined();
      const sheet = await fetch(`${served.url}${css}`);
      expect(sheet.status).toBe(200);
      expect(await sheet.text()).toContain('{');
      const programmes = (await (await fetch(`${served.url}/api/v1/programmes`)).json()) as { items?: unknown[] };
      expect(JSON.stringify(programmes)).toContain('programa-interamericano-2005');
    });

    it('draws the map of the Americas with the countries named', async () => {
      const map = await fetch(`${served.url}/api/v1/cycles/${CYCLE_2008}/map.svg?lang=en`);
      expect(map.status).toBe(200);
      const svg = await map.text();
      expect(svg).toContain('<svg');
      expect(svg).toContain('Mexico');
    });

    it('makes the Word report, its contents laid out with their page numbers (docx/layout)', async () => {
      const res = await fetch(`${served.url}/api/v1/cycles/${CYCLE_2008}/report.docx?lang=es`);
      expect(res.status).toBe(200);
      const zip = await JSZip.loadAsync(await res.arrayBuffer());
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      expect(xml).toContain('E. Secretaría Ejecutiva para el Desarrollo Integral');
      // The 2008 report assesses no status and asks no member state: no chart, no map, a number for every heading.
      expect(xml).toMatch(
        /PAGEREF _Toc\d+ \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>\d+<\/w:t>/,
      );
      expect(Object.keys(zip.files).some((name) => name.startsWith('word/media/'))).toBe(false);
    });

    it('makes the PDF report with its fonts, found beside the compiled code', async () => {
      const res = await fetch(`${served.url}/api/v1/cycles/${CYCLE_2008}/report.pdf?lang=es`);
      expect(res.status).toBe(200);
      const facts = pdfFacts(new Uint8Array(await res.arrayBuffer()));
      expect(facts.fonts.map((f) => f.name).join(' ')).toContain('Carlito');
      expect(facts.bookmarks.length).toBeGreaterThan(10);
    });
  });
});
