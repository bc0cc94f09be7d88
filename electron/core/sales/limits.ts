import { z } from 'zod';
import type { ApprovalLimits, SettingChange } from '../../../shared/api/operators';
import { Dec } from '../../../shared/money';
import type { Db } from '../db/open';
import type { CoreContext } from '../context';
import { writeSetting } from '../system/settings';
import { readSalesConfig, SALES_SETTING } from './config';

/**
 * The limits above which a caixa needs a gerente (issue 12 item 6), kept as checkout settings (sales/config.ts)
 * and read by the rules on every call: a change applies to the next line, return or withdrawal. Every change is
 * audited field by field (who, when, old → new) as `settings.approval-limit-changed`.
 */
export const LIMIT_KEYS: Record<keyof ApprovalLimits, string> = {
  discountPct: SALES_SETTING.discountLimitPct,
  priceOverridePct: SALES_SETTING.priceOverridePct,
  refundAmount: SALES_SETTING.refundAmount,
  payoutAmount: SALES_SETTING.payoutAmount,
  drawerOpenNeedsManager: SALES_SETTING.drawerOpenNeedsManager,
};

const AUDIT = 'settings.approval-limit-changed';

export function readApprovalLimits(db: Db): ApprovalLimits {
  const c = readSalesConfig(db);
  return {
    discountPct: c.discountLimitPct,
    priceOverridePct: c.priceOverridePct,
    refundAmount: c.refundAmount,
    payoutAmount: c.payoutAmount,
    drawerOpenNeedsManager: c.drawerOpenNeedsManager,
  };
}

const AuditDetails = z.object({ field: z.string(), from: z.string(), to: z.string() });

export function approvalLimitsHistory(db: Db, max = 50): SettingChange[] {
  const rows = db.all(
    db.k
      .selectFrom('audit_log as a')
      .leftJoin('operator as o', 'o.id', 'a.operator_id')
      .select(['a.at', 'a.details', 'o.name'])
      .where('a.action', '=', AUDIT)
      .orderBy('a.id', 'desc')
      .limit(max),
  );
  return rows.flatMap((r) => {
    const d = AuditDetails.safeParse(JSON.parse(r.details));
    return d.success ? [{ at: r.at, operatorName: r.name, ...d.data }] : [];
  });
}

/** Same decimal meaning, different text ("10" and "10.00"): not a change worth an audit row. */
const same = (a: string | boolean, b: string | boolean): boolean =>
  typeof a === 'boolean' || typeof b === 'boolean' ? a === b : new Dec(a).eq(b);

export function saveApprovalLimits(ctx: CoreContext, operatorId: number, next: ApprovalLimits): void {
  ctx.db.tx(() => {
    const before = readApprovalLimits(ctx.db);
    for (const field of Object.keys(LIMIT_KEYS) as Array<keyof ApprovalLimits>) {
      if (same(before[field], next[field])) continue;
      writeSetting(ctx.db, LIMIT_KEYS[field], next[field]);
      ctx.audit(AUDIT, operatorId, { field, from: String(before[field]), to: String(next[field]) });
    }
  });
}
