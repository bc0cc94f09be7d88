import { cashNode, cashOfType, el, optionNode, type Denom, type GloryResponse } from './codec';
import { Result } from './codes';
import { changeOutcome, type ChangeOutcome } from './device-types';
import { GloryLink } from './link';
import type { ActiveTx, Phase } from './state';
import { resultError } from './results';

export { changeOutcome };
export type { ChangeOutcome, DeviceEvents, GloryDeviceConfig } from './device-types';

/**
 * Glory CI-5 driver: start-up sequence (Open → RegisterEvent → Occupy → AdjustTime → GetStatus, glory-ci5.md
 * §2.7), the operations of issue 4, session re-open on 21/22, heartbeat watchdog and reconnect with backoff.
 */
export class GloryDevice extends GloryLink {
  /** Waits until the device is ready (or any of `phases`), up to `timeoutMs`. */
  waitFor(phases: Phase[], timeoutMs: number): Promise<boolean> {
    if (phases.includes(this.phase)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const off = this.on('phase', (p) => {
        if (!phases.includes(p.phase)) return;
        clearTimeout(t);
        off();
        resolve(true);
      });
      const t = setTimeout(() => {
        off();
        resolve(false);
      }, timeoutMs);
    });
  }

  /** Throws the state machine's pt-PT refusal when a new transaction could not start now. */
  async assertCanStart(): Promise<void> {
    await this.guard('start-tx');
  }

  async #tx<T>(tx: Exclude<ActiveTx, null>, fn: () => Promise<T>): Promise<T> {
    await this.guard('start-tx');
    this.set({ activeTx: tx });
    try {
      return await fn();
    } finally {
      this.set({ activeTx: null });
    }
  }

  /** GetStatus (option 0). */
  async status(): Promise<GloryResponse> {
    const r = await this.call('query', 'Status', [optionNode(0)]);
    if (r.result !== Result.SUCCESS) throw resultError('GetStatus', r.result);
    return r;
  }

  /** InventoryOperation option 0 → Cash type 3 (machine) and 4 (dispensable) (glory-ci5.md §2.2). */
  async inventory(): Promise<{ machine: Denom[]; dispensable: Denom[] }> {
    const r = await this.call('query', 'Inventory', [optionNode(0)]);
    if (r.result !== Result.SUCCESS) throw resultError('Inventory', r.result);
    return { machine: cashOfType(r, 3), dispensable: cashOfType(r, 4) };
  }

  /**
   * ChangeOperation: positive amount = sale with change, negative = pay-out/refund (glory-ci5.md §2.2). Blocks
   * until the machine finishes. Option type=1 asks the machine to stop in WAITING_CANCEL when change is short.
   */
  change(
    amountCents: number,
    opts: { seqNo: string; cancelOnShortChange?: boolean },
  ): Promise<ChangeOutcome> {
    return this.#tx('sale', async () => {
      const body = [el('Amount', amountCents)];
      if (opts.cancelOnShortChange) body.push(optionNode(1));
      const r = await this.call('in-tx', 'Change', body, {
        timeoutMs: this.timeouts.changeMs,
        seqNo: opts.seqNo,
      });
      return changeOutcome(r);
    });
  }

  /** ChangeCancelOperation; the pending change() then resolves with result 1 (or 9) and the returned cash. */
  async cancelChange(): Promise<void> {
    const r = await this.call('cancel-sale', 'ChangeCancel', []);
    if (r.result !== Result.SUCCESS) throw resultError('ChangeCancel', r.result);
  }

  /**
   * ChangeCancel for a sale this driver did not start in this process (a dead POS started it in the session we
   * re-used, README "Recovery after a crash"): the FCC returns the inserted cash and goes back to IDLE; the
   * blocked ChangeResponse goes to nobody, so the result is read from the count. Only while the machine is
   * still waiting for / counting the customer's cash (codes 2, 3, 4, 23).
   */
  async cancelOrphanedChange(): Promise<boolean> {
    if (this.state.activeTx) return false;
    await this.refreshStatus().catch(() => undefined);
    if (![2, 3, 4, 23].includes(this.state.machineCode)) return false;
    const r = await this.call('in-tx', 'ChangeCancel', []);
    return r.result === Result.SUCCESS;
  }

  /**
   * The deposit (CashinCancel) or replenishment (ReplenishmentFromEntranceCancel) a dead POS left open in the
   * session we re-used: nobody will end it, and the machine refuses every other operation until someone does, so
   * recovery cancels it and the machine returns what was fed (the operator repeats the pay-in). Only while the
   * machine is still taking cash (codes 2, 3, 4, 23); false when there is nothing to cancel. The returned cash is
   * read from the count by the reconciliation, as for an orphaned sale.
   */
  async cancelOrphanedDeposit(kind: 'cashin' | 'replenish'): Promise<boolean> {
    if (this.state.activeTx) return false;
    await this.refreshStatus().catch(() => undefined);
    // The machine's own states of an open deposit (glory-ci5.md §2.5): a cash-in waits in 2/3/4/23, a
    // replenishment in 16 (WAITING_REPLENISHMENT) or 17 (COUNTING_REPLENISHMENT). Checking only the cash-in
    // states left an orphaned replenishment blocking the machine for good (found by the 2 000-sale soak).
    const open = kind === 'cashin' ? [2, 3, 4, 23] : [16, 17];
    if (!open.includes(this.state.machineCode)) return false;
    const op = kind === 'cashin' ? 'CashinCancel' : 'ReplenishmentFromEntranceCancel';
    const r = await this.call('in-tx', op, [], { timeoutMs: this.timeouts.cashinMs });
    return r.result === Result.SUCCESS;
  }

  /** StartCashin (option 0 = notes and coins); the deposit stays open until endCashin/cancelCashin. */
  async startCashin(seqNo: string): Promise<void> {
    await this.guard('start-tx');
    this.set({ activeTx: 'cashin' });
    try {
      const r = await this.call('in-tx', 'StartCashin', [optionNode(0)], { seqNo });
      if (r.result !== Result.SUCCESS) throw resultError('StartCashin', r.result);
    } catch (e) {
      this.set({ activeTx: null });
      throw e;
    }
  }

  /** EndCashin: keeps the counted cash. [ASSUMPTION] counted cash is in `Cash` of any type (taken as "in"). */
  async endCashin(seqNo: string): Promise<ChangeOutcome> {
    const r = await this.call('end-cashin', 'EndCashin', [], { timeoutMs: this.timeouts.cashinMs, seqNo });
    if (r.result === Result.SUCCESS) this.set({ activeTx: null });
    return { result: r.result, cashIn: r.cash.flatMap((c) => c.denominations), cashOut: [] };
  }

  /** CashinCancel: returns what was inserted (2 × Cash, glory-ci5.md §2.2). */
  async cancelCashin(seqNo: string): Promise<ChangeOutcome> {
    const r = await this.call('end-cashin', 'CashinCancel', [], {
      timeoutMs: this.timeouts.cashinMs,
      seqNo,
    });
    if (r.result === Result.SUCCESS) this.set({ activeTx: null });
    return changeOutcome(r);
  }

  /** Replenishment from the entrance (float loading without a sale). */
  async startReplenishment(seqNo: string): Promise<void> {
    await this.guard('start-tx');
    this.set({ activeTx: 'replenish' });
    try {
      const r = await this.call('in-tx', 'StartReplenishmentFromEntrance', [], { seqNo });
      if (r.result !== Result.SUCCESS) throw resultError('StartReplenishmentFromEntrance', r.result);
    } catch (e) {
      this.set({ activeTx: null });
      throw e;
    }
  }

  async endReplenishment(seqNo: string, cancel = false): Promise<ChangeOutcome> {
    const op = cancel ? 'ReplenishmentFromEntranceCancel' : 'EndReplenishmentFromEntrance';
    const r = await this.call('end-replenish', op, [], { timeoutMs: this.timeouts.cashinMs, seqNo });
    if (r.result === Result.SUCCESS) this.set({ activeTx: null });
    return cancel
      ? changeOutcome(r)
      : { result: r.result, cashIn: r.cash.flatMap((c) => c.denominations), cashOut: [] };
  }

  /** CashoutOperation with explicit denominations (Cash type=2, S7). */
  cashout(denoms: Denom[], seqNo: string): Promise<ChangeOutcome> {
    return this.#tx('cashout', async () => {
      const r = await this.call('in-tx', 'Cashout', [cashNode(2, denoms, this.cfg.currency)], {
        timeoutMs: this.timeouts.changeMs,
        seqNo,
      });
      return { result: r.result, cashIn: [], cashOut: r.cash.flatMap((c) => c.denominations) };
    });
  }

  /**
   * CollectOperation: option 0 = to the collection cassette, 1 = to the exit; Cash type=5 lists what to collect
   * (glory-ci5.md §2.2). [ASSUMPTION] the response `Cash` lists what was collected.
   */
  collect(opts: { to: 'cassette' | 'exit'; denoms: Denom[]; seqNo: string }): Promise<ChangeOutcome> {
    return this.#tx('collect', async () => {
      const r = await this.call(
        'in-tx',
        'Collect',
        [
          optionNode(opts.to === 'exit' ? 1 : 0),
          el('Mix', undefined, { type: 0 }),
          cashNode(5, opts.denoms, this.cfg.currency),
        ],
        { timeoutMs: this.timeouts.changeMs, seqNo: opts.seqNo },
      );
      return { result: r.result, cashIn: [], cashOut: r.cash.flatMap((c) => c.denominations) };
    });
  }

  async lockUnit(type: number, unlock = false): Promise<void> {
    const op = unlock ? 'UnLockUnit' : 'LockUnit';
    const r = await this.call('start-tx', op, [optionNode(type)]);
    if (r.result !== Result.SUCCESS) throw resultError(op, r.result);
  }

  /** ResetOperation: error recovery; cancels an ongoing transaction (its response returns result 2). */
  async reset(): Promise<void> {
    const r = await this.call('reset', 'Reset', [], { timeoutMs: this.timeouts.resetMs });
    if (r.result !== Result.SUCCESS) throw resultError('Reset', r.result);
    await this.refreshStatus().catch(() => undefined);
  }

  async exitCover(open: boolean): Promise<void> {
    const op = open ? 'OpenExitCover' : 'CloseExitCover';
    const r = await this.call('cover', op, []);
    if (r.result !== Result.SUCCESS) throw resultError(op, r.result);
  }
}
