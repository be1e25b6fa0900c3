import { describe, expect, it } from 'vitest';
import { rasterizeSvg } from '../rasterize.ts';
import { chartLabel, renderStatusChart } from './status-chart.ts';

const labels = {
  not_started: 'No iniciado',
  in_progress: 'En curso',
  continuous: 'Continuo',
  completed: 'Completado',
  pending_input: 'Pendiente',
  cancelled: 'Cancelado',
  none: 'Sin información',
};
const counts = (over: Partial<Record<keyof typeof labels, number>>) => ({
  not_started: 0,
  in_progress: 0,
  continuous: 0,
  completed: 0,
  pending_input: 0,
  cancelled: 0,
  none: 0,
  ...over,
});

describe('renderStatusChart', () => {
  it('draws an SVG with a title, one bar group per row and a legend of the statuses present', async () => {
    const svg = await renderStatusChart({
      title: 'Estado por objetivo <2026>',
      rows: [
        { label: 'IV.B.1', counts: counts({ completed: 2, in_progress: 1 }) },
        { label: 'IV.B.2', counts: counts({ none: 3 }) },
      ],
      statusLabels: labels,
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<title>Estado por objetivo &#60;2026&#62;</title>');
    expect(svg).toContain('IV.B.1');
    expect(svg).toContain('Completado');
    expect(svg).toContain('Sin información');
    expect(svg).not.toContain('Cancelado');
    // Valid SVG in HTML: none of ECharts' own event markers.
    expect(svg).not.toMatch(/ecmeta_/);
    // Nothing the pages' Content-Security-Policy (no inline styles) would refuse.
    expect(svg).not.toMatch(/ style=|<style/);
    expect(svg).toContain('font-size="11px"');
    expect(svg).toContain('fill="#1e6b37"');
  });

  it('is well-formed SVG that renders to a bitmap for documents', async () => {
    const svg = await renderStatusChart({
      title: 'T',
      rows: [{ label: 'A', counts: counts({ continuous: 1 }) }],
      statusLabels: labels,
    });
    const png = await rasterizeSvg(svg, 800);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(2000);
  });
});

describe('chartLabel', () => {
  it('is the code and the start of the text, cut with an ellipsis', () => {
    expect(chartLabel({ code: 'IV.B.1', text: 'Promover   la cooperación' })).toBe('IV.B.1 Promover la cooperación');
    const long = chartLabel({ code: 'A', text: 'x'.repeat(100) }, 10);
    expect(long).toBe(`A ${'x'.repeat(9)}…`);
    expect(chartLabel({ code: null, text: 'Sin código' })).toBe('Sin código');
  });
});
