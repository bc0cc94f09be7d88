import { describe, expect, it } from 'vitest';
import { SETTING, writeSetting } from '../../../electron/core/system/settings';
import { createTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { httpApi } from './http';

describe('training-only channels', () => {
  it('the CI-5 simulator and fault channels are refused in production mode, whatever their input', async () => {
    const d = tempDir();
    const first = await createTestCore({ dataDir: d.dir });
    writeSetting(first.core.ctx.db, SETTING.mode, 'production');
    await first.close();
    const tc = await createTestCore({ dataDir: d.dir });
    const api = await httpApi(tc);
    try {
      expect(tc.core.ctx.mode).toBe('production');
      const caixa = await api.login(1, '1111');
      // Fault injection is the manager's (issue 15 item 9): asked by the manager, refused for the mode.
      const gerente = await api.login(2, '9999');
      for (const [ch, input, who] of [
        ['cash/sim-insert', { pieces: [{ value: '5.00', count: 1 }] }, caixa],
        ['cash/sim-fault', { kind: 'jam', unit: 'notes' }, gerente],
        ['cash/sim-take', {}, caixa],
        ['cash/sim-clear', { nonsense: 1 }, gerente],
      ] as const) {
        expect(await api.call(ch, input, who), ch).toMatchObject({
          status: 403,
          error: { code: 'FORBIDDEN', message: 'Esta operação só está disponível no modo de formação.' },
        });
      }
    } finally {
      await api.srv.close();
      await tc.close();
      d.cleanup();
    }
  });

  it('fault injection is refused to a caixa even in training mode; the caixa still plays the customer', async () => {
    const tc = await createTestCore();
    const api = await httpApi(tc);
    try {
      expect(tc.core.ctx.mode).toBe('training');
      const caixa = await api.login(1, '1111');
      for (const [ch, input] of [
        ['cash/sim-fault', { kind: 'network', unit: 'notes' }],
        ['cash/sim-clear', {}],
      ] as const)
        expect(await api.call(ch, input, caixa), ch).toMatchObject({
          status: 403,
          error: { code: 'FORBIDDEN', message: 'Esta operação é reservada ao gerente.' },
        });
      expect(tc.core.policies['cash/sim-fault']).toMatchObject({ who: 'manager', trainingOnly: true });
      expect(tc.core.policies['cash/sim-insert']).toMatchObject({ who: 'operator', trainingOnly: true });
    } finally {
      await api.srv.close();
      await tc.close();
    }
  });
});
