/**
 * Where everything goes on the map of the Americas at a given width: the
 * projected outline of every state, and the markers that keep the small
 * Caribbean states visible and clickable. Pure geometry, computed once per
 * width.
 */
import { type GeoProjection, geoAzimuthalEqualArea, geoContains, geoPath } from 'd3-geo';
import type { FeatureCollection, Polygon } from 'geojson';
import { americasCountries, type CountryShape } from './americas-geography.ts';
import { CompactPathContext } from './compact-path.ts';

export type Point = { x: number; y: number };

export type Marker = {
  /** Centre of the circle. */
  at: Point;
  /** Where the leader line starts (the state itself), when the marker is moved away from it. */
  from?: Point;
  /** Whether the state's name is written beside the marker. */
  named: boolean;
};

export type StateLayout = { iso: string; d: string; marker?: Marker };

export type MapLayout = {
  width: number;
  height: number;
  /** The OAS member states, in the order of their codes. */
  states: StateLayout[];
  /** Non-member territories, drawn together as context. */
  context: string;
  /** Bottom-left corner of the legend, which grows upwards. */
  legendAt: Point;
};

export const MARKER_RADIUS = 7;
const MARKER_SPACING = 2 * MARKER_RADIUS + 9;

/** The Eastern Caribbean states, listed beside the Lesser Antilles with leader lines. */
const EASTERN_CARIBBEAN: ReadonlySet<string> = new Set(['AG', 'BB', 'DM', 'GD', 'KN', 'LC', 'TT', 'VC']);
/** Other states too small to find or click at this scale, marked where they are. */
const MARKED_IN_PLACE: ReadonlySet<string> = new Set(['BS']);
/** A state smaller than this (in square pixels) gets a marker whatever its name. */
const MIN_VISIBLE_AREA = 60;
/** Islands smaller than this (square pixels) are left out, except for the marked states. */
const MIN_ISLAND_AREA = 0.6;
/** Points closer than this (pixels) to the previous one are dropped. */
const PATH_TOLERANCE = 0.5;
const PADDING = 12;

const collection = (shapes: readonly CountryShape[]): FeatureCollection<Polygon> => ({
  type: 'FeatureCollection',
  features: shapes.flatMap((shape) =>
    shape.polygons.map((geometry) => ({ type: 'Feature' as const, properties: null, geometry })),
  ),
});

// The frame is the member states without the western Aleutians, which would
// only widen the map for a few islands beyond the 180th meridian.
const frame = () =>
  collection(
    americasCountries()
      .filter((shape) => shape.oasMember)
      .map((shape) =>
        shape.iso === 'US'
          ? {
              ...shape,
              polygons: shape.polygons.filter((p) => p.coordinates[0]?.every(([lon = 0]) => lon > -172 && lon < 0)),
            }
          : shape,
      ),
  );

function projectionFor(width: number): { projection: GeoProjection; height: number } {
  const projection = geoAzimuthalEqualArea().rotate([82, -12]).precision(0.2);
  const shown = frame();
  projection.fitWidth(width - 2 * PADDING, shown);
  const [[, top], [, bottom]] = geoPath(projection).bounds(shown);
  const [tx, ty] = projection.translate();
  projection.translate([tx + PADDING, ty + PADDING - top]);
  const height = Math.ceil(bottom - top + 2 * PADDING);
  projection.clipExtent([
    [0, 0],
    [width, height],
  ]);
  return { projection, height };
}

/** A state to mark, and its centre on the map. */
type MarkedState = { state: StateLayout; centre: Point };

function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const side = (p: Point, q: Point, r: Point) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

/**
 * The Lesser Antilles are too close together for a marker each where they
 * are: their markers stand in a column out in the Atlantic, the lowest level
 * with the southernmost island so that the column stays clear of the
 * Guianas, each joined to its island by a leader line. Starting north to
 * south, two states swap places while their lines cross; each swap shortens
 * the lines in all, so it ends.
 */
function placeColumn(entries: MarkedState[]): void {
  if (entries.length === 0) return;
  const order = [...entries].sort((a, b) => a.centre.y - b.centre.y);
  const x = Math.max(...order.map((e) => e.centre.x)) + 2 * MARKER_SPACING;
  const bottom = Math.max(...order.map((e) => e.centre.y));
  const slots = order.map((_, index) => ({
    x: x - MARKER_RADIUS,
    y: bottom - (order.length - 1 - index) * MARKER_SPACING,
  }));
  for (let swapped = true; swapped; ) {
    swapped = false;
    for (let i = 0; i < order.length; i++) {
      for (let j = i + 1; j < order.length; j++) {
        const [a, b, sa, sb] = [order[i], order[j], slots[i], slots[j]] as [MarkedState, MarkedState, Point, Point];
        if (segmentsCross(a.centre, sa, b.centre, sb)) {
          [order[i], order[j]] = [b, a];
          swapped = true;
        }
      }
    }
  }
  order.forEach(({ state, centre }, index) => {
    const slot = slots[index] as Point;
    state.marker = { at: { x, y: slot.y }, from: centre, named: true };
  });
}

type Obstacle = { bounds: [[number, number], [number, number]]; shape: FeatureCollection<Polygon> };

/**
 * A marker where its state is, unless it would cover part of another state
 * or another marker (Haiti and Jamaica on a narrow map, say): then the
 * nearest free spot around it, with a leader line back.
 */
function placeInPlace(centre: Point, obstacles: Obstacle[], markers: Point[], projection: GeoProjection): Marker {
  const r = MARKER_RADIUS + 1;
  const hits = (at: Point) => {
    if (markers.some((m) => Math.hypot(m.x - at.x, m.y - at.y) < 2 * r)) return true;
    const points = [
      at,
      ...Array.from({ length: 8 }, (_, k) => ({
        x: at.x + r * Math.cos((k * Math.PI) / 4),
        y: at.y + r * Math.sin((k * Math.PI) / 4),
      })),
    ];
    return obstacles.some(({ bounds: [[x0, y0], [x1, y1]], shape }) => {
      if (at.x + r < x0 || at.x - r > x1 || at.y + r < y0 || at.y - r > y1) return false;
      return points.some((p) => {
        const lonLat = projection.invert?.([p.x, p.y]);
        return lonLat !== null && lonLat !== undefined && geoContains(shape, lonLat);
      });
    });
  };
  if (!hits(centre)) return { at: centre, named: false };
  for (let distance = r + 3; distance <= 4 * r; distance += r) {
    for (let k = 0; k < 8; k++) {
      const angle = (k * Math.PI) / 4;
      const at = { x: centre.x + distance * Math.cos(angle), y: centre.y + distance * Math.sin(angle) };
      if (!hits(at)) return { at, from: centre, named: false };
    }
  }
  return { at: centre, named: false };
}

function computeLayout(width: number): MapLayout {
  const { projection, height } = projectionFor(width);
  const pen = new CompactPathContext(PATH_TOLERANCE);
  const measure = geoPath(projection);
  const draw = geoPath(projection, pen);

  const outline = (shape: CountryShape, keepEveryIsland: boolean): string => {
    for (const polygon of shape.polygons) {
      if (keepEveryIsland || measure.area(polygon) >= MIN_ISLAND_AREA) draw(polygon);
    }
    return pen.result();
  };

  const members = americasCountries().filter((shape) => shape.oasMember);
  const wholes = new Map(members.map((shape) => [shape.iso, collection([shape])]));
  const obstacles = (iso: string): Obstacle[] =>
    [...wholes].filter(([other]) => other !== iso).map(([, shape]) => ({ bounds: measure.bounds(shape), shape }));

  const states: StateLayout[] = [];
  const column: MarkedState[] = [];
  const inPlace: MarkedState[] = [];
  for (const shape of members) {
    const whole = wholes.get(shape.iso) ?? collection([shape]);
    const small =
      EASTERN_CARIBBEAN.has(shape.iso) || MARKED_IN_PLACE.has(shape.iso) || measure.area(whole) < MIN_VISIBLE_AREA;
    const state: StateLayout = { iso: shape.iso, d: outline(shape, small) };
    states.push(state);
    if (!small) continue;
    const [x = 0, y = 0] = measure.centroid(whole);
    if (EASTERN_CARIBBEAN.has(shape.iso)) column.push({ state, centre: { x, y } });
    else inPlace.push({ state, centre: { x, y } });
  }

  placeColumn(column);
  const markers = column.flatMap(({ state }) => (state.marker ? [state.marker.at] : []));
  for (const { state, centre } of inPlace) {
    state.marker = placeInPlace(centre, obstacles(state.iso), markers, projection);
    markers.push(state.marker.at);
  }

  const context = americasCountries()
    .filter((shape) => !shape.oasMember)
    .map((shape) => outline(shape, false))
    .join('');
  return { width, height, states, context, legendAt: { x: PADDING + 4, y: height - PADDING } };
}

const layouts = new Map<number, MapLayout>();

/** The layout for a map this many pixels wide (kept: a page asks for few widths). */
export function layoutAmericas(width: number): MapLayout {
  let layout = layouts.get(width);
  if (!layout) {
    layout = computeLayout(width);
    if (layouts.size >= 8) layouts.clear();
    layouts.set(width, layout);
  }
  return layout;
}
