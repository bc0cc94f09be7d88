import { PosError } from '../../../../shared/errors';
import {
  buildRequest,
  cashNode,
  cashOfType,
  CodecError,
  el,
  optionNode,
  parseSoapResponse,
  soapAction,
  type Denom,
  type GloryOp,
  type GloryResponse,
  type XmlNode,
} from './codec';
import { deviceErrorInstruction, MachineCode, Result, type DevId } from './codes';
import { Emitter } from './emitter';
import { parseEventFrame, type GloryEvent } from './events';
import {
  phaseMessage,
  phaseOf,
  refusal,
  type ActiveTx,
  type DeviceState,
  type OpKind,
  type Phase,
} from './state';
import { backoffMs, EventListener, HeartbeatWatchdog, SoapClient, TransportError } from './transport';
import { resultError } from './results';

export interface GloryDeviceConfig {
  soapUrl: string;
  /** Address the FCC connects back to: the POS's LAN IP, never 127.0.0.1 on a real machine (glory-ci5.md §1.3). */
  eventHost: string;
  /** Local port of the event listener; 0 = ephemeral. */
  eventPort: number;
  eventBindHost?: string;
  rejectUnauthorized?: boolean;
  ca?: string;
  /** `Id` sent on every request (free text). */
  clientId?: string;
  user?: string;
  password?: string;
  deviceName?: string;
  /** FCC "SOAP IF Setting" session/occupy modes (glory-ci5.md §1.4) — must match the machine. */
  sessionMode?: boolean;
  occupyMode?: boolean;
  /** [ASSUMPTION] heartbeat period is not public; 30 s default. */
  heartbeatTimeoutMs?: number;
  timeouts?: Partial<{ defaultMs: number; changeMs: number; resetMs: number; cashinMs: number }>;
  reconnect?: Partial<{ baseMs: number; maxMs: number }>;
  /** [ASSUMPTION] whether request attributes are namespace-qualified. */
  qualifiedAttributes?: boolean;
  currency?: string;
}

export interface ChangeOutcome {
  result: number;
  cashIn: Denom[];
  cashOut: Denom[];
  transactionId?: string;
}

export interface DeviceEvents {
  phase: { phase: Phase; message?: string; state: DeviceState };
  machine: { code: number; amount?: number };
  deposit: { inserted: number };
  dispense: { amount: number };
  'take-cash': { devid: DevId; position?: number };
  removed: { devid: DevId; position?: number };
  'device-error': { devid: DevId; code: number; hex: string; message: string; recoveryUrl?: string };
  door: { devid: DevId; event: string; position?: number };
  level: { devid: DevId; event: string; position?: number };
  heartbeat: { serialNo?: string };
  'response-copy': GloryResponse;
}

/**
 * Glory CI-5 driver: start-up sequence (Open → RegisterEvent → Occupy → AdjustTime → GetStatus, glory-ci5.md
 * §2.7), the operations of issue 4, session re-open on 21/22, heartbeat watchdog and reconnect with backoff.
 */
export class GloryDevice extends Emitter<DeviceEvents> {
  readonly #cfg: Required<Omit<GloryDeviceConfig, 'ca' | 'timeouts' | 'reconnect'>> &
    Pick<GloryDeviceConfig, 'ca'>;
  readonly #timeouts: { defaultMs: number; changeMs: number; resetMs: number; cashinMs: number };
  readonly #reconnect: { baseMs: number; maxMs: number };
  readonly #soap: SoapClient;
  readonly #events: EventListener;
  readonly #watchdog: HeartbeatWatchdog;
  #state: DeviceState = {
    link: 'stopped',
    heartbeatLost: false,
    occupiedByOther: false,
    machineCode: -1,
    activeTx: null,
  };
  #sessionId: string | undefined;
  #seq = 0;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #lastPhase = '';

  constructor(cfg: GloryDeviceConfig) {
    super();
    this.#cfg = {
      eventBindHost: '0.0.0.0',
      rejectUnauthorized: true,
      clientId: 'Balcao',
      user: '',
      password: '',
      deviceName: 'Balcao',
      sessionMode: true,
      occupyMode: true,
      heartbeatTimeoutMs: 30_000,
      qualifiedAttributes: true,
      currency: 'EUR',
      ...cfg,
    };
    // A sale blocks until the customer finishes; Reset may take 5 min (glory-ci5.md §2.7 "Timeouts").
    this.#timeouts = {
      defaultMs: 30_000,
      changeMs: 600_000,
      resetMs: 300_000,
      cashinMs: 60_000,
      ...cfg.timeouts,
    };
    this.#reconnect = { baseMs: 1000, maxMs: 30_000, ...cfg.reconnect };
    this.#soap = new SoapClient({
      url: cfg.soapUrl,
      rejectUnauthorized: this.#cfg.rejectUnauthorized,
      ca: cfg.ca,
    });
    this.#events = new EventListener({
      port: cfg.eventPort,
      host: this.#cfg.eventBindHost,
      onFrame: (xml) => this.#onFrame(xml),
    });
    this.#watchdog = new HeartbeatWatchdog(
      this.#cfg.heartbeatTimeoutMs,
      () => this.#set({ heartbeatLost: true }),
      () => this.#set({ heartbeatLost: false }),
    );
  }

  get state(): Readonly<DeviceState> {
    return this.#state;
  }
  get phase(): Phase {
    return phaseOf(this.#state);
  }
  get eventPort(): number {
    return this.#events.port;
  }

  // ------------------------------------------------------------ lifecycle

  /** Starts the listener and the (re)connect loop; resolves after the first attempt. */
  async start(): Promise<void> {
    if (this.#state.link !== 'stopped') return;
    await this.#events.start();
    this.#set({ link: 'offline' });
    const first = this.#connectOnce().catch(() => undefined);
    await first;
    this.#loop = this.#supervise();
  }

  async stop(): Promise<void> {
    if (this.#state.link === 'stopped') return;
    const wasOnline = this.#state.link === 'online';
    this.#set({ link: 'stopped' });
    this.#wake?.();
    this.#watchdog.stop();
    if (wasOnline) {
      // Best effort: the machine may already be gone.
      if (this.#cfg.occupyMode) await this.#raw('Release', [], 3000).catch(() => undefined);
      if (this.#cfg.sessionMode) await this.#raw('Close', [], 3000).catch(() => undefined);
    }
    await this.#loop?.catch(() => undefined);
    await this.#events.stop();
    this.#soap.close();
  }

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

  /** Background loop: when the link is down, reconnect with backoff; when heartbeats stop, re-register. */
  async #supervise(): Promise<void> {
    let attempt = 0;
    while (this.#state.link !== 'stopped') {
      const healthy = this.#state.link === 'online' && !this.#state.heartbeatLost;
      if (healthy) {
        attempt = 0;
        await this.#sleep(this.#reconnect.maxMs);
        continue;
      }
      await this.#sleep(backoffMs(attempt++, this.#reconnect.baseMs, this.#reconnect.maxMs));
      if (this.#linkNow() === 'stopped') break;
      if (this.#state.link === 'online') {
        // Events stopped but SOAP may work: register our listener again (the FCC may have dropped it).
        await this.#registerEvents().catch(() => undefined);
      } else {
        await this.#connectOnce().catch(() => undefined);
      }
    }
  }

  /** Read through a method so TypeScript does not narrow across awaits. */
  #linkNow(): DeviceState['link'] {
    return this.#state.link;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.#wake = done;
    });
  }

  /** Kicks the supervisor now (e.g. after a transport error). */
  #kick(): void {
    this.#wake?.();
  }

  async #connectOnce(): Promise<void> {
    this.#set({ link: 'connecting' });
    try {
      // Re-use a session that survived a network drop: a new one could not Occupy against our old one.
      let sessionOk = false;
      if (this.#cfg.sessionMode && this.#sessionId) {
        const r = await this.#raw('Status', [optionNode(0)]);
        sessionOk = r.result === Result.SUCCESS;
      }
      if (this.#cfg.sessionMode && !sessionOk) await this.#openSession();
      await this.#registerEvents();
      if (this.#cfg.occupyMode) await this.#occupy();
      await this.#adjustTime().catch(() => undefined);
      await this.refreshStatus();
      this.#set({ link: 'online' });
      this.#watchdog.start();
    } catch (e) {
      if (this.#state.link !== 'stopped') this.#set({ link: 'offline' });
      throw e;
    }
  }

  async #openSession(): Promise<void> {
    this.#sessionId = undefined;
    const r = await this.#raw('Open', [
      el('User', this.#cfg.user),
      el('UserPwd', this.#cfg.password),
      el('DeviceName', this.#cfg.deviceName),
    ]);
    if (r.result !== Result.SUCCESS || !r.sessionId) throw resultError('Open', r.result);
    this.#sessionId = r.sessionId;
  }

  async #registerEvents(): Promise<void> {
    const r = await this.#raw('RegisterEvent', [
      el('Url', this.#cfg.eventHost),
      el('Port', this.#events.port),
    ]);
    // 36 = registrations over: ours is presumably still registered from before a restart — keep going.
    if (r.result !== Result.SUCCESS && r.result !== Result.EVENT_REGISTRATION_OVER)
      throw resultError('RegisterEvent', r.result);
  }

  async #occupy(): Promise<void> {
    const r = await this.#raw('Occupy', []);
    const other = r.result === Result.OCCUPIED_BY_OTHER;
    if (!other && r.result !== Result.SUCCESS && r.result !== Result.OCCUPIED_BY_ITSELF)
      throw resultError('Occupy', r.result);
    this.#set({ occupiedByOther: other });
  }

  async #adjustTime(): Promise<void> {
    const d = new Date();
    await this.#raw('AdjustTime', [
      el('Date', undefined, { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() }),
      el('Time', undefined, { hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() }),
    ]);
  }

  // ------------------------------------------------------------ calls

  nextSeqNo(): string {
    // Unique across restarts (time-based) and within one (monotonic); 11 digits like Odoo's SeqNo.
    const t = Date.now() % 1e11;
    this.#seq = Math.max(this.#seq + 1, t);
    return String(this.#seq % 1e11).padStart(11, '0');
  }

  async #raw(op: GloryOp, body: XmlNode[], timeoutMs?: number, seqNo?: string): Promise<GloryResponse> {
    const xml = buildRequest(
      op,
      { id: this.#cfg.clientId, seqNo: seqNo ?? this.nextSeqNo(), sessionId: this.#sessionId },
      body,
      { prefix: 'bru', qualifiedAttributes: this.#cfg.qualifiedAttributes },
    );
    const text = await this.#soap.post(soapAction(op), xml, timeoutMs ?? this.#timeouts.defaultMs);
    return parseSoapResponse(text);
  }

  /**
   * Sends one operation after the state-machine check; on 21/22 re-opens the session (+Occupy) and retries once
   * with the same SeqNo (the refused request was not executed). Transport failures take the link down.
   */
  async #call(
    kind: OpKind | 'in-tx',
    op: GloryOp,
    body: XmlNode[],
    opts: { timeoutMs?: number; seqNo?: string } = {},
  ): Promise<GloryResponse> {
    if (kind !== 'in-tx') await this.#guard(kind);
    try {
      let r = await this.#raw(op, body, opts.timeoutMs, opts.seqNo);
      if (
        this.#cfg.sessionMode &&
        (r.result === Result.INVALID_SESSION || r.result === Result.SESSION_TIMEOUT)
      ) {
        await this.#openSession();
        await this.#registerEvents();
        if (this.#cfg.occupyMode) await this.#occupy();
        if (kind !== 'in-tx') await this.#guard(kind);
        r = await this.#raw(op, body, opts.timeoutMs, opts.seqNo);
      }
      if (r.result === Result.OCCUPIED_BY_OTHER || r.result === Result.NOT_OCCUPIED) {
        this.#set({ occupiedByOther: r.result === Result.OCCUPIED_BY_OTHER });
      }
      if (r.status) this.#set({ machineCode: r.status.code });
      return r;
    } catch (e) {
      if (e instanceof TransportError && e.kind !== 'aborted') {
        this.#set({ link: 'offline' });
        this.#kick();
        throw new PosError(
          'DEVICE_OFFLINE',
          phaseMessage(this.#state) ?? 'Sem ligação à máquina de numerário.',
          {
            op,
            transport: e.kind,
          },
        );
      }
      if (e instanceof CodecError)
        throw new PosError('DEVICE_ERROR', `Resposta inválida da máquina de numerário (${op}): ${e.message}`);
      throw e;
    }
  }

  async #guard(kind: OpKind): Promise<void> {
    let why = refusal(this.#state, kind);
    if (why && kind === 'start-tx' && this.#state.link === 'online') {
      // Events travel on another socket and may lag the last response: ask before refusing.
      if (this.#state.occupiedByOther && this.#cfg.occupyMode) await this.#occupy().catch(() => undefined);
      await this.refreshStatus().catch(() => undefined);
      why = refusal(this.#state, kind);
    }
    if (why) {
      const phase = this.phase;
      const code =
        phase === 'offline' || phase === 'connecting'
          ? 'DEVICE_OFFLINE'
          : phase === 'error'
            ? 'DEVICE_ERROR'
            : 'DEVICE_BUSY';
      throw new PosError(code, why, { phase: this.phase, machineCode: this.#state.machineCode });
    }
  }

  /** Throws the state machine's pt-PT refusal when a new transaction could not start now. */
  async assertCanStart(): Promise<void> {
    await this.#guard('start-tx');
  }

  async refreshStatus(): Promise<number> {
    const r = await this.#raw('Status', [optionNode(0)]);
    if (r.result !== Result.SUCCESS) throw resultError('GetStatus', r.result);
    if (r.status)
      this.#set({
        machineCode: r.status.code,
        ...(r.status.code === MachineCode.IDLE ? { lastError: undefined } : {}),
      });
    return this.#state.machineCode;
  }

  async #tx<T>(tx: Exclude<ActiveTx, null>, fn: () => Promise<T>): Promise<T> {
    await this.#guard('start-tx');
    this.#set({ activeTx: tx });
    try {
      return await fn();
    } finally {
      this.#set({ activeTx: null });
    }
  }

  /** GetStatus (option 0). */
  async status(): Promise<GloryResponse> {
    const r = await this.#call('query', 'Status', [optionNode(0)]);
    if (r.result !== Result.SUCCESS) throw resultError('GetStatus', r.result);
    return r;
  }

  /** InventoryOperation option 0 → Cash type 3 (machine) and 4 (dispensable) (glory-ci5.md §2.2). */
  async inventory(): Promise<{ machine: Denom[]; dispensable: Denom[] }> {
    const r = await this.#call('query', 'Inventory', [optionNode(0)]);
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
      const r = await this.#call('in-tx', 'Change', body, {
        timeoutMs: this.#timeouts.changeMs,
        seqNo: opts.seqNo,
      });
      return changeOutcome(r);
    });
  }

  /** ChangeCancelOperation; the pending change() then resolves with result 1 (or 9) and the returned cash. */
  async cancelChange(): Promise<void> {
    const r = await this.#call('cancel-sale', 'ChangeCancel', []);
    if (r.result !== Result.SUCCESS) throw resultError('ChangeCancel', r.result);
  }

  /** StartCashin (option 0 = notes and coins); the deposit stays open until endCashin/cancelCashin. */
  async startCashin(seqNo: string): Promise<void> {
    await this.#guard('start-tx');
    this.#set({ activeTx: 'cashin' });
    try {
      const r = await this.#call('in-tx', 'StartCashin', [optionNode(0)], { seqNo });
      if (r.result !== Result.SUCCESS) throw resultError('StartCashin', r.result);
    } catch (e) {
      this.#set({ activeTx: null });
      throw e;
    }
  }

  /** EndCashin: keeps the counted cash. [ASSUMPTION] counted cash is in `Cash` of any type (taken as "in"). */
  async endCashin(seqNo: string): Promise<ChangeOutcome> {
    const r = await this.#call('end-cashin', 'EndCashin', [], { timeoutMs: this.#timeouts.cashinMs, seqNo });
    if (r.result === Result.SUCCESS) this.#set({ activeTx: null });
    return { result: r.result, cashIn: r.cash.flatMap((c) => c.denominations), cashOut: [] };
  }

  /** CashinCancel: returns what was inserted (2 × Cash, glory-ci5.md §2.2). */
  async cancelCashin(seqNo: string): Promise<ChangeOutcome> {
    const r = await this.#call('end-cashin', 'CashinCancel', [], {
      timeoutMs: this.#timeouts.cashinMs,
      seqNo,
    });
    if (r.result === Result.SUCCESS) this.#set({ activeTx: null });
    return changeOutcome(r);
  }

  /** Replenishment from the entrance (float loading without a sale). */
  async startReplenishment(seqNo: string): Promise<void> {
    await this.#guard('start-tx');
    this.#set({ activeTx: 'replenish' });
    try {
      const r = await this.#call('in-tx', 'StartReplenishmentFromEntrance', [], { seqNo });
      if (r.result !== Result.SUCCESS) throw resultError('StartReplenishmentFromEntrance', r.result);
    } catch (e) {
      this.#set({ activeTx: null });
      throw e;
    }
  }

  async endReplenishment(seqNo: string, cancel = false): Promise<ChangeOutcome> {
    const op = cancel ? 'ReplenishmentFromEntranceCancel' : 'EndReplenishmentFromEntrance';
    const r = await this.#call('end-replenish', op, [], { timeoutMs: this.#timeouts.cashinMs, seqNo });
    if (r.result === Result.SUCCESS) this.#set({ activeTx: null });
    return cancel
      ? changeOutcome(r)
      : { result: r.result, cashIn: r.cash.flatMap((c) => c.denominations), cashOut: [] };
  }

  /** CashoutOperation with explicit denominations (Cash type=2, S7). */
  cashout(denoms: Denom[], seqNo: string): Promise<ChangeOutcome> {
    return this.#tx('cashout', async () => {
      const r = await this.#call('in-tx', 'Cashout', [cashNode(2, denoms, this.#cfg.currency)], {
        timeoutMs: this.#timeouts.changeMs,
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
      const r = await this.#call(
        'in-tx',
        'Collect',
        [
          optionNode(opts.to === 'exit' ? 1 : 0),
          el('Mix', undefined, { type: 0 }),
          cashNode(5, opts.denoms, this.#cfg.currency),
        ],
        { timeoutMs: this.#timeouts.changeMs, seqNo: opts.seqNo },
      );
      return { result: r.result, cashIn: [], cashOut: r.cash.flatMap((c) => c.denominations) };
    });
  }

  async lockUnit(type: number, unlock = false): Promise<void> {
    const op = unlock ? 'UnLockUnit' : 'LockUnit';
    const r = await this.#call('start-tx', op, [optionNode(type)]);
    if (r.result !== Result.SUCCESS) throw resultError(op, r.result);
  }

  /** ResetOperation: error recovery; cancels an ongoing transaction (its response returns result 2). */
  async reset(): Promise<void> {
    const r = await this.#call('reset', 'Reset', [], { timeoutMs: this.#timeouts.resetMs });
    if (r.result !== Result.SUCCESS) throw resultError('Reset', r.result);
    await this.refreshStatus().catch(() => undefined);
  }

  async exitCover(open: boolean): Promise<void> {
    const op = open ? 'OpenExitCover' : 'CloseExitCover';
    const r = await this.#call('cover', op, []);
    if (r.result !== Result.SUCCESS) throw resultError(op, r.result);
  }

  // ------------------------------------------------------------ events

  #onFrame(xml: string): void {
    let events: GloryEvent[];
    try {
      events = parseEventFrame(xml);
    } catch {
      return; // a malformed frame is dropped; the next status/heartbeat resynchronises
    }
    for (const e of events) this.#onEvent(e);
  }

  #onEvent(e: GloryEvent): void {
    switch (e.kind) {
      case 'heartbeat':
        this.#watchdog.beat();
        this.emit('heartbeat', { serialNo: e.serialNo });
        return;
      case 'status':
        this.#set({ machineCode: e.code, ...(e.code === MachineCode.IDLE ? { lastError: undefined } : {}) });
        this.emit('machine', { code: e.code, amount: e.amount });
        if (
          (e.code === MachineCode.COUNTING || e.code === MachineCode.WAITING_PAYMENT) &&
          e.amount !== undefined
        ) {
          this.emit('deposit', { inserted: e.amount });
        }
        if (e.code === MachineCode.DISPENSING && e.amount !== undefined)
          this.emit('dispense', { amount: e.amount });
        return;
      case 'cashier':
        return this.#onCashier(e);
      case 'response':
        this.emit('response-copy', e.response);
        return;
      case 'special-error':
        this.#set({
          lastError: `Erro na máquina de numerário: ${e.message}. Siga as instruções no ecrã da máquina.`,
        });
        return;
    }
  }

  #onCashier(e: Extract<GloryEvent, { kind: 'cashier' }>): void {
    const { devid, event, position } = e;
    if (event === 'eventError' && e.errorCode !== undefined) {
      const info = deviceErrorInstruction(devid, e.errorCode);
      this.#set({ lastError: info.message });
      this.emit('device-error', {
        devid,
        code: e.errorCode,
        hex: info.hex,
        message: info.message,
        recoveryUrl: e.recoveryUrl,
      });
    } else if (event === 'eventWaitForRemoving') this.emit('take-cash', { devid, position });
    else if (event === 'eventRemoved') this.emit('removed', { devid, position });
    else if (/^event(Opened|Closed|Locked|WaitForOpening)$/.test(event))
      this.emit('door', { devid, event, position });
    else if (/^event(Empty|Low|Exist|High|Full|Missing)$/.test(event))
      this.emit('level', { devid, event, position });
  }

  #set(patch: Partial<DeviceState>): void {
    this.#state = { ...this.#state, ...patch };
    const phase = phaseOf(this.#state);
    const message = phaseMessage(this.#state);
    const key = `${phase}|${message ?? ''}`;
    if (key === this.#lastPhase) return;
    this.#lastPhase = key;
    this.emit('phase', { phase, message, state: this.#state });
  }
}

export function changeOutcome(r: GloryResponse): ChangeOutcome {
  return {
    result: r.result,
    cashIn: cashOfType(r, 1),
    cashOut: cashOfType(r, 2),
    ...(r.transactionId ? { transactionId: r.transactionId } : {}),
  };
}
