import { z } from 'zod';
import { channel } from './define';
import { Empty, IsoDateTime } from './common';

/**
 * The sync service (issue 10): one durable job runner delivers every partner's messages (iLink, PayPay…).
 * The status bar shows each partner like a device: ligado / sem rede / N por enviar / erro.
 */
export const SyncState = z.enum(['online', 'offline', 'pending', 'error']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncPartnerStatus = z.object({
  partner: z.string(),
  /** Name shown to people (e.g. "iLink"). */
  name: z.string(),
  state: SyncState,
  /** pt-PT, as the status bar shows it: "ligado", "sem rede", "3 por enviar", "erro". */
  label: z.string(),
  /** Messages waiting (queued or being sent). */
  pending: z.number().int().nonnegative(),
  /** Messages refused for good or given up: they need someone (see the history). */
  failed: z.number().int().nonnegative(),
  /** pt-PT: the last problem, as the partner or the network reported it. */
  lastError: z.string().nullable(),
  lastSuccessAt: IsoDateTime.nullable(),
  /** Set while the partner asked us to wait (HTTP 429 / Retry-After). */
  pausedUntil: IsoDateTime.nullable(),
});
export type SyncPartnerStatus = z.infer<typeof SyncPartnerStatus>;

export const syncContract = {
  'sync/status': channel({
    input: Empty,
    output: z.array(SyncPartnerStatus),
    access: 'session',
    summary: 'Estado da sincronização com cada parceiro (ligado, sem rede, por enviar, erro)',
  }),
};

export const syncEvents = {
  'sync/status-changed': z.array(SyncPartnerStatus),
};
