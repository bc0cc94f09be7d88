import type { CashPiece } from '../../../shared/api/cash';
import { t, type MessageKey } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';

export { referenceLabel } from '../../../shared/cash/labels';

/** pt-PT names for journal kinds/statuses and inventory levels; unknown codes are shown as they come. */
const KIND: Record<string, MessageKey> = {
  sale: 'cashj.kind.sale',
  payout: 'cashj.kind.payout',
  float: 'cashj.kind.float',
  deposit: 'cashj.kind.deposit',
  replenish: 'cashj.kind.replenish',
  collect: 'cashj.kind.collect',
  cashout: 'cashj.kind.cashout',
  baseline: 'cashj.kind.baseline',
  adjustment: 'cashj.kind.adjustment',
  manual: 'cashj.kind.manual',
};
const STATUS: Record<string, MessageKey> = {
  pending: 'cashj.status.pending',
  done: 'cashj.status.done',
  failed: 'cashj.status.failed',
  reconciled: 'cashj.status.reconciled',
};
const LEVEL: Record<string, MessageKey> = {
  EMPTY: 'cashinv.level.EMPTY',
  NEAR_EMPTY: 'cashinv.level.NEAR_EMPTY',
  EXIST: 'cashinv.level.EXIST',
  NEAR_FULL: 'cashinv.level.NEAR_FULL',
  FULL: 'cashinv.level.FULL',
  MISSING: 'cashinv.level.MISSING',
  NA: 'cashinv.level.NA',
};

const label = (map: Record<string, MessageKey>, code: string): string => {
  const key = map[code];
  return key ? t(key) : code;
};
export const kindLabel = (k: string): string => label(KIND, k);
export const statusLabel = (s: string): string => label(STATUS, s);
export const levelLabel = (l: string): string => label(LEVEL, l);

/** "2 × 20 €, 1 × 0,50 €" */
export function piecesText(pieces: readonly CashPiece[]): string {
  return pieces
    .filter((p) => p.count > 0)
    .map((p) => `${p.count} × ${formatEuro(p.value)}`)
    .join(', ');
}
