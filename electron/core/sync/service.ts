import type { SyncPartnerStatus } from '../../../shared/api/sync';
import type { CoreContext } from '../context';
import type { JobRunner } from '../jobs/runner';
import { createDocumentHooks, type DocumentHooks } from './document-hooks';
import { syncStatus } from './status';

/**
 * The sync service: the job runner that delivers every partner's messages, the fiscal document hooks a partner
 * uses to write its outbox entry in the document's own transaction (outbox.ts), and the status per partner.
 */
export function createSyncService(ctx: CoreContext, runner: JobRunner) {
  const hooks: DocumentHooks = createDocumentHooks();
  const names = new Map<string, string>();
  let timer: NodeJS.Timeout | null = null;
  const status = (): SyncPartnerStatus[] => syncStatus(runner, names, ctx.clock.now());
  // Coalesced: a burst of 1 000 deliveries pushes one status per tick, not 1 000.
  const unsubscribe = runner.onChange(() => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const s = status();
      if (s.length) ctx.events.emit('sync/status-changed', s);
    }, 250);
    timer.unref?.();
  });
  return {
    hooks,
    runner,
    /** A partner shown in the status bar even before its first message (e.g. iLink once configured). */
    declarePartner(partner: string, name: string): void {
      names.set(partner, name);
    },
    status,
    stop(): void {
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;
