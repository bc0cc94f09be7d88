import { expect } from 'vitest';
import { createCashService, type CashService } from '../../../electron/core/cash/service';
import type { DeviceRegistry } from '../../../electron/core/devices/registry';
import type { EventBus } from '../../../electron/core/events';
import { openTestContext } from '../../helpers/context';
import {
  startGlorySimulator,
  type GlorySimulator,
  type SimSettings,
} from '../../../electron/simulators/glory';
import type { EventName, EventPayload } from '../../../shared/api';

/**
 * A cash stack on a real SQLite file (real migrations) talking to a simulator over real sockets on 127.0.0.1.
 * A "restart" is a new stack on the same data folder.
 */
export interface CashStack {
  cash: CashService;
  events: EventBus;
  devices: DeviceRegistry;
  close(): Promise<void>;
}

export async function startSim(
  settings: Partial<SimSettings> = {},
  stock?: Record<number, number>,
): Promise<GlorySimulator> {
  return startGlorySimulator({ settings: { heartbeatMs: 100, autoTakeMs: null, ...settings }, stock });
}

export async function openStack(
  dataDir: string,
  sim: GlorySimulator,
  opts: { reconnectWaitMs?: number; clientId?: string } = {},
): Promise<CashStack> {
  const { ctx, devices, close } = await openTestContext(dataDir, {
    // These tests run the cash service alone, with operator ids that have no operator row.
    audit: () => undefined,
  });
  const { events } = ctx;
  const cash = createCashService(ctx, {
    devices,
    settings: {
      kind: 'glory',
      soapUrl: sim.soapUrl,
      eventHost: '127.0.0.1',
      eventPort: 0,
      tls: { rejectUnauthorized: true },
      user: '',
      password: '',
      deviceName: 'Teste',
      sessionMode: true,
      occupyMode: true,
      heartbeatTimeoutMs: 600,
      qualifiedAttributes: true,
      cancelOnShortChange: true,
    },
    reconnectWaitMs: opts.reconnectWaitMs ?? 10_000,
    idleWaitMs: 5000,
    deviceOverrides: { heartbeatTimeoutMs: 600, reconnect: { baseMs: 50, maxMs: 300 } },
  });
  await cash.start();
  return {
    cash,
    events,
    devices,
    async close() {
      await cash.stop();
      close();
    },
  };
}

export async function control<T = unknown>(sim: GlorySimulator, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sim.controlUrl}${route}`, {
    method:
      body === undefined && route.endsWith('inventory') ? 'GET' : route.endsWith('state') ? 'GET' : 'POST',
    ...(body !== undefined
      ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
      : {}),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`control ${route}: ${JSON.stringify(json)}`);
  return json;
}

export const insert = (sim: GlorySimulator, ...fvs: number[]) =>
  control(sim, '/control/insert', { denominations: fvs.map((fv) => ({ fv, piece: 1 })) });

export async function until(
  pred: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await pred()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const machineCode = async (sim: GlorySimulator): Promise<number> =>
  (await control<{ code: number }>(sim, '/control/state')).code;

export function nextEvent<E extends EventName>(
  bus: EventBus,
  name: E,
  pred: (p: EventPayload<E>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      off();
      reject(new Error(`no ${name} event`));
    }, timeoutMs);
    const off = bus.on(name, (p) => {
      if (!pred(p)) return;
      clearTimeout(t);
      off();
      resolve(p);
    });
  });
}

/** The journal's expected recycler content equals the simulator's inventory, per face value, to the cent. */
export async function expectAgreement(stack: CashStack, sim: GlorySimulator): Promise<void> {
  const inv = await control<{ denominations: { fv: number; piece: number }[]; totalCents: number }>(
    sim,
    '/control/inventory',
  );
  const machine = inv.denominations.filter((d) => d.piece > 0).map((d) => ({ fv: d.fv, piece: d.piece }));
  const journal = stack.cash.expected().map((p) => ({ fv: p.fv, piece: p.piece }));
  expect(journal).toEqual(machine);
  expect(journal.reduce((t, p) => t + p.fv * p.piece, 0)).toBe(inv.totalCents);
}
