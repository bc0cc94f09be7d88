import { fromCents } from '../../../shared/money';
import type { DeviceState as RegistryState } from '../../../shared/api/devices';
import type { EventBus } from '../events';
import type { GloryDevice } from '../devices/glory/device';
import type { DeviceHandle } from '../devices/registry';
import type { Phase } from '../devices/glory/state';

export interface LiveOp {
  journalId: number;
  operation: 'sale' | 'payout' | 'float' | 'deposit' | 'replenish' | 'collect' | 'cashout';
  requested: number;
  shortage?: boolean;
}

const registryState: Record<Phase, RegistryState> = {
  offline: 'disconnected',
  connecting: 'connecting',
  ready: 'ready',
  busy: 'busy',
  occupied: 'busy',
  error: 'error',
};

/** Turns driver events into the core's push events (cash/*) and the device registry state. */
export function wireDeviceEvents(
  d: GloryDevice,
  bus: EventBus,
  handle: DeviceHandle,
  live: () => LiveOp | null,
  onReady: () => void,
): () => void {
  const offs = [
    d.on('phase', ({ phase, message }) => {
      handle.update(registryState[phase], message);
      if (phase === 'ready') onReady();
      if (phase === 'offline' && message) bus.emit('cash/error', { kind: 'offline', message });
      if (phase === 'occupied' && message) bus.emit('cash/error', { kind: 'occupied', message });
    }),
    d.on('deposit', ({ inserted }) => {
      const op = live();
      if (!op) return;
      bus.emit('cash/amount-inserted', {
        journalId: op.journalId,
        operation: op.operation,
        inserted: fromCents(inserted),
        requested: fromCents(op.requested),
        remaining: fromCents(Math.max(0, op.requested - inserted)),
      });
    }),
    d.on('dispense', ({ amount }) => {
      const op = live();
      if (op)
        bus.emit('cash/amount-to-dispense', {
          journalId: op.journalId,
          operation: op.operation,
          amount: fromCents(amount),
        });
    }),
    d.on('take-cash', () => {
      const op = live();
      bus.emit('cash/take-cash', {
        journalId: op?.journalId ?? null,
        message: op?.operation === 'sale' ? 'Retire o troco' : 'Retire o dinheiro da saída',
      });
    }),
    d.on('machine', ({ code }) => {
      const op = live();
      // 23 WAITING_CANCEL: not enough change with Option type=1 (glory-ci5.md §2.7).
      if (code === 23 && op?.operation === 'sale') {
        op.shortage = true;
        bus.emit('cash/change-shortage', {
          journalId: op.journalId,
          message:
            'A máquina não tem troco suficiente. Cancele o pagamento (o dinheiro é devolvido) e peça outro meio de pagamento ou valor certo.',
        });
      }
    }),
    d.on('device-error', ({ devid, hex, message }) => {
      const fam = hex.slice(0, 2);
      const kind =
        fam === '05'
          ? 'door'
          : ['01', '02', '03'].includes(fam)
            ? 'jam'
            : fam.startsWith('E')
              ? 'cassette'
              : hex === '4401'
                ? 'power'
                : 'other';
      bus.emit('cash/error', { kind, message, unit: devid === 1 ? 'notes' : 'coins' });
    }),
  ];
  return () => offs.forEach((off) => off());
}
