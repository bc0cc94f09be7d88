/**
 * The simulator's own JSON control API (ours, not Glory's): the customer's hands (insert, take) and the
 * machine's own truth (inventory), independent of anything the POS recorded.
 */
export type SimFault = 'jam' | 'door' | 'power' | 'network' | 'heartbeat';

export interface SimInventory {
  /** `level`: the machine's §2.5 level code (0 empty … 4 full). */
  denominations: { fv: number; devid: number; piece: number; level: number }[];
  totalCents: number;
  cassetteCents: number;
}

export interface SimState {
  code: number;
  sessions: number;
  occupied: boolean;
  faults: string[];
  transaction: string | null;
}

export class SimControl {
  /** Cents the customer put in that the machine accepted / took back out of the exit, over the whole run. */
  receivedCents = 0;
  takes = 0;

  constructor(readonly url: string) {}

  async #req<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/control/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`simulator ${route}: ${json.error ?? res.status}`);
    return json;
  }

  /** Inserts pieces (cents); returns the accepted cents (0 when no transaction takes cash). */
  async insert(pieces: number[]): Promise<number> {
    const byFv = new Map<number, number>();
    for (const fv of pieces) byFv.set(fv, (byFv.get(fv) ?? 0) + 1);
    const r = await this.#req<{ accepted: { fv: number; piece: number }[] }>('POST', 'insert', {
      denominations: [...byFv].map(([fv, piece]) => ({ fv, piece })),
    });
    const cents = r.accepted.reduce((a, d) => a + d.fv * d.piece, 0);
    this.receivedCents += cents;
    return cents;
  }

  async take(): Promise<boolean> {
    const r = await this.#req<{ taken: boolean }>('POST', 'take', {});
    if (r.taken) this.takes++;
    return r.taken;
  }

  inventory(): Promise<SimInventory> {
    return this.#req('GET', 'inventory');
  }

  state(): Promise<SimState> {
    return this.#req('GET', 'state');
  }

  fault(kind: SimFault, devid: 1 | 2 = 1): Promise<unknown> {
    return this.#req('POST', 'fault', { kind, devid });
  }

  clear(): Promise<unknown> {
    return this.#req('POST', 'clear', {});
  }

  setStock(denominations: { fv: number; piece: number }[]): Promise<SimInventory> {
    return this.#req('POST', 'stock', { denominations });
  }

  config(settings: Record<string, unknown>): Promise<unknown> {
    return this.#req('POST', 'config', settings);
  }
}
