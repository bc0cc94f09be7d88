import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEYS, IPC_EVENT, IPC_INVOKE, type EventFrame, type InvokeRequest } from '../../shared/bridge';

// Sandboxed preload: it may only relay the two contract channels. The raw ipcRenderer is never exposed.
type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(IPC_EVENT, (_e: IpcRendererEvent, frame: EventFrame) => {
  for (const cb of listeners.get(frame.event) ?? []) cb(frame.payload);
});

const bridge = {
  invoke: (channel: string, input: unknown, sessionToken: string | null): Promise<unknown> => {
    const req: InvokeRequest = { channel: String(channel), input, sessionToken };
    return ipcRenderer.invoke(IPC_INVOKE, req);
  },
  subscribe: (event: string, cb: Listener): (() => void) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(cb);
    listeners.set(event, set);
    return () => set.delete(cb);
  },
};

if (Object.keys(bridge).join() !== BRIDGE_KEYS.join())
  throw new Error('preload bridge drifted from shared/bridge.ts');
contextBridge.exposeInMainWorld('balcao', Object.freeze(bridge));
