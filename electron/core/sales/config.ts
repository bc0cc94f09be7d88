import { z } from 'zod';
import { Money, Percent } from '../../../shared/api/amounts';
import type { Db } from '../db/open';
import { readSetting } from '../system/settings';

/** Settings of the checkout (JSON values in the `setting` table; every read validated). */
export const SALES_SETTING = {
  /** Line or global discount above this % needs a manager's approval. */
  discountLimitPct: 'sales.discount-limit-pct',
  /** Selling needs an open shift on this terminal. */
  requireShift: 'sales.require-shift',
  /**
   * FR/FT to a non-identified private buyer from this gross on need the buyer's identification. Mirrors the
   * fiscal core's `identifyBuyerAbove` (CIVA 36.º n.º 5, [verify]); keep both equal.
   */
  identifyBuyerAbove: 'sales.identify-buyer-above',
  /** Issue 12 item 6 (Gestão › Operadores › Limites): price change, refund, withdrawal, drawer. */
  priceOverridePct: 'approval.price-override-pct',
  refundAmount: 'approval.refund-amount',
  payoutAmount: 'approval.payout-amount',
  drawerOpenNeedsManager: 'approval.drawer-open',
} as const;

export interface SalesConfig {
  discountLimitPct: string;
  requireShift: boolean;
  identifyBuyerAbove: string;
  /** A unit price differing from the catalogue by more than this % needs a manager (0: any change). */
  priceOverridePct: string;
  /** A return whose gross is above this needs a manager (0.00: every return). */
  refundAmount: string;
  /** A cash withdrawal above this needs a manager (0.00: every one). */
  payoutAmount: string;
  drawerOpenNeedsManager: boolean;
}

export const DEFAULT_SALES_CONFIG: SalesConfig = {
  discountLimitPct: '10',
  requireShift: true,
  identifyBuyerAbove: '1000.00',
  // The defaults are the rules from before these were settings: every such action needed a manager.
  priceOverridePct: '0',
  refundAmount: '0.00',
  payoutAmount: '0.00',
  drawerOpenNeedsManager: true,
};

/** Built once: read on every scan (twice), and a zod schema is not free to build (~0.05 ms each). */
const Flag = z.boolean();

export function readSalesConfig(db: Db): SalesConfig {
  return {
    discountLimitPct:
      readSetting(db, SALES_SETTING.discountLimitPct, Percent) ?? DEFAULT_SALES_CONFIG.discountLimitPct,
    requireShift: readSetting(db, SALES_SETTING.requireShift, Flag) ?? DEFAULT_SALES_CONFIG.requireShift,
    identifyBuyerAbove:
      readSetting(db, SALES_SETTING.identifyBuyerAbove, Money) ?? DEFAULT_SALES_CONFIG.identifyBuyerAbove,
    priceOverridePct:
      readSetting(db, SALES_SETTING.priceOverridePct, Percent) ?? DEFAULT_SALES_CONFIG.priceOverridePct,
    refundAmount: readSetting(db, SALES_SETTING.refundAmount, Money) ?? DEFAULT_SALES_CONFIG.refundAmount,
    payoutAmount: readSetting(db, SALES_SETTING.payoutAmount, Money) ?? DEFAULT_SALES_CONFIG.payoutAmount,
    drawerOpenNeedsManager:
      readSetting(db, SALES_SETTING.drawerOpenNeedsManager, Flag) ??
      DEFAULT_SALES_CONFIG.drawerOpenNeedsManager,
  };
}
