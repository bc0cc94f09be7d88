import { cashXml, reqAttr, reqDenoms, reqInt, type Field, type SimRequest } from './xml';
import { devidOf, mergeDenoms, Stock, sumCents, type DevId, type SimDenom } from './stock';
import { TxEngine } from './tx-engine';

/**
 * Model of the FCC behind the simulated BrueBoxService: sessions and occupancy like the FCC's FunctionSetting
 * (SessionEnable, OccupyEnable, SessionMinute — glory-ci5.md §1.4, §6.1 item 2), status codes (§2.3), the money
 * transactions (delegated to TxEngine) and injectable faults. Transport-free: the servers call `handle()`.
 */
export interface SimSettings {
  sessionEnable: boolean;
  occupyEnable: boolean;
  /** FCC SessionMinute (60 on the SDK VM), in ms here so tests can expire sessions quickly. */
  sessionTimeoutMs: number;
  /** [ASSUMPTION] heartbeat period of the real FCC is not public. */
  heartbeatMs: number;
  /** When set, change/returned cash is "taken" automatically after this delay; null = wait for /control/take. */
  autoTakeMs: number | null;
  /** Result after an Option type=1 shortage cancel: 1 or 9 — not confirmed publicly (glory-ci5.md §2.7). */
  shortageCancelResult: 1 | 9;
  /** Benchmarks: the simulated customer pays the exact amount after this delay; null = wait for /control/insert. */
  autoPayMs: number | null;
  /** Delay between status steps (0 = as fast as possible). */
  stepMs: number;
  serialNo: string;
  maxSessions: number;
}

export const DEFAULT_SETTINGS: SimSettings = {
  sessionEnable: true,
  occupyEnable: true,
  sessionTimeoutMs: 60 * 60_000,
  heartbeatMs: 10_000,
  autoTakeMs: null,
  autoPayMs: null,
  shortageCancelResult: 9,
  stepMs: 0,
  serialNo: 'SIM-CI5-0001',
  maxSessions: 4,
};

export type FaultKind = 'jam' | 'door' | 'power' | 'network' | 'heartbeat';

export interface MachineHooks {
  /** Pushes one event (inner XML of BbxEventRequest) to every registered destination. */
  push(inner: string): void;
  /** Registers an event destination; false when over the limit. */
  register(host: string, port: number): boolean;
  unregisterAll(): void;
  /** Drops open HTTP/event connections (power cut, network drop). */
  dropConnections(): void;
}

export interface Reply {
  result: number;
  fields?: Field[];
}

interface Session {
  id: string;
  lastUsed: number;
}

export class GloryMachine {
  readonly settings: SimSettings;
  readonly stock: Stock;
  readonly tx: TxEngine;
  code = 1;
  readonly sessions = new Map<string, Session>();
  occupant: string | null = null;
  readonly faults = new Set<FaultKind>();
  readonly counters = { open: 0, requests: 0 };
  #nextSession = 1;

  constructor(
    readonly hooks: MachineHooks,
    settings: Partial<SimSettings> = {},
    stock?: Record<number, number>,
  ) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
    this.stock = new Stock(stock);
    this.tx = new TxEngine(this);
  }

  get online(): boolean {
    return !this.faults.has('power') && !this.faults.has('network');
  }

  setCode(code: number, extra: { amount?: number; seqNo?: string } = {}): void {
    this.code = code;
    this.hooks.push(
      `<StatusChangeEvent><Status>${code}</Status>${extra.amount !== undefined ? `<Amount>${extra.amount}</Amount>` : ''}` +
        `<Error>0</Error><User/><SeqNo>${extra.seqNo ?? ''}</SeqNo></StatusChangeEvent>`,
    );
  }

  cashierEvent(devid: DevId, inner: string): void {
    this.hooks.push(`<GlyCashierEvent devid="${devid}" user="">${inner}</GlyCashierEvent>`);
  }

  heartbeat(): void {
    if (!this.faults.has('heartbeat') && this.online)
      this.hooks.push(`<HeartBeatEvent><SerialNo>${this.settings.serialNo}</SerialNo></HeartBeatEvent>`);
  }

  // ------------------------------------------------------------ SOAP

  /** Session + occupancy gate (results 21/22/3/5, glory-ci5.md §2.4). Returns the caller id or a refusal. */
  #caller(req: SimRequest, needOccupy: boolean): string | Reply {
    let who = req.id ?? '';
    if (this.settings.sessionEnable) {
      const s = req.sessionId ? this.sessions.get(req.sessionId) : undefined;
      if (!s) return { result: 21 };
      const now = Date.now();
      if (now - s.lastUsed > this.settings.sessionTimeoutMs) {
        this.#dropSession(s.id);
        return { result: 22 };
      }
      s.lastUsed = now;
      who = s.id;
    }
    if (needOccupy && this.settings.occupyEnable) {
      this.#expireOccupant();
      if (this.occupant === null) return { result: 5 };
      if (this.occupant !== who) return { result: 3 };
    }
    return who;
  }

  #expireOccupant(): void {
    if (!this.settings.sessionEnable || this.occupant === null) return;
    const s = this.sessions.get(this.occupant);
    if (!s || Date.now() - s.lastUsed > this.settings.sessionTimeoutMs) this.occupant = null;
  }

  #dropSession(id: string): void {
    this.sessions.delete(id);
    if (this.occupant === id) this.occupant = null;
  }

  async handle(op: string, req: SimRequest): Promise<Reply> {
    this.counters.requests++;
    const b = req.body;
    if (op === 'Open') {
      for (const [id, s] of this.sessions)
        if (Date.now() - s.lastUsed > this.settings.sessionTimeoutMs) this.#dropSession(id);
      if (this.sessions.size >= this.settings.maxSessions) return { result: 16 };
      const id = `S${Date.now().toString(36)}${this.#nextSession++}`;
      this.sessions.set(id, { id, lastUsed: Date.now() });
      this.counters.open++;
      return { result: 0, fields: [{ el: 'SessionID', text: id }] };
    }
    const moneyOps = new Set([
      'Change',
      'ChangeCancel',
      'StartCashin',
      'EndCashin',
      'CashinCancel',
      'Cashout',
      'Collect',
      'Reset',
      'StartReplenishmentFromEntrance',
      'EndReplenishmentFromEntrance',
      'ReplenishmentFromEntranceCancel',
      'LockUnit',
      'UnLockUnit',
      'OpenExitCover',
      'CloseExitCover',
      'RefreshSalesTotal',
    ]);
    // [ASSUMPTION] a status query without SessionID is answered (monitoring tools, hand-written requests);
    // when a SessionID is sent it is checked, which is how the driver tests whether its session survived.
    if (op === 'Status' && !req.sessionId) return { result: 0, fields: [{ status: { code: this.code } }] };
    const who = this.#caller(req, moneyOps.has(op));
    if (typeof who !== 'string') return who;
    switch (op) {
      case 'Close':
        this.#dropSession(who);
        return { result: 0 };
      case 'Occupy':
        if (!this.settings.occupyEnable) return { result: 4 };
        this.#expireOccupant();
        if (this.occupant === who) return { result: 17 };
        if (this.occupant !== null) return { result: 3 };
        this.occupant = who;
        return { result: 0 };
      case 'Release':
        if (this.occupant !== who) return { result: 5 };
        this.occupant = null;
        return { result: 0 };
      case 'RegisterEvent': {
        const url = typeof b.Url === 'string' ? b.Url : '';
        const port = reqInt(b.Port);
        if (!url || !port) return { result: 98 };
        return { result: this.hooks.register(url, port) ? 0 : 36 };
      }
      case 'UnRegisterEvent':
        this.hooks.unregisterAll();
        return { result: 0 };
      case 'AdjustTime':
        return { result: 0 };
      case 'Status':
        return { result: 0, fields: [{ status: { code: this.code } }] };
      case 'Inventory': {
        const list = this.stock.list();
        const lvl = (fv: number) => this.stock.level(fv);
        const cassette = [...this.stock.cassette]
          .filter(([, n]) => n > 0)
          .map(([fv, n]) => ({ fv, devid: devidOf(fv) as DevId, piece: n }));
        const machine = mergeDenoms([
          ...list.map(({ fv, devid, piece }) => ({ fv, devid, piece })),
          ...cassette,
        ]);
        return {
          result: 0,
          fields: [{ raw: cashXml(3, machine, lvl) }, { raw: cashXml(4, list, lvl) }],
        };
      }
      case 'Change': {
        const amount = reqInt(b.Amount);
        if (amount === undefined || amount === 0) return { result: 98 };
        return this.tx.change(amount, reqAttr(b.Option, 'type') === 1, req.seqNo);
      }
      case 'ChangeCancel':
        return this.tx.cancelChange();
      case 'StartCashin':
        return this.tx.startDeposit('cashin');
      case 'StartReplenishmentFromEntrance':
        return this.tx.startDeposit('replenish');
      case 'EndCashin':
        return this.tx.endDeposit('cashin', false);
      case 'CashinCancel':
        return this.tx.endDeposit('cashin', true);
      case 'EndReplenishmentFromEntrance':
        return this.tx.endDeposit('replenish', false);
      case 'ReplenishmentFromEntranceCancel':
        return this.tx.endDeposit('replenish', true);
      case 'RefreshSalesTotal':
        return { result: 0 };
      case 'Cashout':
        return this.tx.cashout(reqDenoms(b.Cash), 'cashout');
      case 'Collect': {
        const toExit = reqAttr(b.Option, 'type') === 1;
        let ds = reqDenoms(b.Cash);
        if (ds.length === 0)
          ds = this.stock
            .list()
            .filter((d) => d.piece > 0)
            .map(({ fv, devid, piece }) => ({ fv, devid, piece }));
        return toExit ? this.tx.cashout(ds, 'collect') : this.tx.collectToCassette(ds);
      }
      case 'Reset':
        return this.tx.reset();
      case 'LockUnit':
      case 'UnLockUnit':
      case 'OpenExitCover':
      case 'CloseExitCover':
        return { result: this.code === 1 || op.endsWith('ExitCover') ? 0 : 11 };
      default:
        return { result: 99 };
    }
  }

  // ------------------------------------------------------------ control (ours, not Glory's)

  insert(ds: { fv: number; piece: number }[]): {
    accepted: SimDenom[];
    rejected: { fv: number; piece: number }[];
  } {
    const accepted: SimDenom[] = [];
    const rejected: { fv: number; piece: number }[] = [];
    for (const d of ds) {
      const devid = devidOf(d.fv);
      if (!devid || !this.stock.accepts(d.fv) || this.faults.has('power')) rejected.push(d);
      else accepted.push({ fv: d.fv, devid, piece: d.piece });
    }
    const taken = accepted.length ? this.tx.insert(accepted) : false;
    return taken ? { accepted, rejected } : { accepted: [], rejected: ds };
  }

  take(): boolean {
    return this.tx.take();
  }

  fault(kind: FaultKind, devid: DevId): void {
    this.faults.add(kind);
    if (kind === 'jam') {
      // Jam between sensors = family 02xx (glory-ci5.md §2.6).
      this.setCode(13);
      this.cashierEvent(
        devid,
        `<eventError><ErrorCode>${devid === 1 ? 0x0201 : 0x0202}</ErrorCode><RecoveryURL>/help/jam.gif</RecoveryURL></eventError>`,
      );
      this.setCode(30);
      this.tx.onError();
    } else if (kind === 'door') {
      this.setCode(13);
      this.cashierEvent(
        devid,
        `<eventOpened><DevicePositionId>${devid === 1 ? 42 : 43}</DevicePositionId></eventOpened>`,
      );
      this.cashierEvent(
        devid,
        `<eventError><ErrorCode>${0x0501}</ErrorCode><RecoveryURL>/help/door.gif</RecoveryURL></eventError>`,
      );
      this.setCode(30);
      this.tx.onError();
    } else if (kind === 'power') {
      this.tx.onPowerCut();
      this.hooks.dropConnections();
    } else if (kind === 'network') {
      this.hooks.dropConnections();
    }
  }

  /** Ends every fault. Jam/door leave the machine in WAITING_ERROR_RECOVERY until the POS sends Reset. */
  clear(): void {
    const had = new Set(this.faults);
    this.faults.clear();
    if (had.has('door'))
      this.cashierEvent(2, '<eventClosed><DevicePositionId>43</DevicePositionId></eventClosed>');
    if (had.has('power')) {
      // Power back: the FCC boots with no sessions, no occupancy and no event destinations.
      this.sessions.clear();
      this.occupant = null;
      this.hooks.unregisterAll();
      this.code = 0;
      this.code = 1;
    }
  }

  inventory(): {
    denominations: (SimDenom & { level: number })[];
    totalCents: number;
    cassette: SimDenom[];
    cassetteCents: number;
  } {
    const cassette = [...this.stock.cassette]
      .filter(([, n]) => n > 0)
      .map(([fv, n]) => ({ fv, devid: devidOf(fv) as DevId, piece: n }));
    return {
      denominations: this.stock.list(),
      totalCents: this.stock.total(),
      cassette,
      cassetteCents: sumCents(cassette),
    };
  }
}
