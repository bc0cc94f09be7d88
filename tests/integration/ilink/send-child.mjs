// Child process for the iLink SIGKILL test: runs the TypeScript sources through tsx (like electron/cli/balcao.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./send-child-main.ts');
