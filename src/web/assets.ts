/** Static assets, fingerprinted so browsers may cache them for a year. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const read = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url));
const fingerprint = (data: Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 12);

const css = read('app.css');
const favicon = read('favicon.svg');
const js = read('app.js');

export const assets = {
  cssPath: `/assets/app.${fingerprint(css)}.css`,
  css,
  /** Progressive enhancement only (autosave, confirmations): every page works without it. */
  jsPath: `/assets/app.${fingerprint(js)}.js`,
  js,
  faviconPath: `/assets/favicon.${fingerprint(favicon)}.svg`,
  favicon,
};
