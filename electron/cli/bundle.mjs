// The `balcao` command runs as bundled JavaScript (out/cli/), built from the TypeScript sources by esbuild.
// Plain JavaScript on purpose: it must run before anything can be transpiled.
//
// The bundle is rebuilt only when it is stale: out/cli/current.json records every source file esbuild read
// (its metafile) with its mtime and size; if one differs or is gone, the sources changed and we rebuild
// (about 0,5 s). Checking costs one stat per source file (a few ms), so `balcao` itself can do it at every
// start and nobody ever runs a stale CLI — not a user after `git pull`, not a test after an edit.
//
// Builds go to a fresh folder (out/cli/b-<time>-<pid>/) and current.json is replaced atomically (rename), so
// processes starting while another one builds read either the old complete bundle or the new complete one.
// Old folders are removed once they are an hour old (a long-running `balcao serve` may still load a lazy
// chunk from its own folder).
//
// Pure-JavaScript packages the core imports at start (zod, kysely, …) are bundled too: kysely alone is some
// 400 files, and resolving and reading them one by one was a good part of `balcao serve`'s start. Packages
// with native addons (better-sqlite3, serialport, usb) or data files read at run time (pdfkit's fonts) stay
// external and load from node_modules as usual.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI_OUT = path.join(ROOT, 'out', 'cli');
const POINTER = path.join(CLI_OUT, 'current.json');
/** Bumped when the build options change, so an older bundle is never taken for current. */
const FORMAT = 1;
/** Files that shape the bundle without being imported by it. */
const EXTRA_INPUTS = ['electron/cli/bundle.mjs', 'tsconfig.json', 'tsconfig.node.json', 'package.json'];
const KEEP_OLD_MS = 60 * 60 * 1000;
/** Packages our sources import that are bundled (with what they import); every other package stays external. */
const INLINE = new Set(['zod', 'kysely', 'decimal.js', 'fast-xml-parser', 'ws', 'qrcode', 'pngjs']);

const packageName = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

/** esbuild plugin: bare imports are external unless listed in INLINE or imported by an inlined package. */
const externals = {
  name: 'balcao-externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const fromPackage = args.importer.includes(`${path.sep}node_modules${path.sep}`);
      if (fromPackage || INLINE.has(packageName(args.path))) return undefined;
      return { external: true };
    });
  },
};

/** @returns {{format:number, dir:string, inputs:Record<string,[number,number]>} | null} */
function readPointer() {
  try {
    return JSON.parse(fs.readFileSync(POINTER, 'utf8'));
  } catch {
    return null;
  }
}

/** True when every recorded source still has the recorded mtime and size. */
function isCurrent(p) {
  if (!p || p.format !== FORMAT || typeof p.dir !== 'string' || !p.inputs) return false;
  for (const [rel, [mtime, size]] of Object.entries(p.inputs)) {
    let st;
    try {
      st = fs.statSync(path.join(ROOT, rel));
    } catch {
      return false;
    }
    if (st.mtimeMs !== mtime || st.size !== size) return false;
  }
  return fs.existsSync(path.join(CLI_OUT, p.dir, 'main.js'));
}

/** Path of the current bundle's entry, or null when it must be (re)built. */
export function currentCliEntry() {
  const p = readPointer();
  return isCurrent(p) ? path.join(CLI_OUT, p.dir, 'main.js') : null;
}

function pruneOld(keep) {
  let names;
  try {
    names = fs.readdirSync(CLI_OUT);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith('b-') || name === keep) continue;
    const dir = path.join(CLI_OUT, name);
    try {
      if (now - fs.statSync(dir).mtimeMs > KEEP_OLD_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // another process pruned it first
    }
  }
}

/** Builds the CLI bundle and makes it current; returns the path of its entry. */
export async function buildCli() {
  const esbuild = await import('esbuild');
  const started = Date.now();
  const dir = `b-${started.toString(36)}-${process.pid}`;
  const outdir = path.join(CLI_OUT, dir);
  const r = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'electron/cli/main.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Each command's heavy imports are dynamic: with splitting they become chunks that `--help` never loads.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    plugins: [externals],
    // Bundled CommonJS packages (ws, qrcode) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __balcaoRequire } from 'node:module'; const require = __balcaoRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    metafile: true,
    charset: 'utf8',
    logLevel: 'warning',
  });
  // A bundled package counts as its package.json (its version): one stat instead of hundreds of files.
  const files = new Set(EXTRA_INPUTS);
  for (const rel of Object.keys(r.metafile.inputs)) {
    const m = /^(.*?node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(rel);
    files.add(m ? `${m[1]}/package.json` : rel);
  }
  const inputs = {};
  for (const rel of files) {
    const st = fs.statSync(path.join(ROOT, rel));
    // A file changed while we were building may not be in the bundle: record it as stale.
    inputs[rel] = [st.mtimeMs >= started ? -1 : st.mtimeMs, st.size];
  }
  const tmp = `${POINTER}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ format: FORMAT, dir, builtAt: started, inputs }));
  fs.renameSync(tmp, POINTER);
  pruneOld(dir);
  return path.join(outdir, 'main.js');
}

/** The current bundle's entry, built first if the sources changed. */
export async function cliEntry() {
  return currentCliEntry() ?? (await buildCli());
}

// `node electron/cli/bundle.mjs` (npm run build:cli): build now if stale, print where.
if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const fresh = currentCliEntry();
  const entry = fresh ?? (await buildCli());
  console.log(
    `${fresh ? 'Comando balcao já atualizado' : 'Comando balcao construído'}: ${path.relative(ROOT, entry)}`,
  );
}
