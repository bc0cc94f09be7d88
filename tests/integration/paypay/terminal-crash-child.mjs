// Child process for the PayPay terminal SIGKILL test: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./terminal-crash-child-main.ts');
