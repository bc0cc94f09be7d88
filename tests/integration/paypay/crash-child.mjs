// Child process for the PayPay SIGKILL test: runs the TypeScript sources through tsx (like electron/cli/balcao.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./crash-child-main.ts');
