import { computeAmounts, taxGroupKey } from '../../../shared/fiscal/amounts';
import { buildAtcud } from '../../../shared/fiscal/atcud';
import { signatureMessage } from '../../../shared/fiscal/signature';
import type { Core } from '../../../electron/core/core';
import { signMessage } from '../../../electron/core/fiscal/signer';
import { createDocumentStore } from '../../../electron/core/fiscal/store';
import type { PreparedLine } from '../../../electron/core/fiscal/lines';

/**
 * Fills a bench database with `count` FS documents of 3 catalogue lines each (mixed VAT rates, cash/card),
 * fast but realistic: the same amounts code, the same store, real RSA signatures chained with the terminal's
 * key and series, so `verify` and the SAF-T export see exactly what the service writes. It skips the per-call
 * overhead of the service (draft parsing, read model) and relaxes durability for this temp database only;
 * documents are committed 2000 per transaction. The service path itself is measured by fiscal.issue_per_s.
 */
export function generateDocuments(core: Core, count: number, day = '2025-06-15'): void {
  const { db } = core.ctx;
  db.sqlite.pragma('synchronous = OFF');
  const key = core.fiscal.keys.active();
  const series = core.fiscal.series.activeFor('FS');
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
  let prev = '';
  let n = 0;
  while (n < count) {
    db.tx(() => {
      for (let k = 0; k < 2000 && n < count; k++) {
        n++;
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
        const am = computeAmounts(
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
        const docNo = `FS ${series.code}/${n}`;
        const hash = signMessage(
          key.privateKey,
          signatureMessage({
            date: day,
            systemEntryDate: sed,
            docNo,
            grossTotal: am.grossTotal,
            previousHash: prev,
          }),
        );
        prev = hash;
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
        store.insert(
          {
            seriesId: series.id,
            docType: 'FS',
            number: n,
            docNo,
            atcud: buildAtcud(series.validation_code!, docNo),
            date: day,
            systemEntryDate: sed,
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
            hash,
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
          [{ method: n % 3 ? 'cash' : 'card', mechanism: n % 3 ? 'NU' : 'CC', amount: am.grossTotal }],
          [],
        );
      }
    });
  }
  db.sqlite.pragma('synchronous = FULL');
}
