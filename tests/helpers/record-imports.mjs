// `node --import tests/helpers/record-imports.mjs …`: appends every module the process resolves (one URL or
// package name a line) to the file named by BALCAO_RECORD_IMPORTS. Used to check what a command loads.
import { register } from 'node:module';

if (process.env.BALCAO_RECORD_IMPORTS) {
  register(
    `data:text/javascript,${encodeURIComponent(`
      import fs from 'node:fs';
      const log = ${JSON.stringify(process.env.BALCAO_RECORD_IMPORTS)};
      export async function resolve(specifier, context, next) {
        const r = await next(specifier, context);
        fs.appendFileSync(log, r.url + '\\n');
        return r;
      }`)}`,
  );
}
