import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { taxGroupKey } from '../../../shared/fiscal/amounts';
import { computeAmountsFast } from '../../../shared/fiscal/amounts-exact';
import { buildAtcud } from '../../../shared/fiscal/atcud';
import { signatureMessage } from '../../../shared/fiscal/signature';
import type { Core } from '../../../electron/core/core';
import { signMessage } from '../../../electron/core/fiscal/signer';
import { createDocumentStore } from '../../../electron/core/fiscal/store';
import { SEAL_HEAD_SLOTS } from '../../../electron/core/fiscal/seal-head';
import { createTestCore } from '../../helpers/core';
import type { PreparedLine } from '../../../electron/core/fiscal/lines';

/**
 * Fills a bench database with `count` documents of 3 catalogue lines each (mixed VAT rates, cash/card), half
 * FS and half FR — two series, so their two signature chains are signed at the same time (one on a worker
 * thread): a chain is sequential, and 100 000 RSA-1024 signatures cost ~15 s on one core. Fast but realistic:
 * the same amounts code, the same store, real RSA signatures chained with the terminal's key and series, so
 * `verify` and the SAF-T export see exactly what the service writes. It skips the per-call overhead of the
 * service (draft parsing, read model) and relaxes durability for this temp database only; documents are
 * committed 2000 per transaction. The service path itself is measured by fiscal.issue_per_s.
 */
export async function generateDocuments(core: Core, count: number, day = '2025-06-15'): Promise<void> {
  const { db } = core.ctx;
  db.sqlite.pragma('synchronous = OFF');
  const key = core.fiscal.keys.active();
  const seriesOf = { FS: core.fiscal.series.activeFor('FS'), FR: core.fiscal.series.activeFor('FR') };
  const store = createDocumentStore(db);
  const customer = db.sqlite
    .prepare(`select id from customer where nif = '999999990' order by id limit 1`)
    .get() as { id: number } | undefined;
  const customerId =
    customer?.id ??
    Number(
      db.sqlite
        .prepare(
          `insert into customer (nif, name, address, postal_code, city, country, created_at) values ('999999990','Consumidor final','Desconhecido','Desconhecido','Desconhecido','PT',?)`,
        )
        .run(new Date().toISOString()).lastInsertRowid,
    );
  const rates = new Map(
    (
      db.sqlite
        .prepare(`select code, percentage from tax_rate where region = 'PT' and valid_to is null`)
        .all() as Array<{ code: string; percentage: string }>
    ).map((r) => [r.code, r.percentage]),
  );
  const arts = (
    db.sqlite
      .prepare(
        `select id, code, name, unit, price, tax_code, product_type from article where active = 1 and tax_code <> 'ISE' order by id`,
      )
      .all() as Array<{
      id: number;
      code: string;
      name: string;
      unit: string;
      price: string;
      tax_code: string;
      product_type: string;
    }>
  ).map((a) => ({ ...a, pct: rates.get(a.tax_code)! }));
  // 1. Every document's content, amounts and signed fields (document n alternates FS/FR, in time order).
  type Planned = {
    type: 'FS' | 'FR';
    number: number;
    docNo: string;
    sed: string;
    lines: PreparedLine[];
    am: ReturnType<typeof computeAmountsFast>;
    hash: string;
  };
  const planned: Planned[] = [];
  const next = { FS: 0, FR: 0 };
  for (let n = 1; n <= count; n++) {
    const type = n % 2 ? 'FS' : 'FR';
    const number = ++next[type];
    const lines: PreparedLine[] = [0, 1, 2].map((j) => {
      const a = arts[(n * 7 + j * 13) % arts.length];
      return {
        articleId: a.id,
        productCode: a.code,
        productType: a.product_type,
        description: a.name,
        quantity: a.unit === 'KG' ? '0.750' : String(1 + ((n + j) % 3)),
        unit: a.unit,
        unitPriceGross: a.price,
        discountPct: n % 17 === 0 ? '10' : '0',
        taxType: 'IVA',
        taxRegion: 'PT',
        taxCode: a.tax_code,
        taxPct: a.pct,
        exemptionCode: null,
        exemptionReason: null,
        originLineId: null,
        originDocumentId: null,
      };
    });
    const am = computeAmountsFast(
      lines.map((l) => ({
        quantity: l.quantity,
        unitPriceGross: l.unitPriceGross,
        discountPct: l.discountPct,
        taxPct: l.taxPct,
        taxKey: taxGroupKey('IVA', 'PT', l.taxCode, l.taxPct, null),
      })),
    );
    const secs = Math.floor((n * 43200) / count);
    const sed = `${day}T${String(8 + Math.floor(secs / 3600)).padStart(2, '0')}:${String(Math.floor(secs / 60) % 60).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
    const docNo = `${type} ${seriesOf[type].code}/${number}`;
    planned.push({ type, number, docNo, sed, lines, am, hash: '' });
  }

  // 2. The two chains, signed at the same time: FR on a worker thread, FS here.
  const chain = (type: 'FS' | 'FR') =>
    planned
      .filter((p) => p.type === type)
      .map((p) => ({ date: day, systemEntryDate: p.sed, docNo: p.docNo, grossTotal: p.am.grossTotal }));
  const frHashes = signChainOnWorker(
    key.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    chain('FR'),
  );
  let prev = '';
  for (const p of planned) {
    if (p.type !== 'FS') continue;
    p.hash = signMessage(
      key.privateKey,
      signatureMessage({
        date: day,
        systemEntryDate: p.sed,
        docNo: p.docNo,
        grossTotal: p.am.grossTotal,
        previousHash: prev,
      }),
    );
    prev = p.hash;
  }
  const fr = await frHashes;
  let k = 0;
  for (const p of planned) if (p.type === 'FR') p.hash = fr[k++];

  // 3. Stored through the service's store, 2000 documents per transaction.
  for (let from = 0; from < planned.length; from += 2000) {
    db.tx(() => {
      for (const p of planned.slice(from, from + 2000)) {
        const { am, lines } = p;
        const taxes = am.groups.map((g) => {
          const l = lines.find((x) => taxGroupKey('IVA', 'PT', x.taxCode, x.taxPct, null) === g.taxKey)!;
          return {
            ...g,
            taxType: 'IVA',
            region: 'PT',
            code: l.taxCode,
            exemptionCode: null,
            exemptionReason: null,
          };
        });
        const series = seriesOf[p.type];
        store.insert(
          {
            seriesId: series.id,
            docType: p.type,
            number: p.number,
            docNo: p.docNo,
            atcud: buildAtcud(series.validation_code!, p.docNo),
            date: day,
            systemEntryDate: p.sed,
            training: true,
            terminalId: core.ctx.terminalId,
            operatorId: 1,
            customer: {
              id: customerId,
              nif: '999999990',
              name: 'Consumidor final',
              address: 'Desconhecido',
              postalCode: 'Desconhecido',
              city: 'Desconhecido',
              country: 'PT',
            },
            globalDiscountPct: '0',
            netTotal: am.netTotal,
            taxPayable: am.taxPayable,
            grossTotal: am.grossTotal,
            hash: p.hash,
            hashControl: String(key.version),
            keyId: key.id,
            originDocumentId: null,
            originReason: null,
            transport: null,
            cashTendered: null,
          },
          lines,
          am.lines,
          taxes,
          [
            {
              method: p.number % 3 ? 'cash' : 'card',
              mechanism: p.number % 3 ? 'NU' : 'CC',
              amount: am.grossTotal,
            },
          ],
          [],
        );
      }
    });
  }
  db.sqlite.pragma('synchronous = FULL');
}

// Plain CommonJS for the worker (no TypeScript loader needed there); the message format is signatureMessage's.
const CHAIN_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const key = crypto.createPrivateKey(workerData.pem);
let prev = '';
const out = [];
for (const f of workerData.docs) {
  const msg = f.date + ';' + f.systemEntryDate + ';' + f.docNo + ';' + f.grossTotal + ';' + prev;
  prev = crypto.sign('sha1', Buffer.from(msg, 'utf8'), { key, padding: crypto.constants.RSA_PKCS1_PADDING }).toString('base64');
  out.push(prev);
}
parentPort.postMessage(out);
`;

export function signChainOnWorker(
  pem: string,
  docs: Array<{ date: string; systemEntryDate: string; docNo: string; grossTotal: string }>,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(CHAIN_WORKER, { eval: true, workerData: { pem, docs } });
    w.once('message', (hashes: string[]) => {
      resolve(hashes);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

/**
 * A data folder with `count` generated documents, sealed as the service seals them: they were stored through
 * the store, not the issuing service, so they have no seal yet and `balcao verify` would report every one. The
 * next start of a core seals them with the 0500 migration's backfill (the service's own sealing code), which
 * runs only before the first head file: hence the head files go first.
 */
export async function fillSealedDataDir(dataDir: string, count: number): Promise<void> {
  const t = await createTestCore({ dataDir });
  try {
    await generateDocuments(t.core, count);
    const { db } = t.core.ctx;
    const max = db.get(db.k.selectFrom('fiscal_document').select((eb) => eb.fn.max<number>('id').as('id')));
    db.run(db.k.deleteFrom('fiscal_seal_backfill'));
    db.run(
      db.k
        .insertInto('fiscal_seal_backfill')
        .values({ id: 1, max_document_id: max?.id ?? 0, max_status_id: 0 }),
    );
  } finally {
    await t.close();
  }
  for (const slot of SEAL_HEAD_SLOTS) fs.rmSync(path.join(dataDir, slot), { force: true });
  await (await createTestCore({ dataDir })).close();
}
