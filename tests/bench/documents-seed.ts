import { taxGroupKey } from '../../shared/fiscal/amounts';
import { computeAmountsFast } from '../../shared/fiscal/amounts-exact';
import { buildAtcud } from '../../shared/fiscal/atcud';
import { nifCheckDigit } from '../../shared/fiscal/nif';
import { signatureMessage } from '../../shared/fiscal/signature';
import { writeCsv } from '../../shared/csv';
import type { ImportReport } from '../../shared/api/catalog-admin';
import { DUE_DATE_NAME } from '../../shared/api/invoicing';
import { signMessage } from '../../electron/core/fiscal/signer';
import { createDocumentStore } from '../../electron/core/fiscal/store';
import type { PreparedLine } from '../../electron/core/fiscal/lines';
import type { TestCore } from '../helpers/core';
import { signChainOnWorker } from './fiscal/generate';

/**
 * Bench data for Documentos (issue 12 item 5): `count` signed documents over the year before `today`, with the
 * mix a shop with business customers has — 40 % FS to Consumidor final, 30 % FR and 30 % FT (with a due date) to
 * `customers` customers with real PT NIFs and accented names — then, through the real fiscal service, receipts
 * that settle (fully or partly) part of the FT, NC against FR and cancelled FS, so every Documentos state exists.
 *
 * The customers come in through `customers/import-csv` (the real path). The bulk documents are written as
 * tests/bench/fiscal/generate.ts does (the same amounts code, the same store, real RSA signatures chained per
 * series with the terminal's key: the FT and FR chains are signed on worker threads, FS here), 2000 per
 * transaction, durability relaxed for this temp database only; what follows them is issued by the service,
 * continuing the same numbering and chains.
 */
export interface SeededCustomer {
  id: number;
  nif: string;
  name: string;
}

const FIRST = ['Padaria', 'Café', 'Pastelaria', 'Oficina', 'Farmácia', 'Papelaria', 'Talho', 'Mercearia'];
const SECOND = ['São João', 'Conceição', 'Açores', 'Estrela', 'Falcão', 'Império', 'Gonçalves', 'Ribeira'];
const THIRD = ['Lda.', 'Unipessoal, Lda.', 'S.A.', '& Filhos'];

/** A valid PT NIF from a serial number: 5 (company) + 7 digits + the check digit. */
export function nifOf(i: number): string {
  const first8 = `5${String(1_000_000 + i).slice(-7)}`;
  return `${first8}${nifCheckDigit(first8)}`;
}
const nameOf = (i: number): string =>
  `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]} ${i} ${THIRD[i % THIRD.length]}`;

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

export async function seedDocuments(
  tc: TestCore,
  gerente: string,
  o: { count: number; customers: number; today: string },
): Promise<{ customers: SeededCustomer[] }> {
  // 1. Customers through the real CSV import.
  const rows = [['nif', 'nome', 'morada', 'codigo_postal', 'localidade', 'prazo_pagamento']];
  for (let i = 1; i <= o.customers; i++)
    rows.push([nifOf(i), nameOf(i), `Rua ${i}`, '1100-148', 'Lisboa', '30']);
  const report = (await tc.call('customers/import-csv', { csv: writeCsv(rows) }, gerente)) as ImportReport;
  if (!report.applied) throw new Error(`customers import: ${JSON.stringify(report.rejected.slice(0, 3))}`);
  const { db } = tc.core.ctx;
  const { k } = db;
  const customers = db
    .all(
      k
        .selectFrom('customer')
        .select(['id', 'nif', 'name', 'address', 'postal_code', 'city', 'country'])
        .where('nif', '<>', '999999990')
        .orderBy('id'),
    )
    .slice(0, o.customers);
  // Consumidor final's row, as the fiscal core creates it on the first FS (tests/bench/fiscal/generate.ts too).
  const genericId =
    db.get(k.selectFrom('customer').select('id').where('nif', '=', '999999990').orderBy('id'))?.id ??
    Number(
      db.run(
        k.insertInto('customer').values({
          nif: '999999990',
          name: 'Consumidor final',
          address: 'Desconhecido',
          postal_code: 'Desconhecido',
          city: 'Desconhecido',
          country: 'PT',
          email: null,
          code: null,
          created_at: new Date().toISOString(),
          updated_at: null,
        }),
      ).lastInsertRowid,
    );

  // 2. The bulk: FS / FR / FT in time order over the year before today.
  const core = tc.core;
  db.sqlite.pragma('synchronous = OFF');
  const key = core.fiscal.keys.active();
  const types = ['FS', 'FR', 'FT'] as const;
  type T = (typeof types)[number];
  const seriesOf = Object.fromEntries(types.map((t) => [t, core.fiscal.series.activeFor(t)])) as Record<
    T,
    ReturnType<typeof core.fiscal.series.activeFor>
  >;
  const rates = new Map(
    db
      .all(
        k
          .selectFrom('tax_rate')
          .select(['code', 'percentage'])
          .where('region', '=', 'PT')
          .where('valid_to', 'is', null),
      )
      .map((r) => [r.code, r.percentage]),
  );
  const arts = db
    .all(
      k
        .selectFrom('article')
        .select(['id', 'code', 'name', 'unit', 'price', 'tax_code', 'product_type'])
        .where('active', '=', 1)
        .where('tax_code', '<>', 'ISE')
        .orderBy('id'),
    )
    .map((a) => ({ ...a, pct: rates.get(a.tax_code as 'NOR' | 'INT' | 'RED')! }));
  const end = new Date(`${o.today}T00:00:00Z`);
  type Planned = {
    type: T;
    number: number;
    docNo: string;
    date: string;
    sed: string;
    customer: number | null;
    lines: PreparedLine[];
    am: ReturnType<typeof computeAmountsFast>;
    hash: string;
  };
  const planned: Planned[] = [];
  const next: Record<T, number> = { FS: 0, FR: 0, FT: 0 };
  for (let n = 0; n < o.count; n++) {
    const type: T = n % 10 < 4 ? 'FS' : n % 10 < 7 ? 'FR' : 'FT';
    const number = ++next[type];
    const day = new Date(end.getTime() - (365 - Math.floor((n * 365) / o.count)) * 86_400_000);
    const date = isoDay(day);
    const secs = 8 * 3600 + (n % 40_000);
    const sed = `${date}T${String(Math.floor(secs / 3600)).padStart(2, '0')}:${String(Math.floor(secs / 60) % 60).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
    const lines: PreparedLine[] = [0, 1].map((j) => {
      const a = arts[(n * 7 + j * 13) % arts.length]!;
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
    const customer = type === 'FS' ? null : (n * 7919) % customers.length;
    const docNo = `${type} ${seriesOf[type].code}/${number}`;
    planned.push({ type, number, docNo, date, sed, customer, lines, am, hash: '' });
  }
  const chain = (type: T) =>
    planned
      .filter((p) => p.type === type)
      .map((p) => ({ date: p.date, systemEntryDate: p.sed, docNo: p.docNo, grossTotal: p.am.grossTotal }));
  const pem = key.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const onWorkers = { FR: signChainOnWorker(pem, chain('FR')), FT: signChainOnWorker(pem, chain('FT')) };
  let prev = '';
  for (const p of planned) {
    if (p.type !== 'FS') continue;
    p.hash = signMessage(
      key.privateKey,
      signatureMessage({
        date: p.date,
        systemEntryDate: p.sed,
        docNo: p.docNo,
        grossTotal: p.am.grossTotal,
        previousHash: prev,
      }),
    );
    prev = p.hash;
  }
  for (const type of ['FR', 'FT'] as const) {
    const hashes = await onWorkers[type];
    let i = 0;
    for (const p of planned) if (p.type === type) p.hash = hashes[i++]!;
  }
  const store = createDocumentStore(db);
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
        const c = p.customer === null ? null : customers[p.customer]!;
        const series = seriesOf[p.type];
        const due = isoDay(new Date(new Date(`${p.date}T00:00:00Z`).getTime() + 30 * 86_400_000));
        store.insert(
          {
            seriesId: series.id,
            docType: p.type,
            number: p.number,
            docNo: p.docNo,
            atcud: buildAtcud(series.validation_code!, p.docNo),
            date: p.date,
            systemEntryDate: p.sed,
            training: true,
            terminalId: core.ctx.terminalId,
            operatorId: 1,
            customer: c
              ? {
                  id: c.id,
                  nif: c.nif,
                  name: c.name,
                  address: c.address,
                  postalCode: c.postal_code,
                  city: c.city,
                  country: c.country,
                }
              : {
                  id: genericId,
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
          p.type === 'FT'
            ? []
            : [
                {
                  method: p.number % 3 ? 'cash' : 'card',
                  mechanism: p.number % 3 ? 'NU' : 'CC',
                  amount: am.grossTotal,
                },
              ],
          p.type === 'FT' ? [{ name: DUE_DATE_NAME, value: due.split('-').reverse().join('/') }] : [],
        );
      }
    });
  }
  db.sqlite.pragma('synchronous = FULL');

  // 3. Through the real service, today: receipts (most in full, some partial) for one FT in 20, NC against one
  // FR in 200, one FS in 200 cancelled.
  const ids = (type: T) =>
    db
      .all(
        k
          .selectFrom('fiscal_document')
          .select(['id', 'gross_total'])
          .where('doc_type', '=', type)
          .orderBy('id'),
      )
      .map((r) => ({ id: r.id, gross: r.gross_total }));
  const fts = ids('FT');
  for (let i = 0; i < fts.length; i += 20) {
    const ft = fts[i]!;
    const amount = i % 60 === 0 ? (Math.floor(Number(ft.gross) * 50) / 100).toFixed(2) : ft.gross;
    if (Number(amount) <= 0) continue;
    core.fiscal.issueReceipt(
      { settlements: [{ documentId: ft.id, amount }], payments: [{ method: 'transfer', amount }] },
      1,
    );
  }
  const frs = ids('FR');
  for (let i = 0; i < frs.length; i += 200) {
    const line = db.get(
      k
        .selectFrom('fiscal_line')
        .select(['id', 'quantity'])
        .where('document_id', '=', frs[i]!.id)
        .orderBy('line_no'),
    )!;
    core.fiscal.issue(
      {
        type: 'NC',
        origin: { documentId: frs[i]!.id, reason: 'Devolução' },
        lines: [{ originLineId: line.id, quantity: line.quantity }],
      },
      1,
    );
  }
  const fss = ids('FS');
  for (let i = 0; i < fss.length; i += 200) core.fiscal.cancel(fss[i]!.id, 'Engano do operador', 1);
  return { customers: customers.map((c) => ({ id: c.id, nif: c.nif, name: c.name })) };
}
