/** Static assets, fingerprinted so browsers may cache them for a year. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('./assets/app.css', import.meta.url));
const cssHash = createHash('sha256').update(css).digest('hex').slice(0, 12);

export const assets = {
  cssPath: `/assets/app.${cssHash}.css`,
  css,
};
