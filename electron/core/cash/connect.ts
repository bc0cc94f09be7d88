import type { CashDeviceSettings } from '../../../shared/api/cash';
import { GloryDevice } from '../devices/glory/device';
import { startGlorySimulator, type GlorySimulator } from '../../simulators/glory';
import type { SessionStore } from '../devices/glory/device-types';
import type { CashJournal } from './journal';

export interface DeviceOverrides {
  heartbeatTimeoutMs?: number;
  reconnect?: { baseMs?: number; maxMs?: number };
}

/**
 * The driver for the configured machine: a real Glory CI-5, or the in-process training simulator (started
 * with the stock the journal expects, so restarts do not invent differences).
 */
export async function connectDevice(
  settings: Exclude<CashDeviceSettings, { kind: 'none' }>,
  journal: CashJournal,
  deviceName: string,
  overrides: DeviceOverrides = {},
  sessionStore?: SessionStore,
): Promise<{ device: GloryDevice; sim: GlorySimulator | null }> {
  let device: GloryDevice;
  let sim: GlorySimulator | null = null;
  const o = overrides;
  if (settings.kind === 'simulator') {
    // The training simulator resumes the stock the journal expects, so restarts do not invent differences.
    const expected = journal.expected(deviceName);
    const stock = expected.size
      ? Object.fromEntries([...expected.values()].map((p) => [p.fv, p.piece]))
      : undefined;
    sim = await startGlorySimulator({
      settings: { heartbeatMs: settings.heartbeatMs, autoTakeMs: settings.autoTakeMs },
      stock,
    });
    device = new GloryDevice({
      soapUrl: sim.soapUrl,
      eventHost: '127.0.0.1',
      eventBindHost: '127.0.0.1',
      eventPort: 0,
      heartbeatTimeoutMs: o.heartbeatTimeoutMs ?? settings.heartbeatMs * 4,
      reconnect: o.reconnect,
    });
  } else {
    device = new GloryDevice({
      soapUrl: settings.soapUrl,
      eventHost: settings.eventHost,
      eventPort: settings.eventPort,
      // A loopback event address (a machine simulated on this computer) is also where we listen: never wider.
      ...(isLoopback(settings.eventHost) ? { eventBindHost: settings.eventHost } : {}),
      rejectUnauthorized: settings.tls.rejectUnauthorized,
      ca: settings.tls.ca,
      user: settings.user,
      password: settings.password,
      deviceName: settings.deviceName,
      sessionMode: settings.sessionMode,
      occupyMode: settings.occupyMode,
      heartbeatTimeoutMs: o.heartbeatTimeoutMs ?? settings.heartbeatTimeoutMs,
      qualifiedAttributes: settings.qualifiedAttributes,
      reconnect: o.reconnect,
      sessionStore,
    });
  }
  return { device, sim };
}

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host.startsWith('127.');
