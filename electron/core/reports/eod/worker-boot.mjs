// Worker-thread entry of the end-of-day computation (run.ts computeInWorker): loads the TypeScript sources
// through tsx, like the `balcao` command, then runs the read-only computation and posts the draft back.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
