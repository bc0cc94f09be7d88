import { describe, expect, it } from 'vitest';
import { phaseOf, refusal, type DeviceState } from '../../../electron/core/devices/glory/state';
import { Stock } from '../../../electron/simulators/glory/stock';

const idle: DeviceState = {
  link: 'online',
  heartbeatLost: false,
  occupiedByOther: false,
  machineCode: 1,
  activeTx: null,
};

describe('driver state machine', () => {
  it('allows a transaction only online, with heartbeat, unoccupied, IDLE and no transaction in flight', () => {
    expect(refusal(idle, 'start-tx')).toBeNull();
    expect(phaseOf(idle)).toBe('ready');
    expect(refusal({ ...idle, link: 'offline' }, 'start-tx')).toMatch(/Sem ligação/);
    expect(refusal({ ...idle, heartbeatLost: true }, 'start-tx')).toMatch(/sinal de vida/);
    expect(refusal({ ...idle, occupiedByOther: true }, 'start-tx')).toMatch(/outro posto/);
    expect(refusal({ ...idle, machineCode: 30, lastError: 'Encravamento…' }, 'start-tx')).toBe(
      'Encravamento…',
    );
    expect(refusal({ ...idle, activeTx: 'sale' }, 'start-tx')).toMatch(/operação em curso/);
    // The machine's state in words, not its SDK name COLLECTING (issue 15 item 7).
    expect(refusal({ ...idle, machineCode: 12 }, 'start-tx')).toMatch(
      /não está livre \(a recolher o numerário\)/,
    );
  });

  it('refuses cancel/end without a matching transaction and EndCashin in the SDK hang states', () => {
    expect(refusal(idle, 'cancel-sale')).toMatch(/Não há nenhum pagamento/);
    expect(refusal({ ...idle, activeTx: 'sale' }, 'cancel-sale')).toBeNull();
    expect(refusal(idle, 'end-cashin')).toMatch(/depósito/);
    for (const code of [6, 13, 24, 30])
      expect(refusal({ ...idle, activeTx: 'cashin', machineCode: code }, 'end-cashin')).toMatch(
        /retirar|erro/,
      );
    expect(refusal({ ...idle, activeTx: 'cashin', machineCode: 3 }, 'end-cashin')).toBeNull();
    expect(refusal({ ...idle, machineCode: 30 }, 'reset')).toBeNull();
    expect(refusal({ ...idle, link: 'connecting' }, 'query')).toMatch(/a ligar/);
  });
});

describe('simulator stock', () => {
  it('makes exact change when greedy alone would fail, or reports impossibility', () => {
    const s = new Stock({ 50: 0, 20: 3, 10: 0, 200: 0, 100: 0 });
    expect(s.makeChange(60)).toEqual([{ fv: 20, devid: 2, piece: 3 }]);
    expect(s.makeChange(70)).toBeNull();
    expect(s.partialChange(70)).toEqual([{ fv: 20, devid: 2, piece: 3 }]);
  });

  it('reports near-empty / near-full levels', () => {
    const s = new Stock({ 100: 0, 200: 3, 2000: 55 });
    expect([s.level(100), s.level(200), s.level(2000), s.level(500)]).toEqual([0, 1, 3, 0]);
    s.set(2000, 60);
    expect(s.level(2000)).toBe(4);
    expect(s.accepts(2000)).toBe(false);
  });
});
