import type { Channel, Input, Output } from '../../shared/api';
import { ApiClient, type Answer, type Http500 } from './client';
import { startServer, type ServerProcess } from './processes';

/** The request got no answer: the server died (or hung). The driver restarts it and asks what happened. */
export class ServerGone extends Error {}

/** The server answered with a refusal the step did not expect. */
export class Refused extends Error {
  constructor(
    readonly channel: string,
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(`${channel}: ${code} (${status}) ${message}`);
  }
}

export const CAIXA = { id: 1, pin: '1111' };
export const MANAGER_PIN = '9999';
/** Rui Gerente, the demo manager (operator 2 of the training terminal). */
export const MANAGER = { id: 2 };

/**
 * One terminal: the `balcao serve` process on one data folder and the cashier's client. Owns the kill switch:
 * a SIGKILL armed with a random delay fires whatever the server is doing at that moment.
 */
export class Till {
  server: ServerProcess | null = null;
  client!: ApiClient;
  readonly http500: Http500[] = [];
  kills = 0;
  /** Requests that got no answer (the server was killed, or did not answer in time). */
  unknownOutcomes = 0;
  /** Times the server did not answer but was still alive (it was then killed and restarted too). */
  hangs = 0;
  restarts = 0;
  /** Restarts after which the CI-5 was not usable (issue 9 A2), with the POS's reason. */
  readonly ci5UnusableAfterRestart: string[] = [];
  /** The same, each with where it happened and the simulator's state code, for the results file. */
  readonly ci5UnusableDetails: string[] = [];
  /** The last restart found the CI-5 unusable (the next one, if it is still down, is only looked at). */
  ci5DownAtLastRestart = false;
  /** The CI-5 was not offered at the last look (the cashier stops waiting for it at every sale). */
  ci5KnownDown = false;
  #killTimer: NodeJS.Timeout | null = null;
  #killing: Promise<void> | null = null;

  constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly logFile: string,
  ) {}

  async start(): Promise<void> {
    this.server = await startServer(this.dataDir, this.port, this.logFile);
    this.client = new ApiClient(this.server.url, this.server.token, this.http500);
    if (!(await this.client.login(CAIXA.id, CAIXA.pin))) throw new Error('login as the demo cashier failed');
    await this.client.openEvents();
  }

  /** A call whose refusal is an answer too; only a missing answer throws (ServerGone). */
  async try<C extends Channel>(channel: C, input: Input<C>, timeoutMs?: number): Promise<Answer<Output<C>>> {
    if (!this.server?.alive) throw new ServerGone(channel);
    let r = await this.client.call(channel, input, timeoutMs);
    // Start-up (recovery) still running: a cashier waits; bounded.
    for (let i = 0; i < 150 && r.kind === 'refused' && r.code === 'CORE_NOT_READY'; i++) {
      await new Promise((res) => setTimeout(res, 200));
      r = await this.client.call(channel, input, timeoutMs);
    }
    if (r.kind === 'refused' && r.code === 'UNAUTHENTICATED' && channel !== 'auth/login') {
      if (await this.client.login(CAIXA.id, CAIXA.pin)) r = await this.client.call(channel, input, timeoutMs);
    }
    if (r.kind === 'unknown') {
      this.unknownOutcomes++;
      throw new ServerGone(`${channel}: ${r.error}`);
    }
    return r;
  }

  /** Throws ServerGone (the crash path) when the server was killed, for waits that do not call it. */
  assertAlive(what: string): void {
    if (!this.server?.alive) throw new ServerGone(what);
  }

  async api<C extends Channel>(channel: C, input: Input<C>, timeoutMs?: number): Promise<Output<C>> {
    const r = await this.try(channel, input, timeoutMs);
    if (r.kind === 'refused') throw new Refused(channel, r.code, r.status, r.message);
    return r.value;
  }

  /**
   * Arms a SIGKILL in `ms` unless one is already armed. It is not disarmed when the sale ends, so it lands at a
   * truly random moment: in this sale, between sales, in a return or a pay-in/out, or in the next sale.
   */
  armKill(ms: number): void {
    if (this.#killTimer) return;
    this.#killTimer = setTimeout(() => {
      this.#killTimer = null;
      this.#killing = this.kill();
    }, ms);
  }

  disarm(): void {
    if (this.#killTimer) clearTimeout(this.#killTimer);
    this.#killTimer = null;
  }

  /** Waits for a kill that already fired to complete. */
  async settleKill(): Promise<void> {
    await this.#killing;
  }

  async kill(): Promise<void> {
    if (!this.server?.alive) return;
    this.kills++;
    this.client.close();
    await this.server.kill();
  }

  /** After a missing answer: make sure the old process is gone (a hang is killed too), then start again. */
  async restart(): Promise<void> {
    this.disarm();
    await this.#killing;
    this.#killing = null;
    if (this.server?.alive) {
      this.hangs++;
      await this.kill();
    }
    this.restarts++;
    await this.start();
  }

  async stop(): Promise<void> {
    this.disarm();
    await this.#killing;
    this.client?.close();
    await this.server?.stop();
  }
}
