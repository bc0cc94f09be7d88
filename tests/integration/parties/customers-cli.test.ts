import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';

/** `balcao customers import|export` as its own process on a real data folder: exit codes and messages. */
describe('balcao customers import|export (CLI)', () => {
  const ROOT = path.resolve(import.meta.dirname, '../../..');
  const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const dataDir = path.join(tmp.dir, 'data');
  const balcao = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'customers', ...args, '--data-dir', dataDir], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
  const names = (): string[] => {
    const db = new BetterSqlite3(path.join(dataDir, 'balcao.sqlite'), { readonly: true });
    try {
      return (
        db.prepare(`select name from customer where name <> 'Consumidor final' order by name`).all() as {
          name: string;
        }[]
      ).map((r) => r.name);
    } finally {
      db.close();
    }
  };

  it('exit 1 with linha N: motivo and nothing changed; --dry-run; --skip-invalid; export re-imports unchanged', () => {
    const bad = path.join(tmp.dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      '\ufeffnif;nome;localidade\r\n501964843;Cafetaria Lusitana;Évora\r\n501964844;Mau;Porto\r\n',
    );
    const r1 = balcao('import', '--csv', bad);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toMatch(/^linha 3: nif: /m);
    expect(r1.stderr).toMatch(/nada foi alterado/);
    expect(names()).toEqual([]);

    const dry = balcao('import', '--csv', bad, '--dry-run');
    expect(dry.status).toBe(1);
    const skip = balcao('import', '--csv', bad, '--skip-invalid');
    expect(skip.status).toBe(0);
    expect(skip.stdout).toMatch(/1 novos/);
    expect(names()).toEqual(['Cafetaria Lusitana']);

    const good = path.join(tmp.dir, 'good.csv');
    fs.writeFileSync(good, 'nif,nome,pais\nESB12345674,Peña S.L.,ES\n');
    const d2 = balcao('import', '--csv', good, '--dry-run');
    expect(d2.status).toBe(0);
    expect(d2.stdout).toMatch(/Verificação sem gravar: 1 linhas válidas/);
    expect(names()).toEqual(['Cafetaria Lusitana']);
    expect(balcao('import', '--csv', good).status).toBe(0);

    const out = path.join(tmp.dir, 'out.csv');
    const e = balcao('export', '--csv', out);
    expect(e.status).toBe(0);
    expect(e.stdout).toMatch(/2 clientes exportados/);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\ufeffcodigo;nif;nome;/);
    const again = balcao('import', '--csv', out);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/0 novos, 0 atualizados, 2 sem alterações/);
  }, 240_000);

  it('a usage mistake is exit 2 with the pt-PT usage line', () => {
    const r = balcao('import');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Utilização: balcao customers import/);
  });
});
