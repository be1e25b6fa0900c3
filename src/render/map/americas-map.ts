/**
 * A choropleth map of the Americas as an SVG string, drawn on the server
 * from the bundled Natural Earth boundaries: every OAS member state is a
 * titled shape (a link when it has an address), the small Caribbean states
 * get markers, and a legend explains the colours.
 */
import { countryCodes, OAS_MEMBER_ISO } from './americas-geography.ts';
import { layoutAmericas, MARKER_RADIUS, type MapLayout, type StateLayout } from './americas-layout.ts';

export { OAS_MEMBER_ISO };

export type MapDatum = {
  iso: string;
  /** A key of the legend. */
  category: string;
  /** The accessible text, e.g. "Mexico: submitted". */
  label: string;
  href?: string;
};

export type MapLegendEntry = { category: string; label: string; color: string };

export type AmericasMapInput = {
  /** The `<title>` of the whole map. */
  title: string;
  /** The `<desc>` of the whole map. */
  description: string;
  /** One per state to colour; states not in it are drawn as without data. */
  data: MapDatum[];
  legend: MapLegendEntry[];
  /** Legend text for the states without data. */
  noDataLabel: string;
  /** Language of the country names ('es', 'en'). */
  lang: string;
  /** Width in pixels; the height follows. Default 960. */
  width?: number;
  /** Prefix of the ids in the SVG, so that two maps on one page don't clash; by default one derived from the input. */
  idPrefix?: string;
  /**
   * Where the shapes are served (`renderAmericasShapes` at the same width):
   * the map then refers to them (`<use>`) instead of carrying them, and a
   * page weighs a few kilobytes instead of 150. Without it the SVG stands alone
   * (documents, downloads).
   */
  shapesHref?: string;
};

/** Fill of member states without data: 3.4:1 against the white background. */
export const NO_DATA_COLOR = '#8c8c8c';
/** Non-member territories, drawn for context only. */
const CONTEXT_COLOR = '#e6e6e6';
const BACKGROUND_COLOR = '#ffffff';
const BORDER_COLOR = '#ffffff';
const INK_COLOR = '#1f1f1f';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** FNV-1a, for a default id prefix that is the same for the same input. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

const round = (n: number) => Math.round(n * 10) / 10;

type StateStyle = { color: string; label: string; href?: string };

/** Splits a name at the space that best balances its two lines. */
function twoLines(name: string): string[] {
  let best: string[] = [name];
  for (let i = name.indexOf(' '); i > 0; i = name.indexOf(' ', i + 1)) {
    const lines = [name.slice(0, i), name.slice(i + 1)];
    if (Math.max(...lines.map((l) => l.length)) < Math.max(...best.map((l) => l.length))) best = lines;
  }
  return best;
}

type NameSetting = { size: number; lines: Map<string, string[]> };

/**
 * How the names beside the column of markers are set: 12 px on one line,
 * long names on two lines and every name smaller when one would run off the
 * right edge. Text can't be measured on the server: a glyph is taken to be
 * 0.56 em wide on average.
 */
function setNames(layout: MapLayout, names: Map<string, string>): NameSetting {
  const em = 0.56;
  const lines = new Map<string, string[]>();
  let size = 12;
  for (const state of layout.states) {
    const marker = state.marker;
    const name = names.get(state.iso);
    if (!marker?.named || !name) continue;
    const room = layout.width - 4 - (marker.at.x + MARKER_RADIUS + 5);
    let set = [name];
    if (room / (em * name.length) < 11) {
      set = twoLines(name);
      // Two lines must fit between the markers.
      size = Math.min(size, 10);
    }
    lines.set(state.iso, set);
    size = Math.min(size, room / (em * Math.max(...set.map((l) => l.length))));
  }
  return { size: Math.max(8, Math.floor(size * 2) / 2), lines };
}

/** A shape drawn in place, or a reference to it in the shapes served apart. */
type DrawShape = (id: string, d: string, attributes?: string) => string;

const drawInPlace: DrawShape = (_id, d, attributes = '') => `<path d="${d}"${attributes}/>`;
const drawByReference =
  (href: string): DrawShape =>
  (id, _d, attributes = '') =>
    `<use href="${escapeXml(href)}#${id}"${attributes}/>`;

/** The shapes of a map this wide, as SVG paths named for `<use>`: the `context` and `s-<ISO>` per member state. */
export function renderAmericasShapes(width = 960): string {
  const layout = layoutAmericas(Math.round(width));
  const paths = layout.states.filter((s) => s.d).map((s) => `<path id="s-${s.iso}" d="${s.d}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="context" d="${layout.context}"/>${paths.join('')}</defs></svg>`;
}

function renderState(state: StateLayout, style: StateStyle, names: NameSetting, draw: DrawShape): string {
  const label = escapeXml(style.label);
  const color = escapeXml(style.color);
  const parts = [`<title>${label}</title>`];
  const marker = state.marker;
  // A marked state's islands are a few pixels across: outlined in their own
  // colour rather than the white border, which would all but erase them.
  if (state.d) parts.push(draw(`s-${state.iso}`, state.d, marker ? ` stroke="${color}" stroke-width="1"` : ''));
  if (marker) {
    const { x, y } = marker.at;
    if (marker.from) {
      // The leader line stops at the edge of the circle.
      const { x: fx, y: fy } = marker.from;
      const k = MARKER_RADIUS / (Math.hypot(fx - x, fy - y) || 1);
      parts.push(
        `<path d="M${round(fx)},${round(fy)}L${round(x + (fx - x) * k)},${round(y + (fy - y) * k)}" fill="none" stroke="${INK_COLOR}" stroke-width="0.75"/>`,
      );
    }
    parts.push(
      `<circle cx="${round(x)}" cy="${round(y)}" r="${MARKER_RADIUS}" stroke="${INK_COLOR}" stroke-width="1"/>`,
    );
    const lines = names.lines.get(state.iso);
    if (marker.named && lines) {
      const tx = round(x + MARKER_RADIUS + 5);
      const first = lines.length === 1 ? '0.35em' : '-0.2em';
      const spans = lines.map(
        (line, i) => `<tspan x="${tx}" dy="${i === 0 ? first : '1.1em'}">${escapeXml(line)}</tspan>`,
      );
      parts.push(
        `<text x="${tx}" y="${round(y)}" fill="${INK_COLOR}" stroke="none" font-size="${names.size}">${spans.join('')}</text>`,
      );
    }
  }
  const group = `<g class="enlace-map__state" data-iso="${state.iso}" fill="${color}"`;
  if (style.href === undefined) {
    return `${group} role="img" aria-label="${label}">${parts.join('')}</g>`;
  }
  return `<a href="${escapeXml(style.href)}" aria-label="${label}">${group}>${parts.join('')}</g></a>`;
}

function renderLegend(layout: MapLayout, entries: { label: string; color: string }[]): string {
  const rowHeight = 22;
  const top = layout.legendAt.y - entries.length * rowHeight;
  const rows = entries.map((entry, index) => {
    const y = top + index * rowHeight;
    return (
      `<rect x="${layout.legendAt.x}" y="${y + 3}" width="16" height="16" fill="${escapeXml(entry.color)}" stroke="${INK_COLOR}" stroke-width="1"/>` +
      `<text x="${layout.legendAt.x + 24}" y="${y + 11}" dy="0.35em">${escapeXml(entry.label)}</text>`
    );
  });
  return `<g class="enlace-map__legend" font-size="13" fill="${INK_COLOR}">${rows.join('')}</g>`;
}

/** The map as a standalone SVG element, ready to inline in a page or serve as image/svg+xml. */
export function renderAmericasMap(input: AmericasMapInput): string {
  const layout = layoutAmericas(Math.round(input.width ?? 960));
  const colors = new Map(input.legend.map((entry) => [entry.category, entry.color]));
  const data = new Map<string, MapDatum>();
  for (const datum of input.data) {
    if (!OAS_MEMBER_ISO.includes(datum.iso)) throw new Error(`Map datum for ${datum.iso}, not an OAS member state`);
    if (!colors.has(datum.category))
      throw new Error(`Map datum for ${datum.iso} in category ${datum.category}, not in the legend`);
    if (data.has(datum.iso)) throw new Error(`Two map data for ${datum.iso}`);
    data.set(datum.iso, datum);
  }

  const prefix = input.idPrefix ?? `americas-map-${hash(JSON.stringify(input))}`;
  const titleId = escapeXml(`${prefix}-title`);
  const descId = escapeXml(`${prefix}-desc`);

  const draw = input.shapesHref === undefined ? drawInPlace : drawByReference(input.shapesHref);
  const names = new Map(layout.states.map(({ iso }) => [iso, countryCodes().getName(iso, input.lang) ?? iso]));
  const nameSetting = setNames(layout, names);
  // In the order of their names, which is the order of the links for the keyboard.
  const collator = new Intl.Collator(input.lang);
  const ordered = [...layout.states].sort((a, b) => collator.compare(names.get(a.iso) ?? '', names.get(b.iso) ?? ''));
  const states = ordered.map((state) => {
    const name = names.get(state.iso) ?? state.iso;
    const datum = data.get(state.iso);
    const style: StateStyle = datum
      ? { color: colors.get(datum.category) ?? NO_DATA_COLOR, label: datum.label, href: datum.href }
      : { color: NO_DATA_COLOR, label: `${name}: ${input.noDataLabel}` };
    return renderState(state, style, nameSetting, draw);
  });

  const legend = renderLegend(layout, [
    ...input.legend.map(({ label, color }) => ({ label, color })),
    { label: input.noDataLabel, color: NO_DATA_COLOR },
  ]);

  // role="group" rather than "img": an image's parts are hidden from
  // assistive technology, and each state's label (and link) must stay reachable.
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="enlace-map" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="group" aria-labelledby="${titleId}" aria-describedby="${descId}" font-family="${escapeXml(FONT)}">` +
    `<title id="${titleId}">${escapeXml(input.title)}</title>` +
    `<desc id="${descId}">${escapeXml(input.description)}</desc>` +
    `<rect width="100%" height="100%" fill="${BACKGROUND_COLOR}"/>` +
    draw(
      'context',
      layout.context,
      ` fill="${CONTEXT_COLOR}" stroke="${BORDER_COLOR}" stroke-width="0.5" aria-hidden="true"`,
    ) +
    `<g stroke="${BORDER_COLOR}" stroke-width="0.6" stroke-linejoin="round">${states.join('')}</g>` +
    legend +
    '</svg>'
  );
}
