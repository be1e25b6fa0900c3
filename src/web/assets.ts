/** Static assets, fingerprinted so browsers may cache them for a year. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const read = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url));
const fingerprint = (data: Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 12);

const css = read('app.css');
const favicon = read('favicon.svg');
const js = read('app.js');
// Squire (squire-rte), the rich-text editor, is served as its own published ES module build.
const squire = Buffer.from(
  readFileSync(createRequire(import.meta.url).resolve('squire-rte/dist/squire.mjs'), 'utf8').replace(
    /\n\/\/# sourceMappingURL=.*\s*$/,
    '\n',
  ),
);
const squirePath = `/assets/squire.${fingerprint(squire)}.mjs`;
const editor = Buffer.from(read('editor.js').toString('utf8').replace("'./squire.mjs'", `'${squirePath}'`));

export const assets = {
  cssPath: `/assets/app.${fingerprint(css)}.css`,
  css,
  /** Progressive enhancement only (autosave, confirmations): every page works without it. */
  jsPath: `/assets/app.${fingerprint(js)}.js`,
  js,
  /** The rich-text editor, loaded by app.js where a textarea asks for it. */
  editorPath: `/assets/editor.${fingerprint(editor)}.js`,
  editor,
  squirePath,
  squire,
  faviconPath: `/assets/favicon.${fingerprint(favicon)}.svg`,
  favicon,
};
