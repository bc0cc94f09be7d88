// Worker-thread entry of the SAF-T helper thread (parallel.ts) from the sources: loads the TypeScript through
// tsx, like the `balcao` command's own sources (the bundled command has its own entry: saft-pages-worker.js).
import { register } from 'tsx/esm/api';

register();
await import('./pages-worker.ts');
