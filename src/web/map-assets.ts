/**
 * The shapes of the map of the Americas, served once as a fingerprinted
 * asset that browsers keep for a year: maps on pages refer to them instead
 * of carrying 150 KB of paths each time.
 */
import { createHash } from 'node:crypto';
import { renderAmericasShapes } from '../render/map/americas-map.ts';

let shapes: { path: string; body: string } | undefined;

/** Drawn on first use, not at start-up. */
export function americasShapes(): { path: string; body: string } {
  if (!shapes) {
    const body = renderAmericasShapes();
    const fingerprint = createHash('sha256').update(body).digest('hex').slice(0, 12);
    shapes = { path: `/assets/americas.${fingerprint}.svg`, body };
  }
  return shapes;
}
