import type { SyncPartnerStatus } from '../../../shared/api/sync';
import { t } from '../../../shared/i18n';
import type { JobRunner } from '../jobs/runner';

/**
 * Per-partner sync state from the job table, for the status bar: `erro` when a message was refused for good
 * (someone must look), `sem rede` when messages wait and the last attempt could not reach the partner,
 * `N por enviar` when messages wait, else `ligado`.
 */
export function syncStatus(
  runner: JobRunner,
  names: ReadonlyMap<string, string>,
  now: Date,
): SyncPartnerStatus[] {
  const counts = new Map<string, { pending: number; failed: number }>();
  for (const p of names.keys()) counts.set(p, { pending: 0, failed: 0 });
  for (const r of runner.store.countsByPartner(runner.kindsWithStatus())) {
    const c = counts.get(r.partner) ?? { pending: 0, failed: 0 };
    if (r.state === 'queued' || r.state === 'running') c.pending += Number(r.n);
    else if (r.state === 'failed' || r.state === 'dead') c.failed += Number(r.n);
    counts.set(r.partner, c);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([partner, c]) => {
      const p = runner.store.partner(partner);
      const offline = c.pending > 0 && p?.last_network_error === 1;
      const state = c.failed > 0 ? 'error' : offline ? 'offline' : c.pending > 0 ? 'pending' : 'online';
      const label =
        state === 'error'
          ? t('sync.error')
          : state === 'offline'
            ? t('sync.offline')
            : state === 'pending'
              ? t('sync.pending', { count: c.pending })
              : t('sync.online');
      return {
        partner,
        name: names.get(partner) ?? partner,
        state,
        label,
        pending: c.pending,
        failed: c.failed,
        lastError: p?.last_outcome === 'succeeded' ? null : (p?.last_error ?? null),
        lastSuccessAt: p?.last_success_at ?? null,
        pausedUntil: p?.paused_until && p.paused_until > now.toISOString() ? p.paused_until : null,
      };
    });
}
