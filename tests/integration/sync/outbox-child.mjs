// Child process for the outbox SIGKILL test: runs the TypeScript sources through tsx (like electron/cli/balcao.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./outbox-child-main.ts');
