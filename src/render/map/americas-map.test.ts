import { describe, expect, it } from 'vitest';
import {
  type MapDatum,
  type MapLegendEntry,
  NO_DATA_COLOR,
  OAS_MEMBER_ISO,
  renderAmericasMap,
  renderAmericasShapes,
} from './americas-map.ts';

const legend: MapLegendEntry[] = [
  { category: 'submitted', label: 'Submitted', color: '#1b7837' },
  { category: 'overdue', label: 'Overdue', color: '#b2182b' },
];

function render(data: MapDatum[] = [], overrides: Partial<Parameters<typeof renderAmericasMap>[0]> = {}) {
  return renderAmericasMap({
    title: 'Reports by state',
    description: 'Which member states have submitted their report',
    data,
    legend,
    noDataLabel: 'No data',
    lang: 'en',
    ...overrides,
  });
}

/** The element carrying a state's data-iso, up to its closing tag (state groups hold no other group). */
function stateGroup(svg: string, iso: string): string {
  const match = svg.match(new RegExp(`<g [^>]*data-iso="${iso}"[^>]*>.*?</g>`, 's'));
  if (!match) throw new Error(`no group for ${iso}`);
  return match[0];
}

/** A minimal well-formedness check: balanced tags, one root, no stray "<" or "&". */
function assertWellFormed(svg: string) {
  const stack: string[] = [];
  let roots = 0;
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/gy;
  let index = 0;
  while (index < svg.length) {
    const next = svg.indexOf('<', index);
    const text = svg.slice(index, next === -1 ? svg.length : next);
    expect(text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, '')).not.toMatch(/[&>]/);
    if (next === -1) break;
    if (stack.length === 0) expect(text.trim()).toBe('');
    tag.lastIndex = next;
    const m = tag.exec(svg);
    if (!m) throw new Error(`malformed tag at ${next}: ${svg.slice(next, next + 80)}`);
    const [, closing, name = '', attributes = '', selfClosing] = m;
    expect(attributes.replace(/="[^"]*"/g, '')).not.toMatch(/[&<]/);
    for (const [, value = ''] of attributes.matchAll(/="([^"]*)"/g)) {
      expect(value.replace(/&(#\d+|amp|lt|gt|quot|apos);/g, '')).not.toMatch(/[&<]/);
    }
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
    index = tag.lastIndex;
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('renderAmericasMap', () => {
  it('draws every OAS member state, titled, with a visible shape', () => {
    const svg = render();
    expect(OAS_MEMBER_ISO).toHaveLength(35);
    for (const iso of OAS_MEMBER_ISO) {
      expect(svg.match(new RegExp(`data-iso="${iso}"`, 'g')), iso).toHaveLength(1);
      const group = stateGroup(svg, iso);
      expect(group, iso).toMatch(/^<g [^>]*>\s*<title>[^<]+: No data<\/title>/);
      expect(group, iso).toMatch(/<path d="M[^"]+"/);
    }
    expect(stateGroup(svg, 'CA')).toContain('<title>Canada: No data</title>');
    expect(stateGroup(svg, 'CA')).toContain(`fill="${NO_DATA_COLOR}"`);
  });

  it('gives the small Caribbean states a marker big enough to see and click', () => {
    const svg = render();
    for (const iso of ['AG', 'BS', 'BB', 'DM', 'GD', 'KN', 'LC', 'VC', 'TT']) {
      const circle = stateGroup(svg, iso).match(/<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/);
      expect(circle, iso).not.toBeNull();
      const [, cx = '', cy = '', r = ''] = circle ?? [];
      expect(Number(r), iso).toBeGreaterThanOrEqual(5);
      const [, , width = '', height = ''] = svg.match(/viewBox="([\d. ]+)"/)?.[1]?.split(' ') ?? [];
      expect(Number(cx) + Number(r), iso).toBeLessThanOrEqual(Number(width));
      expect(Number(cy) + Number(r), iso).toBeLessThanOrEqual(Number(height));
    }
  });

  it('keeps the markers of the small states apart', () => {
    const svg = render();
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/g)].map(([, x, y, r]) => ({
      x: Number(x),
      y: Number(y),
      r: Number(r),
    }));
    for (const [i, a] of circles.entries()) {
      for (const b of circles.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.r + b.r);
    }
  });

  it("applies a datum's colour and label, in the states and in the legend", () => {
    const svg = render([{ iso: 'MX', category: 'overdue', label: 'Mexico: overdue' }]);
    const mexico = stateGroup(svg, 'MX');
    expect(mexico).toContain('fill="#b2182b"');
    expect(mexico).toContain('<title>Mexico: overdue</title>');
    expect(mexico).toContain('aria-label="Mexico: overdue"');
    expect(svg).toMatch(/fill="#b2182b"[^>]*\/><text[^>]*>Overdue<\/text>/);
    expect(svg).toMatch(new RegExp(`fill="${NO_DATA_COLOR}"[^>]*/><text[^>]*>No data</text>`));
  });

  it('makes a state with an address a link that the keyboard reaches', () => {
    const svg = render([
      { iso: 'BB', category: 'submitted', label: 'Barbados: submitted', href: '/actors/barbados?tab=reports&lang=en' },
      { iso: 'PE', category: 'submitted', label: 'Peru: submitted' },
    ]);
    expect(svg).toMatch(
      /<a href="\/actors\/barbados\?tab=reports&#38;lang=en" aria-label="Barbados: submitted"><g [^>]*data-iso="BB"/,
    );
    expect(stateGroup(svg, 'BB')).toContain('<circle');
    expect(svg).not.toMatch(/<a [^>]*><g [^>]*data-iso="PE"/);
    expect(stateGroup(svg, 'PE')).toContain('role="img"');
  });

  it('lists the states in the order of their names in the chosen language', () => {
    const order = (lang: string) => [...render([], { lang }).matchAll(/data-iso="(\w\w)"/g)].map(([, iso]) => iso);
    const en = order('en');
    const es = order('es');
    expect(en.indexOf('US')).toBeLessThan(en.indexOf('UY'));
    expect(es.indexOf('US')).toBeLessThan(es.indexOf('GD'));
    expect(render([], { lang: 'es' })).toContain('San Vicente y las Granadinas');
  });

  it('escapes every text it is given', () => {
    const svg = render([{ iso: 'CU', category: 'submitted', label: '<script>alert("x")</script> & \'y\'' }], {
      title: 'A <b>map</b>',
      noDataLabel: 'Nothing & "none"',
    });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(stateGroup(svg, 'CU')).toContain(
      '<title>&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;y&#39;</title>',
    );
    assertWellFormed(svg);
  });

  it('is well-formed XML with one root, small enough to inline', () => {
    const data = OAS_MEMBER_ISO.map((iso, i) => ({
      iso,
      category: i % 2 ? 'submitted' : 'overdue',
      label: `${iso}: state`,
      href: `/actors/${iso}`,
    }));
    for (const width of [960, 600]) {
      const svg = render(data, { width });
      assertWellFormed(svg);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(Buffer.byteLength(svg)).toBeLessThan(300_000);
    }
  });

  it('labels the map by its title and description, with ids of its own', () => {
    const first = render([], { idPrefix: 'reports-map' });
    expect(first).toMatch(
      /^<svg [^>]*role="group" aria-labelledby="reports-map-title" aria-describedby="reports-map-desc"/,
    );
    expect(first).toContain('<title id="reports-map-title">Reports by state</title>');
    expect(first).toContain('<desc id="reports-map-desc">');
    const ids = (svg: string) => [...svg.matchAll(/ id="([^"]+)"/g)].map(([, id]) => id);
    const other = render([], { title: 'Another map' });
    expect(ids(other).filter((id) => ids(render()).includes(id))).toEqual([]);
  });

  it('gives the same string for the same input', () => {
    const data: MapDatum[] = [{ iso: 'AR', category: 'submitted', label: 'Argentina', href: '/a' }];
    expect(render(data)).toBe(render(data));
  });

  it('draws states without data in a grey that stands out from the background', () => {
    const ratio = (luminance('#ffffff') + 0.05) / (luminance(NO_DATA_COLOR) + 0.05);
    expect(ratio).toBeGreaterThanOrEqual(3);
    expect(render()).toMatch(/<rect width="100%" height="100%" fill="#ffffff"\/>/);
  });

  it('refuses data it could not show', () => {
    expect(() => render([{ iso: 'MX', category: 'unknown', label: 'x' }])).toThrow(/not in the legend/);
    expect(() => render([{ iso: 'FR', category: 'submitted', label: 'x' }])).toThrow(/not an OAS member/);
  });

  it('refers to shapes served apart when told where, and those shapes hold every one it uses', () => {
    const standalone = render([{ iso: 'MX', category: 'submitted', label: 'Mexico: submitted' }]);
    const light = render([{ iso: 'MX', category: 'submitted', label: 'Mexico: submitted' }], {
      shapesHref: '/assets/americas.x.svg',
    });
    assertWellFormed(light);
    expect(stateGroup(light, 'MX')).toContain('<use href="/assets/americas.x.svg#s-MX"');
    expect(stateGroup(light, 'MX')).toContain('fill="#1b7837"');
    expect(light.length).toBeLessThan(standalone.length / 5);
    const shapes = renderAmericasShapes();
    assertWellFormed(shapes);
    for (const [, id] of light.matchAll(/americas\.x\.svg#([\w-]+)"/g)) expect(shapes).toContain(`id="${id}"`);
  });
});
