// Child process for the stock SIGKILL test: runs the TypeScript sources through tsx (like electron/cli/balcao.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./stock-child-main.ts');
