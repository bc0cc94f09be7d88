// Worker-thread entry of the SAF-T export from the screen (exports-run.ts): loads the TypeScript sources
// through tsx, like the `balcao` command, then runs the read-only export, posting its progress.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
