import type { DeviceStatus } from '../../../shared/api/devices';
import type { EventBus } from '../events';
import type { Clock } from '../util/clock';

export type DeviceInit = Omit<DeviceStatus, 'since' | 'state' | 'message'> & {
  state?: DeviceStatus['state'];
  message?: string;
};

export interface DeviceHandle {
  readonly id: string;
  update(state: DeviceStatus['state'], message?: string): void;
  current(): DeviceStatus;
}

/**
 * The one place device services report their state. Only status reaches the UI, never a port or a socket.
 * Every transition is emitted as `devices/status-changed`.
 */
export class DeviceRegistry {
  #devices = new Map<string, DeviceStatus>();
  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  register(init: DeviceInit): DeviceHandle {
    if (this.#devices.has(init.id)) throw new Error(`device already registered: ${init.id}`);
    const status: DeviceStatus = {
      ...init,
      state: init.state ?? 'disconnected',
      since: this.clock.now().toISOString(),
      ...(init.message ? { message: init.message } : {}),
    };
    this.#devices.set(init.id, status);
    this.events.emit('devices/status-changed', status);
    return {
      id: init.id,
      update: (state, message) => this.#update(init.id, state, message),
      current: () => this.#devices.get(init.id) as DeviceStatus,
    };
  }

  #update(id: string, state: DeviceStatus['state'], message?: string): void {
    const prev = this.#devices.get(id);
    if (!prev) return;
    if (prev.state === state && prev.message === message) return;
    const next: DeviceStatus = { ...prev, state, since: this.clock.now().toISOString() };
    if (message) next.message = message;
    else delete next.message;
    this.#devices.set(id, next);
    this.events.emit('devices/status-changed', next);
  }

  list(): DeviceStatus[] {
    return [...this.#devices.values()];
  }
}
