#!/usr/bin/env node
// `balcao` entry point. Runs the bundled JavaScript (out/cli/, rebuilt here first when the sources changed —
// see bundle.mjs), which starts about as fast as Node itself. BALCAO_DEV=1 runs the TypeScript sources
// through tsx instead (slower to start, nothing to build; handy while debugging with source positions).
// If the bundle cannot be built here (a read-only install), the sources are run the same way.
const argv = process.argv.slice(2);

async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('./main.ts');
}

async function fromBundle() {
  const { cliEntry } = await import('./bundle.mjs');
  let entry;
  try {
    entry = await cliEntry();
  } catch (e) {
    process.stderr.write(
      `Aviso: não foi possível construir o comando balcao (${e instanceof Error ? e.message : String(e)}); a correr as fontes.\n`,
    );
    return fromSources();
  }
  const { pathToFileURL } = await import('node:url');
  try {
    return await import(pathToFileURL(entry).href);
  } catch (e) {
    // Another process pruned that (hour-old) build between our check and the import: take the current one.
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes(entry)) throw e;
    return import(pathToFileURL(await cliEntry()).href);
  }
}

const { main } = process.env.BALCAO_DEV === '1' ? await fromSources() : await fromBundle();
process.exitCode = await main(argv);
