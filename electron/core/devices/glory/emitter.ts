/** Minimal typed event emitter (no Node EventEmitter `any` leaking across module boundaries). */
export class Emitter<E extends { [K in keyof E]: unknown }> {
  #map = new Map<keyof E, Set<(p: never) => void>>();

  on<K extends keyof E>(name: K, fn: (payload: E[K]) => void): () => void {
    let set = this.#map.get(name);
    if (!set) this.#map.set(name, (set = new Set()));
    set.add(fn as (p: never) => void);
    return () => set.delete(fn as (p: never) => void);
  }

  emit<K extends keyof E>(name: K, payload: E[K]): void {
    for (const fn of this.#map.get(name) ?? []) {
      try {
        (fn as (p: E[K]) => void)(payload);
      } catch {
        // A failing listener must not break the device loop.
      }
    }
  }
}
