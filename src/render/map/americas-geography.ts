/**
 * The countries of the Americas from the bundled Natural Earth boundaries
 * (world-atlas, 1:50m), keyed by ISO 3166 alpha-2, read once from
 * node_modules: the map never needs the network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoCentroid } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type Countries from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

let codes: typeof Countries | undefined;

/** Country codes and names (with every language's names: loaded when a map is first drawn, not at every start). */
export function countryCodes(): typeof Countries {
  codes ??= createRequire(import.meta.url)('i18n-iso-countries') as typeof Countries;
  return codes;
}

/** The 35 member states of the OAS. */
export const OAS_MEMBER_ISO: readonly string[] = Object.freeze(
  'AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV US GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE'.split(' '),
);

/** Territories of the Americas that are not OAS members, drawn as context. */
const CONTEXT_ISO: ReadonlySet<string> = new Set('AI AW BL BM CW FK GL KY MF MS PM PR SX TC VG VI'.split(' '));

/** States whose American territories (French Guiana, the French and Dutch Antilles) share the European country's shape. */
const OVERSEAS_IN_AMERICAS: ReadonlySet<string> = new Set(['FR', 'NL']);

export type CountryShape = {
  iso: string;
  oasMember: boolean;
  /** One polygon per island or landmass, so that tiny ones can be dropped at small scales. */
  polygons: Polygon[];
};

type Box = readonly [west: number, south: number, east: number, north: number];

const AMERICAS: Box = [-170, -60, -25, 85];
// Hawaii belongs to the United States but lies outside the Americas' frame.
const HAWAII: Box = [-162, 17, -153, 24];

const inBox = ([lon, lat]: Position, [w, s, e, n]: Box) =>
  lon !== undefined && lat !== undefined && lon >= w && lon <= e && lat >= s && lat <= n;

function polygonsOf(geometry: Polygon | MultiPolygon): Polygon[] {
  if (geometry.type === 'Polygon') return [geometry];
  return geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

function loadAtlas(): CountryShape[] {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{
    countries: GeometryCollection;
  }>;
  const collection = feature(topology, topology.objects.countries);
  const oas = new Set(OAS_MEMBER_ISO);
  const shapes: CountryShape[] = [];
  for (const f of collection.features as Feature<Polygon | MultiPolygon | null>[]) {
    const iso = f.id === undefined ? undefined : countryCodes().numericToAlpha2(f.id);
    if (!iso || !f.geometry) continue;
    const oasMember = oas.has(iso);
    if (!oasMember && !CONTEXT_ISO.has(iso) && !OVERSEAS_IN_AMERICAS.has(iso)) continue;
    const polygons = polygonsOf(f.geometry).filter((polygon) => {
      const centroid = geoCentroid(polygon);
      return oasMember ? !(iso === 'US' && inBox(centroid, HAWAII)) : inBox(centroid, AMERICAS);
    });
    if (polygons.length > 0) shapes.push({ iso, oasMember, polygons });
  }
  return shapes.sort((a, b) => (a.iso < b.iso ? -1 : a.iso > b.iso ? 1 : 0));
}

let shapes: readonly CountryShape[] | undefined;

/** The OAS member states and the context territories, in the order of their codes (read on first use: 80 ms a start does without). */
export function americasCountries(): readonly CountryShape[] {
  shapes ??= loadAtlas();
  return shapes;
}
