// Child process for the outbox SIGKILL test: runs the TypeScript sources through tsx (like `BALCAO_DEV=1 balcao`).
import { register } from 'tsx/esm/api';

register();
await import('./outbox-child-main.ts');
