import { useCallback, useEffect, useState } from 'react';
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
 */
export function useSale(): SaleApi {
  const client = useClient();
  const [sale, setSale] = useState<SaleView | null | undefined>(undefined);

  const reload = useCallback(async () => {
    const env = await client.tryCall('sales/current', {});
    if (env.ok) setSale(env.value);
  }, [client]);

  useEffect(() => {
    void reload();
    // Another window or the payment flow changed the sale: fetch it again.
    return client.on('sales/changed', () => void reload());
  }, [client, reload]);

  const run = useCallback(
    async <C extends SaleChannel>(channel: C, input: Input<C>): Promise<boolean> => {
      try {
        const view = (await callWithApproval(client, channel, input)) as SaleView;
        setSale(view);
        return true;
      } catch (e) {
        // Refusals were shown as toasts by the client; a cancelled approval needs nothing.
        if (!(e instanceof ApprovalCancelled)) void reload();
        return false;
      }
    },
    [client, reload],
  );

  return { sale, run, reload, set: setSale };
}
