// Child process for the purchase SIGKILL test: runs the TypeScript sources through tsx (like stock-child.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./confirm-child-main.ts');
