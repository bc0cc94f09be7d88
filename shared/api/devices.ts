import { z } from 'zod';
import { channel } from './define';
import { Empty } from './common';

export const DeviceKind = z.enum(['cash', 'printer', 'display', 'payment', 'sync']);
/** 'untested': configured but never reached yet (a new printer) — not "ready" until it answered once. */
export const DeviceState = z.enum(['untested', 'disconnected', 'connecting', 'ready', 'busy', 'error']);
export type DeviceState = z.infer<typeof DeviceState>;

export const DeviceStatus = z.object({
  id: z.string(),
  kind: DeviceKind,
  /** Name shown to people, pt-PT (e.g. "Glory CI-5 (simulador)"). */
  name: z.string(),
  state: DeviceState,
  simulated: z.boolean(),
  since: z.string(),
  /** pt-PT: what happened and what to do next. */
  message: z.string().optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const devicesContract = {
  'devices/list': channel({
    input: Empty,
    output: z.array(DeviceStatus),
    access: 'public',
    summary: 'Estado dos dispositivos (gaveta/CI-5, impressoras, integrações)',
  }),
};

export const devicesEvents = {
  'devices/status-changed': DeviceStatus,
};
