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

/** Errors a cashier can act on stay until dismissed; information fades by itself. */
const AUTO_DISMISS_MS: Record<ToastKind, number | null> = {
  error: 12_000,
  warning: 12_000,
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
