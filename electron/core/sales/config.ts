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
} as const;

export interface SalesConfig {
  discountLimitPct: string;
  requireShift: boolean;
  identifyBuyerAbove: string;
}

export const DEFAULT_SALES_CONFIG: SalesConfig = {
  discountLimitPct: '10',
  requireShift: true,
  identifyBuyerAbove: '1000.00',
};

export function readSalesConfig(db: Db): SalesConfig {
  return {
    discountLimitPct:
      readSetting(db, SALES_SETTING.discountLimitPct, Percent) ?? DEFAULT_SALES_CONFIG.discountLimitPct,
    requireShift:
      readSetting(db, SALES_SETTING.requireShift, z.boolean()) ?? DEFAULT_SALES_CONFIG.requireShift,
    identifyBuyerAbove:
      readSetting(db, SALES_SETTING.identifyBuyerAbove, Money) ?? DEFAULT_SALES_CONFIG.identifyBuyerAbove,
  };
}
