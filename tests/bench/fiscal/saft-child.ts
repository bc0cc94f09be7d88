// Runs one SAF-T export in its own process so its peak RSS is the export's, not the benchmark runner's.
// argv: <dbFile> <outFile>; prints {"seconds":…, "peakRssMb":…, "bytes":…}.
import { openDatabase } from '../../../electron/core/db/open';
import { exportSaft } from '../../../electron/core/fiscal/saft/export';

const [dbFile, out] = process.argv.slice(2);
const db = openDatabase(dbFile, { readonly: true });
const t0 = performance.now();
const r = exportSaft(db, {
  from: '2025-01-01',
  to: '2025-12-31',
  out,
  training: true,
  productVersion: 'bench',
});
const seconds = (performance.now() - t0) / 1000;
db.close();
process.stdout.write(
  JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, bytes: r.bytes }) + '\n',
);
