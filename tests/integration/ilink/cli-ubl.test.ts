import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { ciusPtValidator, failuresOf, validateBatch } from './validator';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('balcao ilink ubl (real processes)', () => {
  const tmp = tempDir('balcao-ilink-cli-');
  const dataDir = path.join(tmp.dir, 'data');
  let eligible: string[] = [];

  beforeAll(() => {
    const r = balcao('demo', '--sales', '40', '--seed', '3', '--data-dir', dataDir);
    expect(r.status, r.stderr).toBe(0);
    const db = new BetterSqlite3(path.join(dataDir, 'balcao.sqlite'), { readonly: true });
    eligible = (
      db
        .prepare(
          `select d.doc_no from fiscal_document d left join fiscal_status s on s.document_id = d.id
           where d.doc_type in ('FT','FR','FS','NC','ND') and d.customer_nif <> '999999990' and s.status is null`,
        )
        .all() as Array<{ doc_no: string }>
    ).map((x) => x.doc_no);
    db.close();
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('writes every eligible demo document, and each one passes the CIUS-PT validator', () => {
    expect(eligible.length).toBeGreaterThan(2);
    const files: string[] = [];
    for (const [i, docNo] of eligible.entries()) {
      const out = path.join(tmp.dir, 'xml', `${i}.xml`);
      const r = balcao(
        'ilink',
        'ubl',
        '--doc',
        docNo,
        '--out',
        out,
        '--data-dir',
        dataDir,
        ...(i === 0 ? ['--pdf'] : []),
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`${docNo}: CIUS-PT escrito em ${out}`);
      expect(fs.readFileSync(out, 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
      files.push(out);
    }
    const validator = ciusPtValidator();
    if (!validator) return;
    const v = validateBatch(validator, files);
    expect(v.verdicts).toHaveLength(files.length);
    expect(failuresOf(v.verdicts, (f) => eligible[Number(path.basename(f, '.xml'))])).toEqual([]);
    expect(v.status).toBe(0);
  }, 300_000);

  it('answers in Portuguese for an unknown document, a consumer document, a bad path and a missing folder', () => {
    const unknown = balcao(
      'ilink',
      'ubl',
      '--doc',
      'FT ZZ/99',
      '--out',
      path.join(tmp.dir, 'x.xml'),
      '--data-dir',
      dataDir,
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Documento FT ZZ/99 não encontrado.');

    const db = new BetterSqlite3(path.join(dataDir, 'balcao.sqlite'), { readonly: true });
    const fs1 = (
      db
        .prepare(
          `select doc_no from fiscal_document where doc_type = 'FS' and customer_nif = '999999990' limit 1`,
        )
        .get() as { doc_no: string } | undefined
    )?.doc_no;
    db.close();
    if (fs1) {
      const r = balcao(
        'ilink',
        'ubl',
        '--doc',
        fs1,
        '--out',
        path.join(tmp.dir, 'x.xml'),
        '--data-dir',
        dataDir,
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('não tem NIF do cliente');
    }

    const blocker = path.join(tmp.dir, 'a-file');
    fs.writeFileSync(blocker, 'x');
    const bad = balcao(
      'ilink',
      'ubl',
      '--doc',
      eligible[0],
      '--out',
      path.join(blocker, 'y.xml'),
      '--data-dir',
      dataDir,
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('já existe um ficheiro com esse nome');

    const none = balcao(
      'ilink',
      'ubl',
      '--doc',
      eligible[0],
      '--out',
      path.join(tmp.dir, 'z.xml'),
      '--data-dir',
      path.join(tmp.dir, 'nada'),
    );
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('não tem base de dados do Balcão');

    const action = balcao('ilink', 'nope');
    expect(action.status).toBe(1);
    expect(action.stderr).toContain('Ação desconhecida: nope');
  }, 120_000);
});
