import type { Channel, EventName, EventPayload, Input, Output } from '../../../shared/api';
import { PosError, type Envelope } from '../../../shared/errors';

/** How the renderer reaches the core: Electron IPC (preload bridge) or browser mode (HTTP + WebSocket). */
export interface Transport {
  readonly kind: 'ipc' | 'http';
  invoke(channel: string, input: unknown, sessionToken: string | null): Promise<Envelope<unknown>>;
  subscribe(event: string, cb: (payload: unknown) => void): () => void;
  /** Connection state of the event channel (IPC is always connected). */
  onConnection(cb: (connected: boolean) => void): () => void;
}

export interface PosClient {
  /** Resolves with the output or throws a PosError (with a pt-PT message). */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>>;
  /** Never throws: the envelope, for UI code that branches on the result. */
  tryCall<C extends Channel>(channel: C, input: Input<C>): Promise<Envelope<Output<C>>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  onConnection(cb: (connected: boolean) => void): () => void;
  setSession(token: string | null): void;
  readonly transport: Transport['kind'];
}

export function createPosClient(transport: Transport, onError?: (e: PosError) => void): PosClient {
  let session: string | null = null;
  const tryCall = async <C extends Channel>(channel: C, input: Input<C>): Promise<Envelope<Output<C>>> => {
    try {
      return (await transport.invoke(channel, input, session)) as Envelope<Output<C>>;
    } catch {
      return {
        ok: false,
        error: {
          code: 'CORE_NOT_READY',
          message: 'Sem ligação ao núcleo do terminal. A tentar novamente…',
          op: channel,
        },
      };
    }
  };
  return {
    transport: transport.kind,
    tryCall,
    async call(channel, input) {
      const env = await tryCall(channel, input);
      if (env.ok) return env.value;
      const err = PosError.fromData(env.error);
      onError?.(err);
      throw err;
    },
    on: (event, cb) => transport.subscribe(event, cb as (p: unknown) => void),
    onConnection: (cb) => transport.onConnection(cb),
    setSession(token) {
      session = token;
    },
  };
}
