import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaypaySimulator } from '../../../electron/simulators/paypay';
import { createTestCore } from '../../helpers/core';
import { tempDir } from '../../helpers/tmp';
import { control, ftDraft, startSim } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
/** Async: the simulator runs in this process, so its event loop must stay free while the CLI talks to it. */
const balcao = (...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });

describe('balcao paypay configure → reference → (paid in the simulator) → sync --once → references → verify', () => {
  const tmp = tempDir('balcao-paypay-cli-');
  let sim: PaypaySimulator;
  let docNo = '';
  beforeAll(async () => {
    sim = await startSim();
    const t = await createTestCore({ dataDir: tmp.dir });
    docNo = t.core.fiscal.issue(ftDraft(t.core), 1).docNo;
    await t.core.stop('setup');
  });
  afterAll(async () => {
    await sim.close();
    tmp.cleanup();
  });

  it('end to end, in real processes over real HTTP', async () => {
    const dd = ['--data-dir', tmp.dir];
    const bad = await balcao(
      'paypay',
      'configure',
      '--base-url',
      'https://paypay.pt/api',
      '--platform-code',
      'X',
      '--private-key',
      'Y',
      '--nif',
      '599999993',
      ...dd,
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/modo formação/);

    const c = await balcao(
      'paypay',
      'configure',
      '--base-url',
      sim.baseUrl,
      '--platform-code',
      sim.credentials.platformCode,
      '--private-key',
      sim.credentials.privateKey,
      '--nif',
      sim.credentials.clientId,
      ...dd,
    );
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toContain('Ligação testada: Loja Demonstração, Lda.');

    const wrong = await balcao(
      'paypay',
      'configure',
      '--base-url',
      sim.baseUrl,
      '--platform-code',
      'OUTRO',
      '--private-key',
      sim.credentials.privateKey,
      '--nif',
      sim.credentials.clientId,
      ...dd,
    );
    expect(wrong.stdout).toMatch(/Aviso: .*credenciais/);
    await balcao(
      'paypay',
      'configure',
      '--base-url',
      sim.baseUrl,
      '--platform-code',
      sim.credentials.platformCode,
      '--private-key',
      sim.credentials.privateKey,
      '--nif',
      sim.credentials.clientId,
      ...dd,
    );

    const r = await balcao('paypay', 'reference', '--doc', docNo, ...dd);
    expect(r.status, r.stderr).toBe(0);
    const m = /^(\d{5}) (\d{9}) (\d+\.\d{2})$/.exec(r.stdout.trim());
    expect(m, r.stdout).not.toBeNull();
    // Asked again: the same reference, not a second one.
    expect((await balcao('paypay', 'reference', '--doc', docNo, ...dd)).stdout).toBe(r.stdout);
    expect([...sim.account.payments.values()].filter((p) => p.method === 'MB')).toHaveLength(1);

    const print = await balcao(
      'print',
      '--doc',
      docNo,
      '--printer',
      `pdf:${path.join(tmp.dir, 'ft.pdf')}`,
      ...dd,
    );
    expect(print.status, print.stderr).toBe(0);

    const pending = await balcao('paypay', 'references', '--state', 'por-pagar', '--json', ...dd);
    expect(JSON.parse(pending.stdout)).toMatchObject([
      { document: docNo, entity: m![1], reference: m![2], state: 'por-pagar' },
    ]);

    expect((await control(sim, 'pay', { reference: m![2] })).status).toBe(200);
    const s = await balcao('paypay', 'sync', '--once', ...dd);
    expect(s.status, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/1 pagas.*Recibos emitidos: RG /);
    const s2 = await balcao('paypay', 'sync', '--once', ...dd);
    expect(s2.stdout).not.toMatch(/Recibos emitidos/);

    const paid = JSON.parse(
      (await balcao('paypay', 'references', '--json', '--state', 'paga', ...dd)).stdout,
    );
    expect(paid).toHaveLength(1);
    expect(paid[0].receipt).toMatch(/^RG /);
    expect((await balcao('paypay', 'references', ...dd)).stdout).toMatch(/paga .*recibo RG /);

    const v = await balcao('verify', ...dd);
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const saft = await balcao(
      'saft',
      '--from',
      '2020-01-01',
      '--to',
      '2099-12-31',
      '--out',
      path.join(tmp.dir, 's.xml'),
      ...dd,
    );
    expect(saft.status, saft.stderr).toBe(0);
  }, 300_000);
});
