import type { JournalEntry } from '../../../shared/api/cash';
import type { PosClient } from '../api/client';
import { createStore } from '../app/store';

/**
 * Cash-machine operations a manager must review (interrupted at start-up or with count differences). Kept
 * outside React so the header badge, the banner and the cash screen share one list; loaded for a gerente
 * only (the channel is manager-only) and refreshed on `cash/review-needed` and after an acknowledgement.
 */
export const cashReviewStore = createStore<readonly JournalEntry[]>([]);

export async function refreshCashReview(client: PosClient): Promise<void> {
  const env = await client.tryCall('cash/review-list', {});
  if (env.ok) cashReviewStore.set(env.value);
}
