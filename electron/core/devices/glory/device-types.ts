import { cashOfType, type Denom, type GloryResponse } from './codec';
import type { DevId } from './codes';
import type { DeviceState, Phase } from './state';

/**
 * Where the driver keeps its FCC SessionID across restarts of the POS process. After a crash the FCC still holds
 * the old session and its occupancy until SessionMinute expires (60 min on the SDK VM); a new session cannot
 * Occupy against it (result 3). Reusing the stored SessionID is how a restarted POS gets its machine back at once
 * (see README.md, "Recovery after a crash").
 */
export interface SessionStore {
  load(): string | undefined;
  save(sessionId: string | undefined): void;
}

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
  /** Durable SessionID (survives a crash); without it a session lives only as long as the process. */
  sessionStore?: SessionStore;
  /** While another session holds the machine, how often Occupy is retried (default 5 s). */
  occupyRetryMs?: number;
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

/** A transaction response as cash in (type 1) and cash out (type 2) (glory-ci5.md §2.2). */
export function changeOutcome(r: GloryResponse): ChangeOutcome {
  return {
    result: r.result,
    cashIn: cashOfType(r, 1),
    cashOut: cashOfType(r, 2),
    ...(r.transactionId ? { transactionId: r.transactionId } : {}),
  };
}

export type ResolvedConfig = Required<
  Omit<GloryDeviceConfig, 'ca' | 'timeouts' | 'reconnect' | 'sessionStore'>
> &
  Pick<GloryDeviceConfig, 'ca' | 'sessionStore'>;
export interface Timeouts {
  defaultMs: number;
  changeMs: number;
  resetMs: number;
  cashinMs: number;
}

/** The driver's defaults under what the caller set. */
export function resolveConfig(cfg: GloryDeviceConfig): {
  cfg: ResolvedConfig;
  timeouts: Timeouts;
  reconnect: { baseMs: number; maxMs: number };
} {
  return {
    cfg: {
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
      occupyRetryMs: 5000,
      ...cfg,
    },
    // A sale blocks until the customer finishes; Reset may take 5 min (glory-ci5.md §2.7 "Timeouts").
    timeouts: { defaultMs: 30_000, changeMs: 600_000, resetMs: 300_000, cashinMs: 60_000, ...cfg.timeouts },
    reconnect: { baseMs: 1000, maxMs: 30_000, ...cfg.reconnect },
  };
}
