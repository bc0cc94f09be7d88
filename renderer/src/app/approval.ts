import type { Channel, Input, Output } from '../../../shared/api';
import { PosError } from '../../../shared/errors';
import type { PosClient } from '../api/client';
import { createStore } from './store';
import { pushToast } from './toasts';

/**
 * Manager approval. Channels that may need it fail with MANAGER_APPROVAL_REQUIRED (message says why);
 * the screen asks for a gerente's PIN (ApprovalDialog) and repeats the same call with `approval: { pin }`.
 */
export interface ApprovalRequest {
  reason: string;
  resolve: (pin: string | null) => void;
}

export const approvalStore = createStore<ApprovalRequest | null>(null);

export function requestApproval(reason: string): Promise<string | null> {
  return new Promise((resolve) => {
    approvalStore.get()?.resolve(null);
    approvalStore.set({
      reason,
      resolve: (pin) => {
        approvalStore.set(null);
        resolve(pin);
      },
    });
  });
}

/** Thrown when the operator gives up on an approval; nothing to show (they chose it). */
export class ApprovalCancelled extends Error {
  constructor() {
    super('approval cancelled');
    this.name = 'ApprovalCancelled';
  }
}

/** Calls a channel; on MANAGER_APPROVAL_REQUIRED asks for a manager PIN and repeats once with it. */
export async function callWithApproval<C extends Channel>(
  client: PosClient,
  channel: C,
  input: Input<C>,
): Promise<Output<C>> {
  const env = await client.tryCall(channel, input);
  if (env.ok) return env.value;
  if (env.error.code !== 'MANAGER_APPROVAL_REQUIRED') {
    const err = PosError.fromData(env.error);
    pushToast('error', err.message, err.code);
    throw err;
  }
  const pin = await requestApproval(env.error.message);
  if (!pin) throw new ApprovalCancelled();
  return client.call(channel, { ...(input as object), approval: { pin } } as Input<C>);
}
