import { PosError } from '../../../shared/errors';
import { Dec } from '../../../shared/money';
import type { DocumentDraft, FiscalDocumentView } from '../../../shared/api/fiscal';
import { computeAmounts, taxGroupKey } from '../../../shared/fiscal/amounts';
import type { PaymentMethod } from '../../../shared/fiscal/payments';
import type { Db } from '../db/open';
import type { FiscalService } from './service';
import { prng } from '../../../shared/random';

const CUSTOMERS = [
  {
    nif: '501964843',
    name: 'Restaurante O Tasco, Lda.',
    address: 'Rua das Flores, 12',
    postalCode: '4050-262',
    city: 'Porto',
  },
  {
    nif: '123456789',
    name: 'Maria Silva',
    address: 'Av. da República, 50, 3.º Esq.',
    postalCode: '1050-196',
    city: 'Lisboa',
  },
  {
    nif: '500000000',
    name: 'Café Central & Filhos, Lda.',
    address: 'Praça do Comércio, 1',
    postalCode: '3000-001',
    city: 'Coimbra',
  },
];

export interface DemoResult {
  issued: number;
  byType: Record<string, number>;
  cancelled: number;
}

/**
 * Issues `sales` realistic training documents through the same service calls the checkout uses (never by
 * writing rows): FS to Consumidor final, FR and FT to customers with NIF, RG receipts for FTs, NC against
 * earlier invoices, a few cancellations; several VAT rates and an exempt article.
 */
export function runDemo(
  db: Db,
  fiscal: FiscalService,
  o: { sales: number; seed: number; operatorId: number | null; onDocument?: (d: FiscalDocumentView) => void },
): DemoResult {
  const rnd = prng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const articles = db.sqlite
    .prepare(
      `select a.id, a.price, a.tax_code, a.unit, r.percentage as pct from article a
      left join tax_rate r on r.region = 'PT' and r.code = a.tax_code and r.valid_to is null where a.active = 1 order by a.id`,
    )
    .all() as Array<{ id: number; price: string; tax_code: string; unit: string; pct: string | null }>;
  if (!articles.length)
    throw new PosError('NOT_FOUND', 'O catálogo está vazio: não há artigos para a demonstração.');
  const exempt = articles.filter((a) => a.tax_code === 'ISE');
  const result: DemoResult = { issued: 0, byType: {}, cancelled: 0 };
  const openFts: FiscalDocumentView[] = [];
  const invoices: FiscalDocumentView[] = [];
  const count = (d: FiscalDocumentView): void => {
    result.issued++;
    result.byType[d.type] = (result.byType[d.type] ?? 0) + 1;
    o.onDocument?.(d);
  };

  const basket = (): Array<{ articleId: number; quantity: string; discountPct?: string }> => {
    const n = 1 + Math.floor(rnd() * 5);
    const lines = Array.from({ length: n }, () => {
      const a = pick(articles);
      const qty = a.unit === 'KG' ? (0.2 + rnd() * 1.5).toFixed(3) : String(1 + Math.floor(rnd() * 3));
      return { articleId: a.id, quantity: qty, ...(rnd() < 0.1 ? { discountPct: '10' } : {}) };
    });
    if (exempt.length && rnd() < 0.15) lines.push({ articleId: pick(exempt).id, quantity: '1' });
    return lines;
  };
  const total = (lines: ReturnType<typeof basket>): string => {
    const byId = new Map(articles.map((a) => [a.id, a]));
    return computeAmounts(
      lines.map((l) => {
        const a = byId.get(l.articleId)!;
        const pct = a.tax_code === 'ISE' ? '0' : (a.pct ?? '0');
        return {
          quantity: l.quantity,
          unitPriceGross: a.price,
          discountPct: l.discountPct ?? '0',
          taxPct: pct,
          taxKey: taxGroupKey('IVA', 'PT', a.tax_code, pct, null),
        };
      }),
    ).grossTotal;
  };
  const pay = (gross: string): Array<{ method: PaymentMethod; amount: string }> => {
    const m = pick<PaymentMethod>(['cash', 'cash', 'card', 'mbway']);
    if (m === 'cash' && rnd() < 0.2 && new Dec(gross).gt(2)) {
      return [
        { method: 'cash', amount: '2.00' },
        { method: 'card', amount: new Dec(gross).minus(2).toFixed(2) },
      ];
    }
    return [{ method: m, amount: gross }];
  };

  while (result.issued < o.sales) {
    const r = rnd();
    const lines = basket();
    const gross = total(lines);
    let doc: FiscalDocumentView;
    if (r < 0.55) {
      const draft: DocumentDraft = { type: 'FS', lines, payments: pay(gross) };
      if (rnd() < 0.3) draft.cashTendered = new Dec(gross).ceil().plus(5).toFixed(2);
      doc = fiscal.issue(draft, o.operatorId);
    } else if (r < 0.72) {
      doc = fiscal.issue(
        {
          type: 'FR',
          lines,
          customer: pick(CUSTOMERS),
          payments: pay(gross),
          additionalInfo: [{ name: 'N.º Encomenda', value: `ENC-${1000 + result.issued}` }],
        },
        o.operatorId,
      );
    } else if (r < 0.85) {
      doc = fiscal.issue({ type: 'FT', lines, customer: pick(CUSTOMERS) }, o.operatorId);
      openFts.push(doc);
    } else if (r < 0.93 && openFts.length) {
      const ft = openFts.shift()!;
      const left = fiscal.get(ft.id).references.outstanding ?? '0';
      if (new Dec(left).lte(0)) continue;
      const amount = rnd() < 0.7 ? left : new Dec(left).dividedBy(2).toDecimalPlaces(2).toFixed(2);
      doc = fiscal.issueReceipt(
        {
          settlements: [{ documentId: ft.id, amount }],
          payments: [{ method: pick<PaymentMethod>(['transfer', 'mb_reference', 'cash']), amount }],
        },
        o.operatorId,
      );
    } else if (invoices.length) {
      const origin = fiscal.get(pick(invoices).id);
      if (origin.status === 'A') continue;
      const line = origin.lines[0];
      const lineId = db.sqlite
        .prepare('select id from fiscal_line where document_id = ? and line_no = ?')
        .get(origin.id, line.lineNo) as { id: number };
      try {
        doc = fiscal.issue(
          {
            type: 'NC',
            origin: { documentId: origin.id, reason: 'Devolução de artigo' },
            lines: [{ originLineId: lineId.id, quantity: line.quantity }],
          },
          o.operatorId,
        );
      } catch (e) {
        if (e instanceof PosError && e.code === 'FISCAL_RULE') continue; // already credited: pick another
        throw e;
      }
    } else continue;
    count(doc);
    if (doc.type === 'FS' || doc.type === 'FR' || doc.type === 'FT') invoices.push(doc);
    // A few cancellations (status A): only where the rules allow it (no NC, no receipt against it).
    if ((doc.type === 'FS' || doc.type === 'FT') && rnd() < 0.03) {
      fiscal.cancel(doc.id, 'NIF do cliente errado', o.operatorId);
      result.cancelled++;
      const i = openFts.findIndex((d) => d.id === doc.id);
      if (i >= 0) openFts.splice(i, 1);
    }
  }
  // The demo's customers take e-invoices via iLink (Gestão › Clientes), so `balcao ilink configure` after a demo
  // queues their documents (only such customers' documents go to iLink: integrations/ilink/recipients.ts).
  // ASSUMPTION: set after the documents, so a terminal already sending automatically during the demo does not
  // queue them by itself (configure queues them).
  db.run(
    db.k
      .updateTable('customer')
      .set({ einvoice: 1 })
      .where(
        'nif',
        'in',
        CUSTOMERS.map((c) => c.nif),
      ),
  );
  return result;
}

/** Re-exported for the CLI's demo command and the stock tests, which load it with the demo. */
export { prng };
