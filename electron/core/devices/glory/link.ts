import { PosError } from '../../../../shared/errors';
import {
  buildRequest,
  CodecError,
  optionNode,
  parseSoapResponse,
  soapAction,
  type GloryOp,
  type GloryResponse,
  type XmlNode,
} from './codec';
import { MachineCode, Result } from './codes';
import {
  resolveConfig,
  type DeviceEvents,
  type GloryDeviceConfig,
  type ResolvedConfig,
  type Timeouts,
} from './device-types';
import { Emitter } from './emitter';
import { handleFrame } from './frame-events';
import { adjustTime, occupy, openSession, registerEvents, type RawCall } from './session';
import { phaseMessage, phaseOf, refusal, type DeviceState, type OpKind, type Phase } from './state';
import { backoffMs, EventListener, HeartbeatWatchdog, SoapClient, TransportError } from './transport';
import { resultError } from './results';

/**
 * The link to a Glory CI-5 (FCC): start-up sequence (Open → RegisterEvent → Occupy → AdjustTime → GetStatus,
 * glory-ci5.md §2.7), session re-open on 21/22, heartbeat watchdog, reconnect with backoff, and the guarded
 * call every operation goes through. The operations themselves are in device.ts (GloryDevice).
 */
export class GloryLink extends Emitter<DeviceEvents> {
  protected readonly cfg: ResolvedConfig;
  protected readonly timeouts: Timeouts;
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
    ({ cfg: this.cfg, timeouts: this.timeouts, reconnect: this.#reconnect } = resolveConfig(cfg));
    this.#soap = new SoapClient({
      url: cfg.soapUrl,
      rejectUnauthorized: this.cfg.rejectUnauthorized,
      ca: cfg.ca,
    });
    this.#events = new EventListener({
      port: cfg.eventPort,
      host: this.cfg.eventBindHost,
      onFrame: (xml) =>
        handleFrame(xml, {
          beat: () => this.#watchdog.beat(),
          state: () => this.#state,
          set: (patch) => this.set(patch),
          emit: (name, payload) => this.emit(name, payload),
        }),
    });
    // A session left by a previous run of this POS (crash, power cut): re-used on connect if the FCC still has it.
    this.#sessionId = this.cfg.sessionMode ? this.cfg.sessionStore?.load() : undefined;
    this.#watchdog = new HeartbeatWatchdog(
      this.cfg.heartbeatTimeoutMs,
      () => this.set({ heartbeatLost: true }),
      () => this.set({ heartbeatLost: false }),
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
    this.set({ link: 'offline' });
    const first = this.#connectOnce().catch(() => undefined);
    await first;
    this.#loop = this.#supervise();
  }

  async stop(): Promise<void> {
    if (this.#state.link === 'stopped') return;
    const wasOnline = this.#state.link === 'online';
    this.set({ link: 'stopped' });
    this.#wake?.();
    this.#watchdog.stop();
    if (wasOnline) {
      // Best effort: the machine may already be gone.
      if (this.cfg.occupyMode) await this.#raw('Release', [], 3000).catch(() => undefined);
      if (this.cfg.sessionMode) {
        const closed = await this.#raw('Close', [], 3000).catch(() => null);
        if (closed) this.#persistSession(undefined);
      }
    }
    await this.#loop?.catch(() => undefined);
    await this.#events.stop();
    this.#soap.close();
  }

  /** Background loop: when the link is down, reconnect with backoff; when heartbeats stop, re-register. */
  async #supervise(): Promise<void> {
    let attempt = 0;
    while (this.#state.link !== 'stopped') {
      const healthy = this.#state.link === 'online' && !this.#state.heartbeatLost;
      if (healthy) {
        attempt = 0;
        if (this.#state.occupiedByOther && this.cfg.occupyMode) {
          // Another session holds the machine (another till, or a session we could not recover): it is freed by
          // Release or when the FCC's SessionMinute expires, so keep asking.
          await this.#sleep(this.cfg.occupyRetryMs);
          if (this.#linkNow() === 'online') await this.#occupyAndRefresh().catch(() => undefined);
          continue;
        }
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
    this.set({ link: 'connecting' });
    try {
      // Re-use a session that survived a network drop or a crash of this process (the stored SessionID): a new
      // session could not Occupy against our old one until the FCC expires it (SessionMinute).
      let sessionOk = false;
      if (this.cfg.sessionMode && this.#sessionId) {
        const r = await this.#raw('Status', [optionNode(0)]);
        sessionOk = r.result === Result.SUCCESS;
      }
      if (this.cfg.sessionMode && !sessionOk) await this.#openSession();
      await this.#registerEvents();
      if (this.cfg.occupyMode) await this.#occupy();
      await adjustTime(this.#rawCall).catch(() => undefined);
      await this.refreshStatus();
      this.set({ link: 'online' });
      this.#watchdog.start();
    } catch (e) {
      if (this.#state.link !== 'stopped') this.set({ link: 'offline' });
      throw e;
    }
  }

  async #openSession(): Promise<void> {
    this.#sessionId = undefined;
    this.#sessionId = await openSession(this.#rawCall, this.cfg);
    this.#persistSession(this.#sessionId);
  }

  /** Durable before the session is used for Occupy or money: a crash after this line can still re-use it. */
  #persistSession(id: string | undefined): void {
    try {
      this.cfg.sessionStore?.save(id);
    } catch {
      // Losing the stored id only costs the fast recovery after a crash (Occupy waits for SessionMinute).
    }
  }

  /** Occupy again; call() re-opens our own session first if it expired meanwhile (21/22). */
  async #occupyAndRefresh(): Promise<void> {
    const r = await this.call('in-tx', 'Occupy', []);
    if (r.result === Result.SUCCESS || r.result === Result.OCCUPIED_BY_ITSELF)
      this.set({ occupiedByOther: false });
    await this.refreshStatus();
  }

  async #registerEvents(): Promise<void> {
    await registerEvents(this.#rawCall, this.cfg.eventHost, this.#events.port);
  }

  async #occupy(): Promise<void> {
    this.set({ occupiedByOther: await occupy(this.#rawCall) });
  }

  readonly #rawCall: RawCall = (op, body, timeoutMs) => this.#raw(op, body, timeoutMs);

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
      { id: this.cfg.clientId, seqNo: seqNo ?? this.nextSeqNo(), sessionId: this.#sessionId },
      body,
      { prefix: 'bru', qualifiedAttributes: this.cfg.qualifiedAttributes },
    );
    const text = await this.#soap.post(soapAction(op), xml, timeoutMs ?? this.timeouts.defaultMs);
    return parseSoapResponse(text);
  }

  /**
   * Sends one operation after the state-machine check; on 21/22 re-opens the session (+Occupy) and retries once
   * with the same SeqNo (the refused request was not executed). Transport failures take the link down.
   */
  protected async call(
    kind: OpKind | 'in-tx',
    op: GloryOp,
    body: XmlNode[],
    opts: { timeoutMs?: number; seqNo?: string } = {},
  ): Promise<GloryResponse> {
    if (kind !== 'in-tx') await this.guard(kind);
    try {
      let r = await this.#raw(op, body, opts.timeoutMs, opts.seqNo);
      if (
        this.cfg.sessionMode &&
        (r.result === Result.INVALID_SESSION || r.result === Result.SESSION_TIMEOUT)
      ) {
        await this.#openSession();
        await this.#registerEvents();
        if (this.cfg.occupyMode) await this.#occupy();
        if (kind !== 'in-tx') await this.guard(kind);
        r = await this.#raw(op, body, opts.timeoutMs, opts.seqNo);
      }
      if (r.result === Result.OCCUPIED_BY_OTHER || r.result === Result.NOT_OCCUPIED) {
        this.set({ occupiedByOther: r.result === Result.OCCUPIED_BY_OTHER });
      }
      if (r.status) this.set({ machineCode: r.status.code });
      return r;
    } catch (e) {
      if (e instanceof TransportError && e.kind !== 'aborted') {
        this.set({ link: 'offline' });
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

  protected async guard(kind: OpKind): Promise<void> {
    let why = refusal(this.#state, kind);
    if (why && kind === 'start-tx' && this.#state.link === 'online') {
      // Events travel on another socket and may lag the last response: ask before refusing.
      if (this.#state.occupiedByOther && this.cfg.occupyMode) await this.#occupy().catch(() => undefined);
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

  async refreshStatus(): Promise<number> {
    const r = await this.#raw('Status', [optionNode(0)]);
    if (r.result !== Result.SUCCESS) throw resultError('GetStatus', r.result);
    if (r.status)
      this.set({
        machineCode: r.status.code,
        ...(r.status.code === MachineCode.IDLE ? { lastError: undefined } : {}),
      });
    return this.#state.machineCode;
  }

  protected set(patch: Partial<DeviceState>): void {
    this.#state = { ...this.#state, ...patch };
    const phase = phaseOf(this.#state);
    const message = phaseMessage(this.#state);
    const key = `${phase}|${message ?? ''}`;
    if (key === this.#lastPhase) return;
    this.#lastPhase = key;
    this.emit('phase', { phase, message, state: this.#state });
  }
}
