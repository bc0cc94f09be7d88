import { Dec } from '../../../shared/money';
import type { Db } from '../db/open';
import type { GuidesService } from '../guides/service';
import { createSupplierStore } from '../parties/suppliers';
import { localDateTime, type Clock } from '../util/clock';
import { ManualPurchaseInput } from '../../../shared/api/purchases-stock';
import { computeManualTotals } from '../../../shared/purchase-totals';
import type { PurchasesService } from '../purchases/service';
import { stockIdFactory } from './ids';
import type { StockService } from './service';

/**
 * `balcao demo --sales N` (issue 13 item 10): before the sales, the demo supplier's invoices bring stock into
 * the shop floor as purchases (registered and confirmed through electron/core/purchases); after them, a few GT
 * transfers of own goods move some of it to a back-room warehouse and back, and one GT whose transport has
 * not begun is cancelled (its movements are reversed). Deterministic for a given PRNG.
 */
export const DEMO_SUPPLIER = {
  vatCountry: 'PT',
  vatId: '509999999',
  name: 'Distribuidora Demonstração, Lda.',
  address: 'Zona Industrial, Lote 7',
  postalCode: '2400-000',
  city: 'Leiria',
  country: 'PT',
  email: null,
} as const;

export const DEMO_BACK_ROOM = { code: 'ARM', name: 'Armazém' } as const;

export interface DemoStockDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly terminalId: string;
  readonly stock: StockService;
}

interface TrackedArticle {
  id: number;
  unit: string;
  price: string;
  pct: string | null;
  tax_code: string;
}

function trackedArticles(db: Db): TrackedArticle[] {
  return db.sqlite
    .prepare(
      `select a.id, a.unit, a.price, a.tax_code, r.percentage as pct from article a
       left join tax_rate r on r.region = 'PT' and r.code = a.tax_code and r.valid_to is null
       where a.active = 1 and a.product_type = 'P' and a.stock_tracked = 1 order by a.id`,
    )
    .all() as TrackedArticle[];
}

/** About 60 % of the shelf price without VAT: a plausible supplier cost, to 4 decimals. */
const costOf = (a: TrackedArticle, factor: string): string => {
  const pct = a.tax_code === 'ISE' ? '0' : (a.pct ?? '0');
  return new Dec(a.price)
    .dividedBy(new Dec(1).plus(new Dec(pct).dividedBy(100)))
    .times('0.6')
    .times(factor)
    .toDecimalPlaces(4)
    .toFixed();
};

/**
 * The demo supplier's invoices, registered and confirmed through the purchases domain (issue 13 item 4), exactly
 * as a manager types them in Gestão › Compras: the totals "from the paper" are the ones its lines add up to, and
 * confirming posts the stock movements into the shop floor with the purchase.
 */
export function seedDemoPurchases(
  deps: DemoStockDeps & { purchases: PurchasesService },
  rnd: () => number,
  operatorId: number | null,
): { purchases: number; lines: number } {
  const { db, clock, stock, purchases } = deps;
  const articles = trackedArticles(db);
  if (!articles.length) return { purchases: 0, lines: 0 };
  const newId = stockIdFactory(deps.terminalId, () => clock.now().getTime());
  return db.tx(() => {
    const { supplier } = createSupplierStore(db).findOrCreate(
      DEMO_SUPPLIER,
      newId(),
      clock.now().toISOString(),
    );
    const qty = (a: TrackedArticle, min: number, span: number): string =>
      a.unit === 'KG' ? (min / 2 + rnd() * span).toFixed(3) : String(min + Math.floor(rnd() * span));
    const line = (a: TrackedArticle, min: number, span: number, factor: string) => ({
      articleId: a.id,
      quantity: qty(a, min, span),
      unitCost: costOf(a, factor),
      discountPct: '0',
      vatRate: a.tax_code === 'ISE' ? '0' : new Dec(a.pct ?? '0').toFixed(),
    });
    // The first invoice stocks every article; the second restocks about half of them, a little dearer (so
    // the average cost moves).
    const invoices = [
      articles.map((a) => line(a, 30, 30, '1')),
      articles.filter(() => rnd() < 0.5).map((a) => line(a, 12, 12, '1.05')),
    ].filter((ls) => ls.length > 0);
    // A second demo on the same data folder registers new numbers (the same number twice is refused).
    const before = db.all(
      db.k.selectFrom('purchase').select('id').where('supplier_id', '=', supplier.id),
    ).length;
    const issueDate = localDateTime(clock.now()).slice(0, 10);
    let lines = 0;
    invoices.forEach((ls, i) => {
      const totals = computeManualTotals(ls);
      const p = purchases.createManual(
        ManualPurchaseInput.parse({
          supplierId: supplier.id,
          typeCode: 'FT',
          number: `FT D/${before + i + 1}`,
          issueDate,
          lines: ls,
          typedTotals: { net: totals.net, vat: totals.vat, gross: totals.gross },
        }),
        operatorId,
      );
      purchases.confirm(p.id, stock.warehouses.defaultId(), operatorId);
      lines += ls.length;
    });
    return { purchases: invoices.length, lines };
  });
}

export function issueDemoTransfers(
  deps: DemoStockDeps & {
    guides: GuidesService;
    cancel: (id: number, reason: string, operatorId: number | null) => void;
  },
  rnd: () => number,
  operatorId: number | null,
): { guides: number; cancelled: number } {
  const { db, clock, stock, guides } = deps;
  const articles = trackedArticles(db);
  if (articles.length < 2) return { guides: 0, cancelled: 0 };
  const shop = stock.warehouses.defaultId();
  let back = stock.warehouses.list().find((w) => w.code === DEMO_BACK_ROOM.code);
  back ??= stock.warehouses.create(DEMO_BACK_ROOM, clock.now());
  const pickLines = () => {
    const n = 2 + Math.floor(rnd() * 3);
    const chosen = new Map<number, TrackedArticle>();
    while (chosen.size < Math.min(n, articles.length)) {
      const a = articles[Math.floor(rnd() * articles.length)];
      chosen.set(a.id, a);
    }
    return [...chosen.values()].map((a) => ({
      articleId: a.id,
      quantity: a.unit === 'KG' ? (0.5 + rnd() * 2).toFixed(3) : String(1 + Math.floor(rnd() * 4)),
    }));
  };
  const plates = ['AA-12-BC', '45-XZ-78', '12-AB-34'];
  const legs = [
    { from: shop, to: back.id },
    { from: shop, to: back.id },
    { from: back.id, to: shop },
  ];
  let issued = 0;
  for (const [i, leg] of legs.entries()) {
    guides.issue(
      {
        type: 'GT',
        ownGoods: true,
        fromWarehouseId: leg.from,
        toWarehouseId: leg.to,
        lines: pickLines(),
        vehicle: plates[i % plates.length],
      },
      operatorId,
    );
    issued++;
  }
  // One guide whose transport starts in an hour is called off before it begins: cancelled, stock back.
  const later = localDateTime(new Date(clock.now().getTime() + 3_600_000));
  const g = guides.issue(
    {
      type: 'GT',
      ownGoods: true,
      fromWarehouseId: shop,
      toWarehouseId: back.id,
      lines: pickLines(),
      startTime: later,
    },
    operatorId,
  );
  issued++;
  // Through the fiscal cancellation (guides are fiscal documents), which reverses the guide's movements.
  deps.cancel(g.id, 'Transporte adiado', operatorId);
  return { guides: issued, cancelled: 1 };
}
