import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });

/** cents of "12.34" / "-0.50" (the CSV's plain decimals), exactly. */
const cents = (v: string): number => {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(v)!;
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
};

/**
 * Issue 14 "done when": `balcao demo --days N` (full days through the real checkout and the CI-5 simulator, dated
 * on past days), then `balcao eod --date` each day: 0 with the CSV's figures per payment method equal to the
 * documents' own payments; with --discrepancy, 3 naming each planted difference.
 */
describe('balcao demo --days → balcao eod (real processes)', () => {
  const tmp = tempDir('balcao-eod-demo-');
  afterAll(() => tmp.cleanup());

  it('two demo days with a discrepancy: day 1 reconciles (exit 0), day 2 names the coin and the interrupted payment (exit 3)', () => {
    const data = path.join(tmp.dir, 'data');
    const out = path.join(tmp.dir, 'out');
    const demo = balcao('demo', '--days', '2', '--discrepancy', '--seed', '3', '--data-dir', data);
    expect(demo.status, demo.stderr).toBe(0);
    const days = [...demo.stdout.matchAll(/^(\d{4}-\d{2}-\d{2}): /gm)].map((m) => m[1]);
    expect(days).toHaveLength(2);

    const first = balcao('eod', '--date', days[0], '--out', out, '--data-dir', data);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain(`Fecho de ${days[0]}: tudo certo.`);
    // The CSV's figures per payment method are the documents' own payments.
    const csv = fs.readFileSync(path.join(out, `fecho-${days[0]}.csv`), 'utf8').split('\r\n');
    const db = new BetterSqlite3(path.join(data, 'balcao.sqlite'), { readonly: true });
    const own = db
      .prepare(
        `select p.method, sum(cast(round(cast(p.amount as real) * 100) as integer)) as c from fiscal_payment p
         join fiscal_document d on d.id = p.document_id where d.doc_date = ? group by p.method`,
      )
      .all(days[0]) as Array<{ method: string; c: number }>;
    db.close();
    const names: Record<string, string> = { cash: 'Numerário (NU)', card: 'Cartão' };
    expect(own.length).toBeGreaterThan(0);
    for (const m of own) {
      const row = csv.find((r) => r.startsWith(`Documentos;Pagamentos ${names[m.method]}:`))!.split(';');
      expect({ method: m.method, expected: cents(row[2]), actual: cents(row[3]) }).toEqual({
        method: m.method,
        expected: m.c,
        actual: m.c,
      });
    }

    const second = balcao('eod', '--date', days[1], '--out', out, '--data-dir', data);
    expect(second.status, second.stderr).toBe(3);
    expect(second.stdout).toContain('0,50 € por explicar');
    expect(second.stdout).toMatch(
      /\[por-explicar\] Numerário: Gaveta — turno \d+ \(Z \d+\).*diferença −0,50 €/,
    );
    expect(second.stdout).toMatch(
      /\[explicadas\] Numerário: CI-5 — vendas.*diferença 1,00 € — venda \d+: a máquina guardou 1,00 € de um pagamento interrompido, em revisão/,
    );
  }, 400_000);
});
