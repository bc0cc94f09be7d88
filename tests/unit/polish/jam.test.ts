import { describe, expect, it } from 'vitest';
import { deviceErrorInstruction } from '../../../electron/core/devices/glory/codes';

/** Issue 15 item 6: a jam said only "A máquina recusou 5,00 €."; it says where the jam is and what to do. */
describe('CI-5 jam instruction', () => {
  it('a jam says where it is and what to do', () => {
    expect(deviceErrorInstruction(1, 0x0201, 'in').message).toMatch(
      /^Encravamento na entrada do módulo de notas: abra a tampa da entrada, retire a nota encravada.*Repor/,
    );
    expect(deviceErrorInstruction(2, 0x0202, 'out').message).toMatch(
      /^Encravamento na saída do módulo de moedas: abra a tampa da saída, retire as moedas encravadas/,
    );
    expect(deviceErrorInstruction(1, 0x0201).family).toBe('jam');
  });
});
