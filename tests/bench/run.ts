import fs from 'node:fs';
import path from 'node:path';
import { groups } from './index';

// `npm run bench [group…]`: runs the benchmark groups, prints a table, merges figures into bench-results.json.
const only = process.argv.slice(2);
const outFile = path.resolve(process.cwd(), 'bench-results.json');
const results: Record<string, number> = fs.existsSync(outFile)
  ? (JSON.parse(fs.readFileSync(outFile, 'utf8')) as Record<string, number>)
  : {};

for (const load of groups) {
  const { benchmarks } = await load();
  for (const b of benchmarks) {
    if (only.length && !only.includes(b.name)) continue;
    process.stdout.write(`▶ ${b.name}…\n`);
    const figures = await b.run();
    Object.assign(results, figures);
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k.padEnd(40)} ${v}\n`);
  }
}
fs.writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
process.stdout.write(`\n${'metric'.padEnd(40)} value\n`);
for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(40)} ${v}\n`);
process.stdout.write(`\nwritten to ${outFile}\n`);
