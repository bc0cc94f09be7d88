import { randomBytes } from 'node:crypto';
import os from 'node:os';

/**
 * A running job is leased by its runner: `lease_owner` = `host:pid:nonce`, `lease_until` renewed while it runs.
 * A job found 'running' is taken back only when its lease expired, or at once when its owner is a process of
 * this machine that no longer exists (the terminal was killed): never while its owner may still be working on
 * it, so a job never runs twice at the same time. A reused pid only delays the take-over to the lease expiry.
 */
export const newLeaseOwner = (): string =>
  `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

export function ownerIsGone(owner: string | null): boolean {
  if (!owner) return true;
  const parts = owner.split(':');
  if (parts.length < 3) return false;
  const pid = Number(parts[parts.length - 2]);
  const host = parts.slice(0, -2).join(':');
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false; // this process: only an expired lease says it is stuck
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
