import type { Channel, EventName, EventPayload, Input, Output } from './api';
import type { Envelope } from './errors';

/** Electron IPC channel names (the only two the preload uses). */
export const IPC_INVOKE = 'pos:invoke';
export const IPC_EVENT = 'pos:event';

export interface InvokeRequest {
  channel: string;
  input: unknown;
  sessionToken: string | null;
}

export interface EventFrame {
  event: string;
  payload: unknown;
}

/**
 * What the Electron preload exposes as `window.balcao` — nothing else reaches the page.
 * `invoke` resolves with the envelope (never rejects for a refused call).
 */
export interface BalcaoBridge {
  invoke<C extends Channel>(
    channel: C,
    input: Input<C>,
    sessionToken: string | null,
  ): Promise<Envelope<Output<C>>>;
  subscribe<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

export const BRIDGE_KEYS = ['invoke', 'subscribe'] as const;
