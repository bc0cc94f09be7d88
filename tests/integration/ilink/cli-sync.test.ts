import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_DEFAULTS } from '../../../electron/simulators/ilink';
import { tempDir } from '../../helpers/tmp';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });

interface Issued {
  number: string;
}

describe('balcao ilink configure + sync --once against balcao sim ilink (real processes)', () => {
  const tmp = tempDir('balcao-ilink-sync-');
  const dataDir = path.join(tmp.dir, 'data');
  let sim: ChildProcess;
  let info: { baseUrl: string; controlUrl: string };
  let eligible: string[] = [];

  beforeAll(async () => {
    sim = spawn(process.execPath, [BIN, 'sim', 'ilink', '--port', '0', '--control-port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      const rl = readline.createInterface({ input: sim.stdout! });
      rl.once('line', resolve);
      sim.once('exit', (c) => reject(new Error(`sim exited ${c}`)));
    });
    info = JSON.parse(line) as typeof info;
    const r = balcao('demo', '--sales', '60', '--data-dir', dataDir);
    expect(r.status, r.stderr).toBe(0);
    const db = new BetterSqlite3(path.join(dataDir, 'balcao.sqlite'), { readonly: true });
    eligible = (
      db
        .prepare(
          `select d.doc_no from fiscal_document d left join fiscal_status s on s.document_id = d.id
           where d.doc_type in ('FT','FR','FS','NC','ND') and d.customer_nif <> '999999990' and s.status is null
           order by d.id`,
        )
        .all() as Array<{ doc_no: string }>
    ).map((x) => x.doc_no);
    db.close();
  }, 240_000);
  afterAll(() => {
    sim?.kill('SIGTERM');
    tmp.cleanup();
  });

  const issued = async (): Promise<Issued[]> =>
    ((await (await fetch(`${info.controlUrl}/control/documents`)).json()) as { issued: Issued[] }).issued;

  it('delivers every eligible demo document exactly once, and a second round sends nothing new', async () => {
    expect(eligible.length).toBeGreaterThan(5);
    const c = balcao(
      'ilink',
      'configure',
      '--base-url',
      info.baseUrl,
      '--client-id',
      SIM_DEFAULTS.clientId,
      '--client-secret',
      SIM_DEFAULTS.clientSecret,
      '--send',
      'auto',
      '--data-dir',
      dataDir,
    );
    expect(c.status, c.stderr).toBe(0);
    expect(c.stdout).toContain(`${eligible.length} documentos em fila`);
    // The secret is not in the database in clear.
    const db = new BetterSqlite3(path.join(dataDir, 'balcao.sqlite'), { readonly: true });
    const stored = (
      db.prepare(`select value from setting where key = 'ilink.config'`).get() as { value: string }
    ).value;
    db.close();
    expect(stored).not.toContain(SIM_DEFAULTS.clientSecret);

    const s = balcao('ilink', 'sync', '--once', '--data-dir', dataDir);
    expect(s.status, s.stderr).toBe(0);
    expect(s.stdout).toMatch(new RegExp(`^iLink: ${eligible.length} entregues, 0 por enviar, 0 recusados`));
    const first = await issued();
    expect(first.map((d) => d.number).sort()).toEqual([...eligible].sort());

    const again = balcao('ilink', 'sync', '--once', '--data-dir', dataDir);
    expect(again.status, again.stderr).toBe(0);
    expect((await issued()).length).toBe(eligible.length);

    const h = balcao('ilink', 'history', '--sent', '--json', '--data-dir', dataDir);
    expect(h.status, h.stderr).toBe(0);
    const rows = JSON.parse(h.stdout) as { number: string; success: boolean; stateLabel: string }[];
    expect(rows).toHaveLength(eligible.length);
    expect(rows.every((r) => r.success && r.stateLabel === 'Enviado ao cliente')).toBe(true);
  }, 240_000);

  it('exits 1 when iLink cannot be reached', () => {
    const other = path.join(tmp.dir, 'other');
    expect(balcao('demo', '--sales', '3', '--data-dir', other).status).toBe(0);
    const c = balcao(
      'ilink',
      'configure',
      '--base-url',
      'http://127.0.0.1:1/api/v1/pt',
      '--client-id',
      'x',
      '--client-secret',
      'y',
      '--data-dir',
      other,
    );
    expect(c.status, c.stderr).toBe(0);
    const s = balcao('ilink', 'sync', '--once', '--data-dir', other);
    expect(s.status).toBe(1);
    expect(s.stderr).toMatch(/iLink inacessível/);
  }, 120_000);

  it('refuses a real host on a training terminal, with the reason', () => {
    const c = balcao(
      'ilink',
      'configure',
      '--base-url',
      'https://ilink.acin.pt/ilinktests-api/api/v1/pt',
      '--client-id',
      'x',
      '--client-secret',
      'y',
      '--data-dir',
      dataDir,
    );
    expect(c.status).toBe(1);
    expect(c.stderr).toMatch(/modo formação.*ilink\.acin\.pt.*recusado/);
  }, 60_000);
});
