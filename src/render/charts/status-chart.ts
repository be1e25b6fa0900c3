/**
 * Stacked bars of activity statuses per objective, drawn with ECharts on the
 * server as SVG (no browser, no JavaScript on the page). Pages put the same
 * numbers in a table beside it for screen readers.
 */
import { ITEM_STATUSES, type ItemStatus } from '../../domain/status.ts';

export const STATUS_COLORS: Record<ItemStatus | 'none', string> = {
  not_started: '#8a96a3',
  in_progress: '#2f6fb3',
  continuous: '#3f9a5a',
  completed: '#1e6b37',
  pending_input: '#a36b00',
  cancelled: '#b54848',
  none: '#d5dbe3',
};

export type StatusChartInput = {
  title: string;
  rows: { label: string; counts: Record<ItemStatus | 'none', number> }[];
  statusLabels: Record<ItemStatus | 'none', string>;
  width?: number;
};

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Drawing takes milliseconds and the progress page shows a chart on every
 * request: the same input gives the same SVG, so recent drawings are kept.
 */
const drawn = new Map<string, string>();
const KEEP_DRAWN = 100;

export async function renderStatusChart(input: StatusChartInput): Promise<string> {
  const key = JSON.stringify(input);
  const kept = drawn.get(key);
  if (kept !== undefined) return kept;
  const svg = await drawStatusChart(input);
  const oldest = drawn.keys().next();
  if (drawn.size >= KEEP_DRAWN && !oldest.done) drawn.delete(oldest.value);
  drawn.set(key, svg);
  return svg;
}

/** ECharts is large: loaded on the first chart, not at start-up. */
async function drawStatusChart({ title, rows, statusLabels, width = 760 }: StatusChartInput): Promise<string> {
  const echarts = await import('echarts');
  const height = Math.max(160, 90 + rows.length * 26);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const statuses = [...ITEM_STATUSES, 'none' as const].filter((s) => rows.some((r) => r.counts[s] > 0));
  chart.setOption({
    animation: false,
    aria: { enabled: true, label: { description: title } },
    // Font names without quotes: ECharts writes them inside a double-quoted style attribute.
    textStyle: { fontFamily: 'system-ui, Segoe UI, Roboto, DejaVu Sans, Arial, sans-serif', color: '#1b2430' },
    legend: { top: 4, left: 'center', itemGap: 18, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11 } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisLabel: { fontSize: 11 } },
    series: statuses.map((s) => ({
      name: statusLabels[s],
      type: 'bar',
      stack: 'statuses',
      barMaxWidth: 18,
      itemStyle: { color: STATUS_COLORS[s] },
      data: rows.map((r) => r.counts[s]),
    })),
  });
  const svg = withoutEchartsMetadata(withoutInlineStyles(chart.renderToSVGString()));
  chart.dispose();
  // A title the SVG carries wherever it goes (pages, documents).
  return svg.replace(/<svg([^>]*)>/, `<svg$1><title>${escapeXml(title)}</title>`);
}

/**
 * The pages' Content-Security-Policy refuses inline styles, so the chart
 * carries none: ECharts' `style="font-size:…"` become presentation
 * attributes, and its `<style>` of hover colours (decoration only) goes.
 */
export function withoutInlineStyles(svg: string): string {
  return svg.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '').replace(/ style="([^"]*)"/g, (_, declarations: string) =>
    declarations
      .split(';')
      .map((d) => d.split(':'))
      .filter((parts): parts is [string, string] => parts.length === 2 && /^\s*[a-z-]+\s*$/.test(parts[0] ?? ''))
      .map(([name, value]) => ` ${name.trim()}="${value.trim()}"`)
      .join(''),
  );
}

/** ECharts marks its elements with `ecmeta_*` attributes for its own events: not valid SVG in HTML, and of no use here. */
export function withoutEchartsMetadata(svg: string): string {
  return svg.replace(/ ecmeta_[A-Za-z_]+="[^"]*"/g, '');
}

/** A row's label: the objective's code and the start of its text, so a chart reads without the table beside it. */
export function chartLabel(row: { code: string | null; text: string }, max = 48): string {
  const text = row.text.replace(/\s+/g, ' ').trim();
  const short = text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
  return row.code ? `${row.code} ${short}` : short;
}
