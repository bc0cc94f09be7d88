import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PurchaseSummary } from '../../../shared/api/purchases';
import { createTestCore } from '../../helpers/core';
import { purchaseXml } from '../../helpers/purchase-xml';
import { tempDir } from '../../helpers/tmp';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

/** `balcao ilink history --imported` as a real process over a data folder with two received purchases. */
describe('balcao ilink history --imported', () => {
  const tmp = tempDir('balcao-purchases-cli-');
  const dataDir = path.join(tmp.dir, 'data');
  let rejectedId = '';

  beforeAll(async () => {
    // No job runner: the rejection stays in the outbox ("decisão por enviar"), as on a terminal offline.
    const t = await createTestCore({ dataDir, cash: { settings: { kind: 'none' } }, startJobs: false });
    try {
      const at = { receivedAt: '2025-06-02T10:00:00.000Z' };
      const a = t.core.purchases.importUbl(purchaseXml({ number: 'FT A/1' }), { ilinkId: 'il-1', ...at });
      const b = t.core.purchases.importUbl(purchaseXml({ number: 'FT A/2', sellerVat: 'PT503504564' }), {
        ilinkId: 'il-2',
        receivedAt: '2025-06-03T11:30:00.000Z',
      });
      if (!a.ok || !b.ok) throw new Error('seed failed');
      rejectedId = b.purchaseId;
      t.core.purchases.reject(b.purchaseId, 'Não encomendado', 2);
    } finally {
      await t.close();
    }
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('prints the table with the history columns, newest first', () => {
    const r = balcao('ilink', 'history', '--imported', '--data-dir', dataDir);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Número\s+Tipo\s+Fornecedor\s+Data Receção\s+Estado Documento\s+Sucesso$/);
    expect(lines[1]).toMatch(
      /^FT A\/2\s+Compra \(FT\)\s+503504564 - Distribuidora Tejo & Filhos, Lda\.\s+2025-06-03 11:30\s+Documento recusado: Não encomendado\s+✓ decisão por enviar$/,
    );
    expect(lines[2]).toMatch(/^FT A\/1\s+Compra \(FT\)\s+589309340 - .*Documento registado\s+✓$/);
  });

  it('--json gives the purchases/list fields', () => {
    const r = balcao('ilink', 'history', '--imported', '--json', '--data-dir', dataDir);
    expect(r.status, r.stderr).toBe(0);
    const rows = z.array(PurchaseSummary).parse(JSON.parse(r.stdout));
    expect(rows.map((p) => [p.number, p.state, p.ilinkId])).toEqual([
      ['FT A/2', 'recusado', 'il-2'],
      ['FT A/1', 'registado', 'il-1'],
    ]);
    expect(rows[0].id).toBe(rejectedId);
  });

  it('refuses a folder without a database', () => {
    const r = balcao('ilink', 'history', '--imported', '--data-dir', path.join(tmp.dir, 'none'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/não tem base de dados do Balcão/);
  });
});
