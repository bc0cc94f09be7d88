import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money';
import { signatureMessage } from '../../../shared/fiscal/signature';
import { referenceFile } from '../../helpers/reference';
import { tempDir } from '../../helpers/tmp';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');
const balcao = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
const xsd = referenceFile('saft-pt', 'SAFTPT1.04_01.xsd');

function validateXsd(file: string): string {
  const r = spawnSync(
    '/usr/bin/python3',
    [
      '-c',
      'import xmlschema,sys; s=xmlschema.XMLSchema11(sys.argv[1]); errs=list(s.iter_errors(sys.argv[2])); print(len(errs)); [print(e.path, e.reason) for e in errs[:5]]',
      xsd!,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return (r.stdout + r.stderr).trim();
}

describe('balcao demo → verify → saft (real processes)', () => {
  const tmp = tempDir('balcao-fiscal-cli-');
  const dataDir = path.join(tmp.dir, 'data');
  const out = path.join(tmp.dir, 'saft.xml');
  beforeAll(() => {
    const r = balcao('demo', '--sales', '120', '--seed', '7', '--data-dir', dataDir);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/120 documentos de formação emitidos/);
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it('verify passes on an untouched database', () => {
    const r = balcao('verify', '--data-dir', dataDir);
    expect(r.status, r.stderr).toBe(0);
    // 120 sales documents + the demo's 4 GT transfers (issue 13: guides are signed documents too).
    expect(r.stdout).toMatch(/^OK: 124 documentos/);
  }, 60_000);

  it.runIf(xsd)(
    'SAF-T is XSD 1.1 valid, every hash verifies with `key public`, totals add up',
    () => {
      const today = new Date().toISOString().slice(0, 10);
      const r = balcao(
        'saft',
        '--from',
        '2000-01-01',
        '--to',
        '2099-12-31',
        '--out',
        out,
        '--data-dir',
        dataDir,
      );
      expect(r.status, r.stderr).toBe(0);
      expect(validateXsd(out)).toBe('0');
      const pem = balcao('key', 'public', '--data-dir', dataDir).stdout;
      expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);

      const raw = fs.readFileSync(out);
      expect(raw.subarray(0, 45).toString('latin1')).toBe('<?xml version="1.0" encoding="Windows-1252"?>');
      const xml = new TextDecoder('windows-1252').decode(raw);
      const p = new XMLParser({
        parseTagValue: false,
        isArray: (n) => ['Invoice', 'Line', 'Payment', 'Customer', 'Product'].includes(n),
      });
      const f = p.parse(xml).AuditFile;
      expect(f.Header.TaxRegistrationNumber).toBe('599999993');
      const inv = f.SourceDocuments.SalesInvoices;
      expect(Number(inv.NumberOfEntries)).toBe(inv.Invoice.length);
      const prev = new Map<string, string>();
      let credit = new Dec(0);
      let debit = new Dec(0);
      let verified = 0;
      for (const i of inv.Invoice) {
        const prefix = i.InvoiceNo.slice(0, i.InvoiceNo.lastIndexOf('/'));
        const msg = signatureMessage({
          date: i.InvoiceDate,
          systemEntryDate: i.SystemEntryDate,
          docNo: i.InvoiceNo,
          grossTotal: i.DocumentTotals.GrossTotal,
          previousHash: prev.get(prefix) ?? '',
        });
        expect(
          crypto.verify(
            'sha1',
            Buffer.from(msg),
            { key: pem, padding: crypto.constants.RSA_PKCS1_PADDING },
            Buffer.from(i.Hash, 'base64'),
          ),
          i.InvoiceNo,
        ).toBe(true);
        prev.set(prefix, i.Hash);
        verified++;
        const lineSum = i.Line.reduce(
          (a: Dec, l: { CreditAmount?: string; DebitAmount?: string }) =>
            a.plus(l.CreditAmount ?? l.DebitAmount ?? '0'),
          new Dec(0),
        );
        expect(lineSum.toFixed(2), i.InvoiceNo).toBe(i.DocumentTotals.NetTotal);
        expect(new Dec(i.DocumentTotals.NetTotal).plus(i.DocumentTotals.TaxPayable).toFixed(2)).toBe(
          i.DocumentTotals.GrossTotal,
        );
        if (i.DocumentStatus.InvoiceStatus === 'N') {
          if (i.InvoiceType === 'NC') debit = debit.plus(lineSum);
          else credit = credit.plus(lineSum);
        }
      }
      expect(verified).toBeGreaterThan(50);
      expect(credit.toFixed(2)).toBe(inv.TotalCredit);
      expect(debit.toFixed(2)).toBe(inv.TotalDebit);
      expect(f.Header.DateCreated).toBe(today);
    },
    180_000,
  );

  it('key public prints the key exactly as openssl rsa -pubout (imported AT test key, production terminal)', () => {
    const keyFile = referenceFile('saft-pt', 'at-test-private-key.pem');
    if (!keyFile) return;
    const prod = path.join(tmp.dir, 'prod');
    // A new data folder starts as a training terminal, which generates its RSA-1024 key pair at first start.
    expect(balcao('key', 'public', '--data-dir', prod).stdout).toMatch(/BEGIN PUBLIC KEY/);
    const db = new BetterSqlite3(path.join(prod, 'balcao.sqlite'));
    db.prepare(`update setting set value = '"production"' where key = 'terminal.mode'`).run();
    db.close();
    // Production: no key until one is imported.
    expect(balcao('key', 'public', '--data-dir', prod).status).toBe(1);
    expect(balcao('key', 'import', keyFile, '--data-dir', prod).status).toBe(0);
    const ours = balcao('key', 'public', '--data-dir', prod).stdout;
    const openssl = execFileSync('openssl', ['rsa', '-in', keyFile, '-pubout'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(ours).toBe(openssl);
    // The sealed private key is not stored in clear, and the secret file is private.
    const stored = new BetterSqlite3(path.join(prod, 'balcao.sqlite'), { readonly: true });
    const rows = stored.prepare('select private_sealed from fiscal_key where mode = ?').all('production') as {
      private_sealed: string;
    }[];
    stored.close();
    expect(rows.every((r) => !r.private_sealed.includes('PRIVATE KEY'))).toBe(true);
    expect(fs.statSync(path.join(prod, 'fiscal-secret.key')).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('verify detects a document edited directly in the file with the triggers dropped', () => {
    const db = new BetterSqlite3(path.join(dataDir, 'balcao.sqlite'));
    const victim = db
      .prepare(
        `select id, doc_no, gross_total from fiscal_document where doc_type = 'FS' order by id limit 1 offset 3`,
      )
      .get() as { id: number; doc_no: string; gross_total: string };
    for (const t of db
      .prepare(`select name from sqlite_master where type = 'trigger' and tbl_name like 'fiscal_%'`)
      .all() as { name: string }[]) {
      db.exec(`drop trigger ${t.name}`);
    }
    db.prepare('update fiscal_document set gross_total = ? where id = ?').run(
      new Dec(victim.gross_total).minus('0.01').toFixed(2),
      victim.id,
    );
    db.close();
    const r = balcao('verify', '--data-dir', dataDir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^FALHA: ${victim.doc_no.replace('/', '\\/')}: `));
  }, 60_000);
});
