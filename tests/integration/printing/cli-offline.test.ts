import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';

/**
 * Issue 15, item 12: `balcao print` to a printer that does not answer said "o talão fica na fila e sai quando
 * ela voltar", queued nothing and exited 1. The command prints now or not at all: it must say it did not print.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

/** A loopback port nobody listens on (bound, then closed). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('balcao print to an unreachable tcp:// printer (real process)', () => {
  const tmp = tempDir();
  beforeAll(() => {
    const r = balcao('demo', '--sales', '3', '--data-dir', tmp.dir);
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('says the document was not printed and that nothing was queued; exit 1; no job left behind', async () => {
    const db = new BetterSqlite3(path.join(tmp.dir, 'balcao.sqlite'), { readonly: true });
    const count = (): { print: number; jobs: number } => ({
      print: (db.prepare('select count(*) n from print_job').get() as { n: number }).n,
      jobs: (db.prepare('select count(*) n from job').get() as { n: number }).n,
    });
    try {
      const doc = (
        db.prepare('select doc_no from fiscal_document order by id limit 1').get() as { doc_no: string }
      ).doc_no;
      const before = count();
      const port = await closedPort();
      const r = balcao('print', '--doc', doc, '--printer', `tcp://127.0.0.1:${port}`, '--data-dir', tmp.dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`Erro: Não foi impresso: a impressora tcp://127.0.0.1:${port} não responde`);
      expect(r.stderr).toContain('Nada ficou na fila');
      expect(r.stderr).not.toMatch(/fica na fila|sai quando ela voltar/);
      expect(r.stdout).not.toMatch(/impresso em/);
      expect(count()).toEqual(before);
    } finally {
      db.close();
    }
  }, 120_000);
});
