import type { EventName, EventPayload } from '../../shared/api';

type Listener = (event: EventName, payload: unknown) => void;

/** Typed push-event bus. Transports subscribe once (`onAny`) and forward every event to their clients. */
export class EventBus {
  #listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.#listeners) {
      try {
        l(event, payload);
      } catch (e) {
        console.error(`event listener failed for ${event}`, e);
      }
    }
  }

  onAny(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void {
    return this.onAny((name, payload) => {
      if (name === event) cb(payload as EventPayload<E>);
    });
  }
}
