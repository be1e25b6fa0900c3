/**
 * A d3-geo path context that writes short SVG path data: coordinates
 * rounded to a tenth of a pixel, relative moves, and points closer than a
 * tolerance to the previous one dropped, so a map of a continent stays
 * small enough to inline in a page.
 */
import type { GeoContext } from 'd3-geo';

/** Tenths of a pixel, written without a leading zero ("-.5", ".3"). */
function tenths(value: number): string {
  const text = String(value / 10);
  return text.replace(/^(-?)0\./, '$1.');
}

/** Joins numbers the way SVG path data allows: a minus sign is a separator. */
function pair(dx: number, dy: number): string {
  const y = tenths(dy);
  return `${tenths(dx)}${y.startsWith('-') ? '' : ','}${y}`;
}

export class CompactPathContext implements GeoContext {
  private readonly out: string[] = [];
  private ring: [number, number][] = [];
  // Where the pen is, in tenths, once the previous ring has been written.
  private penX = 0;
  private penY = 0;
  private readonly minStep: number;

  /** @param tolerance points closer than this many pixels to the last one kept are dropped */
  constructor(tolerance: number) {
    this.minStep = tolerance * 10;
  }

  beginPath(): void {}

  moveTo(x: number, y: number): void {
    this.writeRing();
    this.ring = [[Math.round(x * 10), Math.round(y * 10)]];
  }

  lineTo(x: number, y: number): void {
    const point: [number, number] = [Math.round(x * 10), Math.round(y * 10)];
    const last = this.ring.at(-1);
    if (last && Math.hypot(point[0] - last[0], point[1] - last[1]) < this.minStep) return;
    this.ring.push(point);
  }

  closePath(): void {
    this.writeRing();
  }

  // Only points are drawn as arcs; the map draws no points through d3.
  arc(): void {}

  /** The path data written so far; empty when every ring was too small. */
  result(): string {
    this.writeRing();
    const data = this.out.join('');
    this.out.length = 0;
    this.penX = 0;
    this.penY = 0;
    return data;
  }

  private writeRing(): void {
    const ring = this.ring;
    this.ring = [];
    // A ring that shrank to fewer than three points would be invisible.
    if (ring.length < 3) return;
    let [x, y] = ring[0] as [number, number];
    this.out.push(this.out.length === 0 ? `M${pair(x, y)}` : `m${pair(x - this.penX, y - this.penY)}`);
    let steps = '';
    for (const [px, py] of ring.slice(1)) {
      const step = pair(px - x, py - y);
      steps += steps === '' || step.startsWith('-') ? step : ` ${step}`;
      x = px;
      y = py;
    }
    this.out.push(`l${steps}z`);
    // After "z" the pen returns to the ring's first point.
    [this.penX, this.penY] = ring[0] as [number, number];
  }
}
