import type { PurchaseSummary } from '../../../../shared/api/purchases';
import { t } from '../../../../shared/i18n';

/** The Sucesso column: the import succeeded (every listed row did); after a decision, whether it reached iLink. */
export function purchaseSuccess(p: PurchaseSummary): { ok: boolean; text: string } {
  if (!p.decision) return { ok: true, text: '' };
  if (p.decision.state === 'failed')
    return { ok: false, text: p.decision.error ?? t('purchases.decision.failed') };
  return { ok: true, text: t(`purchases.decision.${p.decision.state}`) };
}
