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

/** ECharts is large: loaded on the first chart, not at start-up. */
export async function renderStatusChart({ title, rows, statusLabels, width = 760 }: StatusChartInput): Promise<string> {
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
  const svg = chart.renderToSVGString();
  chart.dispose();
  // A title the SVG carries wherever it goes (pages, documents).
  return svg.replace(/<svg([^>]*)>/, `<svg$1><title>${escapeXml(title)}</title>`);
}
