import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, Input, Output } from '../../../shared/api';
import type { SaleView } from '../../../shared/api/sales';
import { ApprovalCancelled, callWithApproval } from '../app/approval';
import { useClient } from '../app/context';

/** Channels that answer with the whole sale. */
type SaleChannel = {
  [C in Channel]: Output<C> extends SaleView ? (SaleView extends Output<C> ? C : never) : never;
}[Channel];

export interface SaleApi {
  /** The sale on this terminal, or null (none started yet). `undefined` while loading. */
  sale: SaleView | null | undefined;
  /** Runs a sale call (asking for manager approval when needed); resolves false when it was refused. */
  run<C extends SaleChannel>(channel: C, input: Input<C>): Promise<boolean>;
  reload(): Promise<void>;
  set(sale: SaleView | null): void;
}

/**
 * The sale lives in the core (it survives a reload or a crash); every call returns the whole SaleView, so
 * the screen never recomputes totals or fiscal rules itself.
 *
 * Answers can arrive out of order (a reload triggered by `sales/changed` may finish after a newer scan), so
 * each request takes a sequence number and an answer older than the one on screen is dropped: a fast
 * scanner never loses a line on screen.
 */
export function useSale(): SaleApi {
  const client = useClient();
  const [sale, setSale] = useState<SaleView | null | undefined>(undefined);
  const seq = useRef(0);
  const applied = useRef(0);

  const apply = useCallback((n: number, view: SaleView | null) => {
    if (n < applied.current) return;
    applied.current = n;
    setSale(view);
  }, []);

  const reload = useCallback(async () => {
    const n = ++seq.current;
    const env = await client.tryCall('sales/current', {});
    if (env.ok) apply(n, env.value);
  }, [client, apply]);

  useEffect(() => {
    const n = ++seq.current;
    void client.tryCall('sales/current', {}).then((env) => {
      if (env.ok) apply(n, env.value);
    });
    // Another window or the payment flow changed the sale: fetch it again.
    return client.on('sales/changed', () => void reload());
  }, [client, reload, apply]);

  const run = useCallback(
    async <C extends SaleChannel>(channel: C, input: Input<C>): Promise<boolean> => {
      const n = ++seq.current;
      try {
        apply(n, (await callWithApproval(client, channel, input)) as SaleView);
        return true;
      } catch (e) {
        // Refusals were shown as toasts by the client; a cancelled approval needs nothing.
        if (!(e instanceof ApprovalCancelled)) void reload();
        return false;
      }
    },
    [client, reload, apply],
  );

  const set = useCallback((view: SaleView | null) => apply(++seq.current, view), [apply]);

  return { sale, run, reload, set };
}
