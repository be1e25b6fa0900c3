import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../test/support/csv.ts';
import { sampleReport } from '../../../test/support/documents/sample-report.ts';
import { csvCell, renderReportCsv } from './report-csv.ts';

describe('renderReportCsv', () => {
  const report = sampleReport('es');
  const csv = renderReportCsv(report);

  it('starts with a byte order mark and ends every record with CRLF', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/"[^"]*"/g, '')).not.toMatch(/[^\r]\n/);
  });

  it('has a header in the report’s language and a row per chapter entry', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([
      'Actor',
      'Clave del actor',
      'Grupo',
      'Código',
      'Texto',
      'Valoración del estado',
      'Actividades realizadas en el periodo',
      'Actividades previstas para el próximo periodo',
    ]);
    expect(parseCsv(renderReportCsv(sampleReport('en')).slice(1))[0]?.slice(0, 3)).toEqual([
      'Actor',
      'Actor key',
      'Group',
    ]);
    const entries = report.chapters.flatMap((c) => c.entries.map((e) => ({ c, e })));
    expect(rows).toHaveLength(entries.length + 1);
    entries.forEach(({ c, e }, i) => {
      const row = rows[i + 1];
      expect(row?.slice(0, 6)).toEqual([
        c.actor.name,
        c.actor.key,
        report.labels.groups[c.group],
        e.code ?? '',
        e.itemText ?? '',
        e.status ? report.labels.statuses[e.status] : '',
      ]);
    });
  });

  it('writes the texts as plain text, entities decoded, quoted where they need it', () => {
    const rows = parseCsv(csv.slice(1));
    const texts = rows.flatMap((r) => r.slice(6)).join('\n');
    expect(texts).not.toMatch(/<\/?(?:p|strong|em|ul|ol|li|a|br)\b[^>]*>/);
    expect(texts).toContain('"Migración & derechos humanos"');
    expect(csv).toContain('""Migración & derechos humanos""');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('1.1')).toBe('1.1');
    expect(csvCell('a, b')).toBe('"a, b"');
    const [first, ...rest] = report.chapters;
    if (!first?.entries[0]) throw new Error('the sample has entries');
    const hostile = { ...first, entries: [{ ...first.entries[0], carriedOut: "<p>=cmd|' /C calc'!A0</p>" }] };
    const rows = parseCsv(renderReportCsv({ ...report, chapters: [hostile, ...rest] }).slice(1));
    expect(rows[1]?.[6]).toBe("'=cmd|' /C calc'!A0");
  });
});
