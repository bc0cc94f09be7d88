import net from 'node:net';
import type { CashDeviceSettings } from '../../../shared/api/cash';

/**
 * A real Glory configuration ("kind: glory") pointed at a simulator on loopback: the driver speaks to it over
 * SOAP/HTTP and receives its event frames on `eventPort`, exactly as it would a CI-5 on the shop's LAN.
 */
export function gloryOnLoopback(soapUrl: string, eventPort: number): CashDeviceSettings {
  return {
    kind: 'glory',
    soapUrl,
    eventHost: '127.0.0.1',
    eventPort,
    tls: { rejectUnauthorized: true },
    user: '',
    password: '',
    deviceName: 'Balcao',
    sessionMode: true,
    occupyMode: true,
    heartbeatTimeoutMs: 2000,
    qualifiedAttributes: true,
    cancelOnShortChange: true,
  };
}

/** A TCP port free on loopback right now (the terminal's fixed event port across restarts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls until `check` holds (bounded: fails the test with `what` instead of hanging). */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
