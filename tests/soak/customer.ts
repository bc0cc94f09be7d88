import type { SimControl } from './sim-control';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The customer at the CI-5: inserts the pieces they meant to pay with, in one or two goes, and takes whatever
 * the machine hands out. They do not know whether the POS is alive: after a crash they carry on (issue 9 A1).
 * Everything the customer moves is measured at the machine (SimControl counts accepted cents).
 */
export class Customer {
  #left: number[];
  /** Cents the machine accepted from this customer. */
  inserted = 0;
  /**
   * Cents the machine refused (a full recycler, an error state): the customer keeps them in hand, so a payment
   * that then waits for the rest is the machine behaving correctly, not a fault left unresolved.
   */
  refused = 0;

  constructor(
    readonly sim: SimControl,
    pieces: number[],
    readonly batches: 1 | 2,
  ) {
    this.#left = [...pieces];
  }

  /** This customer walks away without paying (the "customer never pays" scenario), crash or not. */
  givesUp(): void {
    this.#left = [];
  }

  get done(): boolean {
    return this.#left.length === 0;
  }

  /** Waits (bounded) until the machine has a cash transaction open, i.e. it is ready to take cash. */
  async machineWaiting(ms = 5000): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const st = await this.sim.state();
      if (st.transaction === 'change' || st.transaction === 'cashin') return true;
      await sleep(100);
    }
    return false;
  }

  /** One go: half of the pieces (or all, if paying in one go). */
  async insertSome(): Promise<void> {
    if (this.done) return;
    const n = this.batches === 1 ? this.#left.length : Math.max(1, Math.floor(this.#left.length / 2));
    await this.#insert(this.#left.slice(0, n));
  }

  async insertRest(): Promise<void> {
    if (!this.done) await this.#insert(this.#left.slice());
  }

  async #insert(pieces: number[]): Promise<void> {
    const accepted = await this.sim.insert(pieces);
    // Pieces the machine refused stay in the customer's hand; a refused batch is not retried blindly.
    this.#left.splice(0, pieces.length);
    this.inserted += accepted;
    this.refused += pieces.reduce((a, b) => a + b, 0) - accepted;
  }

  /** Takes what is at the exit, if anything (returns whether something was taken). */
  async takeIfOffered(): Promise<boolean> {
    const st = await this.sim.state();
    if (st.code !== 7) return false;
    return this.sim.take();
  }

  /**
   * The POS died mid-payment: the customer finishes inserting (if the machine still takes cash) and takes the
   * change, within a few seconds, as a person in front of the machine would.
   */
  async carryOnAfterCrash(): Promise<void> {
    const st = await this.sim.state();
    if (st.transaction === 'change' && !this.done) await this.insertRest();
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      if (await this.takeIfOffered()) return;
      await sleep(150);
    }
  }
}

/** Runs `work` while the customer takes anything the machine hands out (pay-outs, returned cash). */
export async function whileTaking<T>(sim: SimControl, work: Promise<T>): Promise<T> {
  let finished = false;
  const taker = (async () => {
    while (!finished) {
      try {
        const st = await sim.state();
        if (st.code === 7) await sim.take();
      } catch {
        // the simulator is its own process and stays up; a failed poll is retried
      }
      await sleep(150);
    }
  })();
  try {
    return await work;
  } finally {
    finished = true;
    await taker;
  }
}
