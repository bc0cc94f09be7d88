import type { Channel } from '../../../shared/api';
import type { PosClient } from '../api/client';

/** How long a call waits for the previous change before going ahead anyway (a lost answer must not freeze the till). */
export const QUEUE_WAIT_MS = 15_000;

/** The sale calls that only read (they change nothing in the core). */
const READS: ReadonlySet<Channel> = new Set<Channel>(['sales/current']);

/**
 * The same client, but each call waits until the answer to the previous *change* has arrived, so the core
 * handles the till's changes in the order they were made (a manager-approval dialog between two calls does not
 * hold the queue: only the round-trips are queued).
 *
 * A read waits for the changes before it (were it handled before one of them, its older state would carry the
 * newer sequence number in use-sale.ts and the change's answer would be dropped), but nothing waits for a read:
 * a change sent while a read is in flight takes the newer number, and whichever order the core handles the
 * two in, the change's answer is at least as new as the read's. So a scan never waits behind the
 * `sales/current` reload that a `sales/changed` event started (e.g. the last payment of the previous sale:
 * pos.scan_after_sale).
 */
export function serialClient(client: PosClient): PosClient {
  let lastChange: Promise<unknown> = Promise.resolve();
  const queued = <T>(channel: Channel, fn: () => Promise<T>): Promise<T> => {
    const next = lastChange.then(fn, fn);
    if (READS.has(channel)) return next;
    const settled = next.catch(() => undefined);
    lastChange = Promise.race([settled, new Promise((resolve) => setTimeout(resolve, QUEUE_WAIT_MS))]);
    return next;
  };
  return {
    transport: client.transport,
    call: (channel, input) => queued(channel, () => client.call(channel, input)),
    tryCall: (channel, input) => queued(channel, () => client.tryCall(channel, input)),
    on: (event, cb) => client.on(event, cb),
    onConnection: (cb) => client.onConnection(cb),
    setSession: (token) => client.setSession(token),
  };
}
