// Child process for the crash-recovery test: runs the TypeScript sources through tsx (like `BALCAO_DEV=1 balcao`).
import { register } from 'tsx/esm/api';

register();
await import('./crash-child-main.ts');
