import type { DomainHandlers } from '../rpc/dispatch';
import { session } from '../rpc/policy';
import type { SyncService } from './service';

/** Channel handlers for `sync/*` (contract: shared/api/sync.ts). */
export function syncHandlers(sync: SyncService): DomainHandlers<'sync/status'> {
  return {
    'sync/status': session(() => sync.status()),
  };
}
