import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { publicPemOf, signMessage, verifyMessage } from '../../../electron/core/fiscal/signer';
import { hashChars, signatureMessage } from '../../../shared/fiscal/signature';
import { referenceFile } from '../../helpers/reference';

const demoFile = referenceFile('saft-pt', 'saft_idemo599999999.xml');
const keyFile = referenceFile('saft-pt', 'at-test-private-key.pem');
const pubFile = referenceFile('saft-pt', 'at-test-public-key.pem');

interface Doc {
  table: string;
  docNo: string;
  date: string;
  systemEntryDate: string;
  gross: string;
  hash: string;
}

/** The 35 signed documents of AT's demo SAF-T file, in file order. */
function demoDocuments(file: string): Doc[] {
  const xml = new TextDecoder('windows-1252').decode(fs.readFileSync(file));
  const p = new XMLParser({
    parseTagValue: false,
    isArray: (n) => ['Invoice', 'StockMovement', 'WorkDocument'].includes(n),
  });
  const src = p.parse(xml).AuditFile.SourceDocuments;
  const out: Doc[] = [];
  for (const i of src.SalesInvoices.Invoice) {
    out.push({
      table: 'SalesInvoices',
      docNo: i.InvoiceNo,
      date: i.InvoiceDate,
      systemEntryDate: i.SystemEntryDate,
      gross: i.DocumentTotals.GrossTotal,
      hash: i.Hash,
    });
  }
  for (const m of src.MovementOfGoods.StockMovement) {
    out.push({
      table: 'MovementOfGoods',
      docNo: m.DocumentNumber,
      date: m.MovementDate,
      systemEntryDate: m.SystemEntryDate,
      gross: m.DocumentTotals.GrossTotal,
      hash: m.Hash,
    });
  }
  for (const w of src.WorkingDocuments.WorkDocument) {
    out.push({
      table: 'WorkingDocuments',
      docNo: w.DocumentNumber,
      date: w.WorkDate,
      systemEntryDate: w.SystemEntryDate,
      gross: w.DocumentTotals.GrossTotal,
      hash: w.Hash,
    });
  }
  return out;
}

describe.runIf(demoFile && keyFile)('signature oracles (AT demo file and test key)', () => {
  it('re-signing all 35 documents with the AT test key gives exactly their <Hash>', () => {
    const key = fs.readFileSync(keyFile!, 'utf8');
    const docs = demoDocuments(demoFile!);
    expect(docs).toHaveLength(35);
    // One chain per table and "TYPE SERIES" prefix, in SystemEntryDate order (fiscal-pt.md Appendix B).
    const chains = new Map<string, Doc[]>();
    for (const d of docs) {
      const k = `${d.table}|${d.docNo.slice(0, d.docNo.lastIndexOf('/'))}`;
      chains.set(k, [...(chains.get(k) ?? []), d]);
    }
    let n = 0;
    for (const chain of chains.values()) {
      chain.sort((a, b) => a.systemEntryDate.localeCompare(b.systemEntryDate));
      let prev = '';
      for (const d of chain) {
        const msg = signatureMessage({
          date: d.date,
          systemEntryDate: d.systemEntryDate,
          docNo: d.docNo,
          grossTotal: d.gross,
          previousHash: prev,
        });
        expect(signMessage(key, msg), d.docNo).toBe(d.hash);
        prev = d.hash;
        n++;
      }
    }
    expect(n).toBe(35);
    expect(hashChars(docs[0].hash)).toBe('vo6e');
  });

  it('reproduces the worked FS example (hWFf, then Jt4C) and verifies with the public key', () => {
    const key = fs.readFileSync(keyFile!, 'utf8');
    const pub = fs.readFileSync(pubFile!, 'utf8');
    const m1 = signatureMessage({
      date: '2025-03-14',
      systemEntryDate: '2025-03-14T10:15:30',
      docNo: 'FS POS1/1',
      grossTotal: '12.30',
      previousHash: '',
    });
    expect(m1).toBe('2025-03-14;2025-03-14T10:15:30;FS POS1/1;12.30;');
    const h1 = signMessage(key, m1);
    expect(h1).toHaveLength(172);
    expect(h1.startsWith('h/ro1QM+')).toBe(true);
    expect(hashChars(h1)).toBe('hWFf');
    const h2 = signMessage(
      key,
      signatureMessage({
        date: '2025-03-14',
        systemEntryDate: '2025-03-14T10:20:05',
        docNo: 'FS POS1/2',
        grossTotal: '4.30',
        previousHash: h1,
      }),
    );
    expect(hashChars(h2)).toBe('Jt4C');
    expect(verifyMessage(pub, m1, h1)).toBe(true);
    expect(verifyMessage(pub, m1.replace('12.30', '12.31'), h1)).toBe(false);
  });

  it('derives the SubjectPublicKeyInfo PEM byte for byte as openssl rsa -pubout', () => {
    expect(publicPemOf(fs.readFileSync(keyFile!, 'utf8'))).toBe(fs.readFileSync(pubFile!, 'utf8'));
  });
});
