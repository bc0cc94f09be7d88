import { whileTaking } from './customer';
import type { SaleCtx } from './sale';
import { MANAGER_PIN } from './till';

/**
 * Till operations between sales: returns (an NC against a recent document, refunded by drawer, card or the
 * CI-5) and pay-ins/outs (drawer or CI-5). Unknown outcomes are resolved by the driver's restart path; a return
 * whose answer was lost is looked up again (the NC is then seen in the document's `correctedBy`).
 */
export interface OpsCounters {
  returns: number;
  returnsRefused: string[];
  movements: number;
  movementsRefused: string[];
  /** CI-5 collections and replenishments done by the manager's upkeep (upkeep.ts), and their refusals. */
  upkeep: number;
  upkeepRefused: string[];
}

export type RefundMethod = 'cash-manual' | 'card' | 'cash-machine';
export interface MovementPlan {
  kind: 'payin' | 'payout';
  via: 'manual' | 'machine';
}

export async function doReturn(
  c: SaleCtx,
  refundMethod: RefundMethod,
  docNo: string,
  n: OpsCounters,
): Promise<void> {
  const found = await c.till.try('sales/find-document', { query: docNo });
  if (found.kind !== 'ok' || !found.value.canReturn.allowed) return;
  const line = found.value.returnable.find((l) => Number(l.remaining) >= 1);
  if (!line) return;
  const r = await whileTaking(
    c.sim,
    c.till.try('sales/return', {
      documentId: found.value.document.id,
      lines: [{ lineId: line.lineId, quantity: '1' }],
      reason: 'Devolução (soak)',
      refundMethod,
      approval: { pin: MANAGER_PIN },
    }),
  );
  if (r.kind === 'ok') n.returns++;
  else n.returnsRefused.push(`${docNo} via ${refundMethod}: ${r.code} ${r.message}`);
}

export async function doMovement(c: SaleCtx, { kind, via }: MovementPlan, n: OpsCounters): Promise<void> {
  const amount = kind === 'payin' ? '5.00' : '2.00';
  const call = c.till.try('shifts/cash-movement', {
    kind,
    amount,
    reason: kind === 'payin' ? 'Entrada (soak)' : 'Saída (soak)',
    via,
    ...(kind === 'payout' ? { approval: { pin: MANAGER_PIN } } : {}),
  });
  call.catch(() => undefined); // awaited below; this only marks a lost answer as handled meanwhile
  let work: Promise<unknown> = call;
  if (kind === 'payin' && via === 'machine') {
    // The operator feeds a 5 € note; the deposit ends by itself once the machine has counted the amount.
    work = (async () => {
      for (let i = 0; i < 30; i++) {
        const st = await c.sim.state();
        if (st.transaction === 'cashin') {
          await c.sim.insert([500]);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return call;
    })();
  }
  const r = (await whileTaking(c.sim, work)) as Awaited<typeof call>;
  if (r.kind === 'ok') n.movements++;
  else n.movementsRefused.push(`${kind} ${amount} via ${via}: ${r.code} ${r.message}`);
}
