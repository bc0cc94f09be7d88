import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Channel, Input, Output } from '../../../shared/api';
import type { PosClient } from '../api/client';
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
  /**
   * Resolves with the sale once every call already made (a scan whose Enter came just before a tap on
   * "Pagar") has been answered and applied, so the next step starts from what the core really holds.
   */
  whenIdle(): Promise<SaleView | null | undefined>;
}

/**
 * The sale lives in the core (it survives a reload or a crash); every call returns the whole SaleView, so
 * the screen never recomputes totals or fiscal rules itself.
 *
 * Answers can arrive out of order (a reload triggered by `sales/changed` may finish after a newer scan), so
 * each request takes a sequence number and an answer older than the one on screen is dropped: a fast
 * scanner never loses a line on screen. Dropping is only right if the core also *handled* the requests in
 * that order, and concurrent HTTP requests may reach it in any order (a scan, then a tap on "Cliente" a few
 * ms later, could be applied as customer-then-scan, and the scan's answer — the newest state — would be
 * dropped as "older"). So sale calls go to the core one at a time, in the order they were made.
 */
export function useSale(): SaleApi {
  const shared = useClient();
  const client = useMemo(() => serialClient(shared), [shared]);
  const [sale, setSale] = useState<SaleView | null | undefined>(undefined);
  const seq = useRef(0);
  const applied = useRef(0);
  const latest = useRef<SaleView | null | undefined>(undefined);
  const inFlight = useRef(new Set<Promise<unknown>>());

  const apply = useCallback((n: number, view: SaleView | null) => {
    if (n < applied.current) return;
    applied.current = n;
    latest.current = view;
    setSale(view);
  }, []);

  const track = useCallback(<T>(p: Promise<T>): Promise<T> => {
    inFlight.current.add(p);
    void p.finally(() => inFlight.current.delete(p)).catch(() => undefined);
    return p;
  }, []);

  const reload = useCallback(
    () =>
      track(
        (async () => {
          const n = ++seq.current;
          const env = await client.tryCall('sales/current', {});
          if (env.ok) apply(n, env.value);
        })(),
      ),
    [client, apply, track],
  );

  useEffect(() => {
    const n = ++seq.current;
    void client.tryCall('sales/current', {}).then((env) => {
      if (env.ok) apply(n, env.value);
    });
    // Another window or the payment flow changed the sale: fetch it again.
    return client.on('sales/changed', () => void reload());
  }, [client, reload, apply]);

  const run = useCallback(
    <C extends SaleChannel>(channel: C, input: Input<C>): Promise<boolean> =>
      track(
        (async () => {
          const n = ++seq.current;
          try {
            apply(n, (await callWithApproval(client, channel, input)) as SaleView);
            return true;
          } catch (e) {
            // Refusals were shown as toasts by the client; a cancelled approval needs nothing.
            if (!(e instanceof ApprovalCancelled)) void reload();
            return false;
          }
        })(),
      ),
    [client, reload, apply, track],
  );

  const set = useCallback((view: SaleView | null) => apply(++seq.current, view), [apply]);

  const whenIdle = useCallback(async () => {
    while (inFlight.current.size > 0) await Promise.allSettled([...inFlight.current]);
    return latest.current;
  }, []);

  return { sale, run, reload, set, whenIdle };
}

/** How long a call waits for the previous one before going ahead anyway (a lost answer must not freeze the till). */
const QUEUE_WAIT_MS = 15_000;

/**
 * The same client, but each call waits until the previous call's answer has arrived (a manager-approval
 * dialog between two calls does not hold the queue: only the round-trips are queued).
 */
function serialClient(client: PosClient): PosClient {
  let last: Promise<unknown> = Promise.resolve();
  const queued = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = last.then(fn, fn);
    const settled = next.catch(() => undefined);
    last = Promise.race([settled, new Promise((resolve) => setTimeout(resolve, QUEUE_WAIT_MS))]);
    return next;
  };
  return {
    transport: client.transport,
    call: (channel, input) => queued(() => client.call(channel, input)),
    tryCall: (channel, input) => queued(() => client.tryCall(channel, input)),
    on: (event, cb) => client.on(event, cb),
    onConnection: (cb) => client.onConnection(cb),
    setSession: (token) => client.setSession(token),
  };
}
