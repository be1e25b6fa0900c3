/**
 * Enlace compiled ahead of time: `src/` and the packages that are plain
 * JavaScript bundled by esbuild into ES modules in `dist/<fingerprint>/`, so
 * that a start loads a few files instead of compiling hundreds of TypeScript
 * modules through tsx's hooks (2.6 s → about 1.5 s to the first page).
 *
 * The fingerprint covers every source file (path, size, modification time) and
 * the installed packages: a changed file means a new build, made on the next
 * run of `enlace` (`npm ci` makes the first one). Builds are written to a
 * temporary folder and renamed into place, so processes starting together
 * never load half a build; older builds are removed a day after they were made.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Left to Node.js at run time: native addons, packages that find their own
 * files beside them (PGlite's WebAssembly, pino's workers), and the large ones
 * loaded only when a document is made or a server database is used.
 */
const EXTERNAL = [
  '@electric-sql/pglite',
  '@resvg/resvg-js',
  'argon2',
  'docx',
  'echarts',
  'exceljs',
  'i18n-iso-countries',
  'mammoth',
  'nodemailer',
  'pdfkit',
  'pg',
  'pino',
  'pino-pretty',
];

/** What the build is made from: each source file's path, size and time, and the installed packages. */
export function fingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx|json|css|js|svg)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const { size, mtimeMs } = statSync(full);
        hash.update(`${path.relative(SOURCES, full)}\0${size}\0${mtimeMs}\n`);
      }
    }
  };
  walk(SOURCES);
  for (const file of ['package-lock.json', 'node_modules/.package-lock.json']) {
    const full = path.join(ROOT, file);
    if (existsSync(full)) hash.update(`${file}\0${statSync(full).mtimeMs}\0${statSync(full).size}\n`);
  }
  // The build names the sources' folder: a project copied elsewhere builds again.
  hash.update(ROOT);
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Each module's `import.meta.url` and `import.meta.dirname` keep naming its
 * source file, so that what it finds beside itself (migrations, bundled data,
 * assets) is found from the build too.
 */
function sourceLocations(outdir) {
  return {
    name: 'source-locations',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, (args) => {
        if (!args.path.startsWith(SOURCES)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.')) return undefined;
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        return {
          contents: text
            .replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`)
            .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path))),
          loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
        };
      });
    },
  };
}

/** Builds into `dist/<print>/` unless it is there; resolves with the entry module's path. */
export async function build(print = fingerprint()) {
  const target = path.join(DIST, print);
  const entry = path.join(target, 'main.js');
  if (existsSync(entry)) return entry;
  const { build: esbuild } = await import('esbuild');
  mkdirSync(DIST, { recursive: true });
  const temporary = path.join(DIST, `.building-${process.pid}-${Date.now()}`);
  try {
    await esbuild({
      absWorkingDir: ROOT,
      entryPoints: { main: 'src/cli/main.ts' },
      bundle: true,
      // What a module imports lazily stays in its own file, loaded when first used.
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: EXTERNAL,
      // Packages written as CommonJS call require(); ES modules have none of their own.
      banner: {
        js: "import { createRequire as __enlaceRequire } from 'node:module'; const require = __enlaceRequire(import.meta.url);",
      },
      outdir: temporary,
      // Paths to the sources are worked out from the folder the build is renamed to.
      plugins: [sourceLocations(target)],
      sourcemap: 'linked',
      sourcesContent: false,
      logLevel: 'silent',
    });
    try {
      renameSync(temporary, target);
    } catch (err) {
      // Another process finished the same build first: its copy is as good as this one.
      if (!existsSync(entry)) throw err;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  // Older builds go once unused for a day: a server still running one may yet load its lazy parts.
  for (const old of readdirSync(DIST)) {
    const folder = path.join(DIST, old);
    if (old !== print && Date.now() - statSync(folder).mtimeMs > DAY_MS)
      rmSync(folder, { recursive: true, force: true });
  }
  return entry;
}

/** The compiled entry's URL, building it first if the sources changed. */
export async function compiledEntry() {
  return pathToFileURL(await build()).href;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const entry = await build();
  console.log(`Built ${path.relative(ROOT, entry)} in ${Math.round(performance.now() - started)} ms`);
}
