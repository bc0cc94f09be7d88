import type { SaleCtx } from './sale';
import type { OpsCounters } from './ops';
import { CAIXA, MANAGER, MANAGER_PIN } from './till';

/**
 * The manager's upkeep of the CI-5 between sales, as a shop does it: when a note or coin recycler is near full,
 * a collection (recolha) to the cassette; when a change coin is near empty, a replenishment (carregamento de
 * trocos) through the entrance. Without it a long run fills the 5 € and 10 € recyclers and empties the
 * change coins, so that more and more sales end in refused notes and change shortages that wait out their
 * timeouts: a 2 000-sale run slowed from ~37 to ~4 sales a minute after 250 sales. Both operations go through
 * the POS and its cash journal (as a manager at the till would do them), so the cash figures keep holding.
 * The decision reads the machine's own levels (the simulator's inventory, §2.5 level codes).
 */

/** Level codes of the inventory (glory-ci5.md §2.5). */
const NEAR_EMPTY = 1;
const NEAR_FULL = 3;
/** Pieces left in a note / coin recycler after a collection, and brought back per coin by a replenishment. */
const KEEP_NOTES = 20;
const KEEP_COINS = 40;
const REFILL_COINS = 30;

export interface UpkeepPlan {
  collect: { value: string; count: number }[];
  refill: number[];
}

/** What a manager would do, from the machine's levels; null when the machine is in its working range. */
export function planUpkeep(
  denominations: { fv: number; devid: number; piece: number; level?: number }[],
): UpkeepPlan | null {
  // Coins fill up too (a run of 2 000 sales filled the 5 c recycler: 150 pieces, every 5 c then refused).
  const keep = (d: { devid: number }): number => (d.devid === 1 ? KEEP_NOTES : KEEP_COINS);
  const collect = denominations
    .filter((d) => (d.level ?? 0) >= NEAR_FULL && d.piece > keep(d))
    .map((d) => ({ value: (d.fv / 100).toFixed(2), count: d.piece - keep(d) }));
  const refill = denominations
    .filter((d) => d.devid === 2 && (d.level ?? 2) <= NEAR_EMPTY && d.piece < REFILL_COINS)
    .flatMap((d) => Array.from({ length: REFILL_COINS - d.piece }, () => d.fv));
  return collect.length === 0 && refill.length === 0 ? null : { collect, refill };
}

/**
 * Runs the plan as the manager (logs in on the till, then back as the cashier). A refusal is recorded; a lost
 * answer throws ServerGone like any till call, and the driver's restart path resolves it.
 */
export async function upkeep(c: SaleCtx, n: OpsCounters): Promise<void> {
  const plan = planUpkeep((await c.sim.inventory()).denominations);
  if (!plan) return;
  if (!(await c.till.client.login(MANAGER.id, MANAGER_PIN))) {
    n.upkeepRefused.push('login do gerente recusado');
    return;
  }
  try {
    if (plan.collect.length > 0) {
      const r = await c.till.try('cash/collect', { to: 'cassette', pieces: plan.collect });
      if (r.kind === 'ok') n.upkeep++;
      else n.upkeepRefused.push(`recolha: ${r.code} ${r.message}`);
    }
    if (plan.refill.length > 0) {
      const start = await c.till.try('cash/replenish-start', {});
      if (start.kind !== 'ok') n.upkeepRefused.push(`carregamento: ${start.code} ${start.message}`);
      else {
        for (let i = 0; i < 30 && (await c.sim.state()).transaction !== 'cashin'; i++)
          await new Promise((r) => setTimeout(r, 100));
        await c.sim.insert(plan.refill);
        const end = await c.till.try('cash/replenish-end', { cancel: false });
        if (end.kind === 'ok') n.upkeep++;
        else n.upkeepRefused.push(`carregamento (fim): ${end.code} ${end.message}`);
      }
    }
  } finally {
    if (c.till.server?.alive) await c.till.client.login(CAIXA.id, CAIXA.pin);
  }
}
