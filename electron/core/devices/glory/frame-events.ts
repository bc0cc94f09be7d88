import { deviceErrorInstruction, MachineCode } from './codes';
import type { DeviceEvents } from './device-types';
import { parseEventFrame, type GloryEvent } from './events';
import type { DeviceState } from './state';

/** What an event frame may change on the device: its state, its watchdog and its typed events. */
export interface FrameTarget {
  beat(): void;
  state(): Readonly<DeviceState>;
  set(patch: Partial<DeviceState>): void;
  emit<K extends keyof DeviceEvents>(name: K, payload: DeviceEvents[K]): void;
}

/** One event frame from the FCC (its own socket) → state changes and device events (glory-ci5.md §2.5). */
export function handleFrame(xml: string, t: FrameTarget): void {
  let events: GloryEvent[];
  try {
    events = parseEventFrame(xml);
  } catch {
    return; // a malformed frame is dropped; the next status/heartbeat resynchronises
  }
  for (const e of events) onEvent(e, t);
}

function onEvent(e: GloryEvent, t: FrameTarget): void {
  switch (e.kind) {
    case 'heartbeat':
      t.beat();
      t.emit('heartbeat', { serialNo: e.serialNo });
      return;
    case 'status': {
      const flow = flowOf(e.code);
      t.set({
        machineCode: e.code,
        ...(e.code === MachineCode.IDLE ? { lastError: undefined, flow: undefined } : {}),
        ...(flow ? { flow } : {}),
      });
      t.emit('machine', { code: e.code, amount: e.amount });
      if (
        (e.code === MachineCode.COUNTING || e.code === MachineCode.WAITING_PAYMENT) &&
        e.amount !== undefined
      ) {
        t.emit('deposit', { inserted: e.amount });
      }
      if (e.code === MachineCode.DISPENSING && e.amount !== undefined)
        t.emit('dispense', { amount: e.amount });
      return;
    }
    case 'cashier':
      return onCashier(e, t);
    case 'response':
      t.emit('response-copy', e.response);
      return;
    case 'special-error':
      t.set({
        lastError: `Erro na máquina de numerário: ${e.message}. Siga as instruções no ecrã da máquina.`,
      });
      return;
  }
}

/**
 * Which way money was moving when a state was last reported: into the machine (payment, deposit, replenishment)
 * or out of it (change, pay-out, collection). Error states keep the last one: a jam reported while counting is
 * a jam at the entrance (issue 15 item 6).
 */
function flowOf(code: number): 'in' | 'out' | undefined {
  switch (code) {
    case MachineCode.STARTING_PAYMENT:
    case MachineCode.WAITING_PAYMENT:
    case MachineCode.COUNTING:
    case MachineCode.WAITING_CASH_IN_REMOVE:
    case MachineCode.WAITING_REPLENISHMENT:
    case MachineCode.COUNTING_REPLENISHMENT:
    case MachineCode.FIXED_DEPOSIT:
    case MachineCode.WAITING_DEPOSIT:
      return 'in';
    case MachineCode.DISPENSING:
    case MachineCode.WAITING_CASH_OUT_REMOVE:
    case MachineCode.COLLECTING:
    case MachineCode.FIXED_DISPENSE:
    case MachineCode.WAITING_DISPENSE:
      return 'out';
    default:
      return undefined;
  }
}

function onCashier(e: Extract<GloryEvent, { kind: 'cashier' }>, t: FrameTarget): void {
  const { devid, event, position } = e;
  if (event === 'eventError' && e.errorCode !== undefined) {
    const info = deviceErrorInstruction(devid, e.errorCode, t.state().flow);
    t.set({ lastError: info.message });
    t.emit('device-error', {
      devid,
      code: e.errorCode,
      hex: info.hex,
      message: info.message,
      recoveryUrl: e.recoveryUrl,
    });
  } else if (event === 'eventWaitForRemoving') t.emit('take-cash', { devid, position });
  else if (event === 'eventRemoved') t.emit('removed', { devid, position });
  else if (/^event(Opened|Closed|Locked|WaitForOpening)$/.test(event))
    t.emit('door', { devid, event, position });
  else if (/^event(Empty|Low|Exist|High|Full|Missing)$/.test(event))
    t.emit('level', { devid, event, position });
}
