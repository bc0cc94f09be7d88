import type { GloryMachine, Reply } from './machine';
import { exactPieces, mergeDenoms, sumCents, type DevId, type SimDenom } from './stock';
import { cashXml, type Field } from './xml';

/**
 * Money transactions of the simulated FCC, walking the status codes of glory-ci5.md §2.7 (order of intermediate
 * codes is an [ASSUMPTION] there too): Change 2 → 3 → 4[Amount] … → 10 → 5[Amount] → 7 → 1; cancel 9 → 7 → 1;
 * shortage with Option type=1 → 23 until ChangeCancel, otherwise result 10 with partial change.
 */
interface ChangeTx {
  kind: 'change';
  due: number;
  option1: boolean;
  seqNo?: string;
  escrow: SimDenom[];
  stage: 'paying' | 'short' | 'closing';
  resolve(r: Reply): void;
}
interface DepositTx {
  kind: 'cashin' | 'replenish';
  escrow: SimDenom[];
}
interface OutTx {
  kind: 'cashout';
}
type Tx = ChangeTx | DepositTx | OutTx;

const cash = (type: number, ds: readonly SimDenom[]): Field => ({ raw: cashXml(type, mergeDenoms(ds)) });

export class TxEngine {
  tx: Tx | null = null;
  #takeWaiter: (() => void) | null = null;

  constructor(private readonly m: GloryMachine) {}

  #busy(): boolean {
    return this.tx !== null || this.m.code !== 1;
  }

  async #step(): Promise<void> {
    if (this.m.settings.stepMs > 0) await new Promise((r) => setTimeout(r, this.m.settings.stepMs));
  }

  /** Cash at the exit: waits for the customer (control `take`) or the auto-take delay. */
  async #handOut(ds: readonly SimDenom[]): Promise<void> {
    if (ds.length === 0) return;
    const devid: DevId = ds.some((d) => d.devid === 2) ? 2 : 1;
    this.m.cashierEvent(
      devid,
      '<eventWaitForRemoving><DevicePositionId>2</DevicePositionId></eventWaitForRemoving>',
    );
    this.m.setCode(7);
    await new Promise<void>((resolve) => {
      this.#takeWaiter = resolve;
      const ms = this.m.settings.autoTakeMs;
      if (ms !== null) setTimeout(() => this.take(), ms);
    });
    this.m.cashierEvent(devid, '<eventRemoved><DevicePositionId>2</DevicePositionId></eventRemoved>');
  }

  take(): boolean {
    const w = this.#takeWaiter;
    this.#takeWaiter = null;
    w?.();
    return !!w;
  }

  change(amount: number, option1: boolean, seqNo?: string): Promise<Reply> | Reply {
    if (this.#busy()) return { result: 11 };
    if (amount < 0) return this.#payout(-amount);
    return new Promise<Reply>((resolve) => {
      this.tx = { kind: 'change', due: amount, option1, seqNo, escrow: [], stage: 'paying', resolve };
      this.m.setCode(2, { seqNo });
      this.m.setCode(3, { amount: 0, seqNo });
      const pay = this.m.settings.autoPayMs;
      if (pay !== null) setTimeout(() => this.insert(exactPieces(amount)), pay);
    });
  }

  async #payout(amount: number): Promise<Reply> {
    this.tx = { kind: 'cashout' };
    const exact = this.m.stock.makeChange(amount);
    const out = exact ?? this.m.stock.partialChange(amount);
    this.m.stock.remove(out);
    this.m.setCode(5, { amount: sumCents(out) });
    await this.#handOut(out);
    this.m.setCode(1);
    this.tx = null;
    return {
      result: exact ? 0 : 10,
      fields: [
        { el: 'Amount', text: -amount },
        { el: 'ManualDeposit', text: 0 },
        { status: { code: 1 } },
        cash(1, []),
        cash(2, out),
      ],
    };
  }

  insert(ds: SimDenom[]): boolean {
    const tx = this.tx;
    if (!tx || tx.kind === 'cashout' || this.m.code === 30 || this.m.code === 13) return false;
    if (tx.kind === 'change' && tx.stage !== 'paying') return false;
    tx.escrow.push(...ds);
    const sum = sumCents(tx.escrow);
    this.m.cashierEvent(
      ds[0].devid,
      `<eventDepositCountChange>${cashXml(1, mergeDenoms(tx.escrow), undefined, '')}</eventDepositCountChange>`,
    );
    if (tx.kind === 'change') {
      this.m.setCode(4, { amount: sum, seqNo: tx.seqNo });
      if (sum >= tx.due) void this.#settle(tx);
      else this.m.setCode(3, { amount: sum, seqNo: tx.seqNo });
    } else {
      this.m.setCode(tx.kind === 'cashin' ? 4 : 17, { amount: sum });
      this.m.setCode(tx.kind === 'cashin' ? 3 : 16, { amount: sum });
    }
    return true;
  }

  async #settle(tx: ChangeTx): Promise<void> {
    tx.stage = 'closing';
    await this.#step();
    this.m.setCode(10, { seqNo: tx.seqNo });
    // Inserted cash is recycled and may itself be paid back as change.
    this.m.stock.add(tx.escrow);
    const change = sumCents(tx.escrow) - tx.due;
    const exact = this.m.stock.makeChange(change);
    if (!exact && tx.option1) {
      this.m.stock.remove(tx.escrow);
      tx.stage = 'short';
      this.m.setCode(23, { seqNo: tx.seqNo });
      return;
    }
    const out = exact ?? this.m.stock.partialChange(change);
    this.m.stock.remove(out);
    if (out.length) this.m.setCode(5, { amount: sumCents(out), seqNo: tx.seqNo });
    await this.#step();
    await this.#handOut(out);
    if (this.tx !== tx) return; // power cut while waiting
    this.m.setCode(1);
    this.#finish(tx, exact ? 0 : 10, tx.escrow, out);
  }

  #finish(tx: ChangeTx, result: number, cin: SimDenom[], cout: SimDenom[]): void {
    this.tx = null;
    tx.resolve({
      result,
      fields: [
        { el: 'Amount', text: tx.due },
        { el: 'ManualDeposit', text: 0 },
        { status: { code: this.m.code } },
        cash(1, cin),
        cash(2, cout),
      ],
    });
  }

  cancelChange(): Reply {
    const tx = this.tx;
    if (!tx || tx.kind !== 'change' || tx.stage === 'closing') return { result: 11 };
    const short = tx.stage === 'short';
    tx.stage = 'closing';
    void (async () => {
      this.m.setCode(9, { seqNo: tx.seqNo });
      await this.#handOut(tx.escrow);
      if (this.tx !== tx) return;
      this.m.setCode(1);
      this.#finish(tx, short ? this.m.settings.shortageCancelResult : 1, tx.escrow, tx.escrow);
    })();
    return { result: 0 };
  }

  startDeposit(kind: 'cashin' | 'replenish'): Reply {
    if (this.#busy()) return { result: 11 };
    this.tx = { kind, escrow: [] };
    this.m.setCode(kind === 'cashin' ? 3 : 16, { amount: 0 });
    return { result: 0 };
  }

  async endDeposit(kind: 'cashin' | 'replenish', cancel: boolean): Promise<Reply> {
    const tx = this.tx;
    if (!tx || tx.kind !== kind) return { result: 11 };
    if (cancel) {
      this.m.setCode(9);
      await this.#handOut(tx.escrow);
      this.m.setCode(1);
      this.tx = null;
      return {
        result: 0,
        fields: [{ el: 'ManualDeposit', text: 0 }, cash(1, tx.escrow), cash(2, tx.escrow)],
      };
    }
    this.m.stock.add(tx.escrow);
    this.m.setCode(1);
    this.tx = null;
    return { result: 0, fields: [{ el: 'ManualDeposit', text: 0 }, cash(1, tx.escrow)] };
  }

  async cashout(ds: SimDenom[], kind: 'cashout' | 'collect'): Promise<Reply> {
    if (this.#busy()) return { result: 11 };
    if (!this.m.stock.has(ds)) return { result: 6 };
    this.tx = { kind: 'cashout' };
    this.m.stock.remove(ds);
    this.m.setCode(kind === 'collect' ? 12 : 5, { amount: sumCents(ds) });
    await this.#handOut(ds);
    this.m.setCode(1);
    this.tx = null;
    return { result: 0, fields: [cash(2, ds)] };
  }

  collectToCassette(ds: SimDenom[]): Reply {
    if (this.#busy()) return { result: 11 };
    if (!this.m.stock.has(ds)) return { result: 6 };
    this.m.setCode(12);
    this.m.stock.remove(ds);
    for (const d of ds) this.m.stock.cassette.set(d.fv, (this.m.stock.cassette.get(d.fv) ?? 0) + d.piece);
    this.m.setCode(1);
    return { result: 0, fields: [cash(2, ds)] };
  }

  /** Called when a jam/door fault occurs: the transaction waits for Reset. */
  onError(): void {
    // Nothing moves while in error; inserts are refused (see insert()).
  }

  async reset(): Promise<Reply> {
    if (this.m.faults.has('jam') || this.m.faults.has('door'))
      return { result: 100, fields: [{ status: { code: this.m.code } }] };
    this.m.setCode(8);
    const tx = this.tx;
    // Reset cancels a sale still taking cash: the counted escrow goes back to the customer; response result 2.
    const cancelSale = tx?.kind === 'change' && tx.stage !== 'closing' ? tx : null;
    if (tx && (tx.kind === 'cashin' || tx.kind === 'replenish')) this.tx = null;
    this.take();
    this.m.setCode(1);
    if (cancelSale) this.#finish(cancelSale, 2, cancelSale.escrow, cancelSale.escrow);
    return { result: 0, fields: [{ status: { code: 1 } }] };
  }

  /** Power cut: counted cash stays inside the machine ([ASSUMPTION]); pending calls die with their sockets. */
  onPowerCut(): void {
    const tx = this.tx;
    if (tx && tx.kind !== 'cashout' && (tx.kind !== 'change' || tx.stage !== 'closing'))
      this.m.stock.add(tx.escrow);
    this.tx = null;
    this.#takeWaiter = null;
    this.m.code = 0;
    if (tx?.kind === 'change') tx.resolve({ result: 99 });
  }
}
