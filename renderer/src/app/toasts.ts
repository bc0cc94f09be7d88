import type { ErrorCode } from '../../../shared/errors';
import { createStore } from './store';

export type ToastKind = 'error' | 'warning' | 'info' | 'success';

export interface Toast {
  id: number;
  kind: ToastKind;
  /** pt-PT text for people (the core's message for errors; never a stack trace). */
  message: string;
  code?: ErrorCode;
}

/**
 * How long a toast stays. An error is about what the cashier just did: long enough to read twice, and
 * cleared anyway when the screen changes or the sale is completed (clearStaleToasts), so it never follows
 * the cashier onto the next screen ("Venda concluída" beside a stale error; issue 15 item 7).
 */
const AUTO_DISMISS_MS: Record<ToastKind, number | null> = {
  error: 8_000,
  warning: 8_000,
  info: 5_000,
  success: 4_000,
};
const MAX_VISIBLE = 4;

export const toastStore = createStore<readonly Toast[]>([]);
let nextId = 1;

export function dismissToast(id: number): void {
  toastStore.set((list) => list.filter((t) => t.id !== id));
}

export function pushToast(kind: ToastKind, message: string, code?: ErrorCode): number {
  const id = nextId++;
  toastStore.set((list) => {
    // The same message twice in a row (e.g. a repeated bad scan) refreshes instead of stacking.
    const rest = list.filter((t) => t.message !== message);
    return [...rest, { id, kind, message, ...(code ? { code } : {}) }].slice(-MAX_VISIBLE);
  });
  const ms = AUTO_DISMISS_MS[kind];
  if (ms !== null) setTimeout(() => dismissToast(id), ms);
  return id;
}

/** Errors and warnings belong to the screen they were raised on: dropped when it changes. */
export function clearStaleToasts(): void {
  toastStore.set((list) => {
    const keep = list.filter((t) => t.kind === 'success' || t.kind === 'info');
    return keep.length === list.length ? list : keep;
  });
}
