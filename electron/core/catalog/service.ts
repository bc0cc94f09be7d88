import type { Article } from '../../../shared/api/catalog';
import { PosError } from '../../../shared/errors';
import { parseEmbeddedEan } from '../../../shared/ean';
import { t } from '../../../shared/i18n';
import { Dec, fixed } from '../../../shared/money';
import type { ArticleRow } from '../db/schema';
import type { CoreContext } from '../context';

export interface BarcodeHit {
  article: Article;
  /** From a weight-embedded code (kg, 3 decimals), else null. */
  quantity: string | null;
  /** From a price-embedded code (line total with VAT), else null. */
  price: string | null;
}

export interface CatalogService {
  search(query: string, limit: number, favouritesOnly: boolean): Article[];
  byBarcode(barcode: string): BarcodeHit;
  get(id: number): Article;
  count(): { total: number; active: number };
}

export function toArticle(r: ArticleRow): Article {
  return {
    id: r.id,
    code: r.code,
    barcode: r.barcode,
    name: r.name,
    family: r.family,
    unit: r.unit,
    price: r.price,
    taxCode: r.tax_code,
    exemptionCode: r.exemption_code,
    productType: r.product_type,
    favourite: r.favourite === 1,
    active: r.active === 1,
  };
}

export function createCatalogService(ctx: CoreContext): CatalogService {
  const { db } = ctx;
  const byCode = db.sqlite.prepare<[string], ArticleRow>(
    'select * from article where barcode = ? and active = 1',
  );

  return {
    search(query, limit, favouritesOnly) {
      let q = db.k.selectFrom('article').selectAll().where('active', '=', 1);
      const term = query.trim();
      if (favouritesOnly) q = q.where('favourite', '=', 1);
      if (term) {
        const like = `%${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
        q = q.where((eb) =>
          eb.or([
            eb('barcode', '=', term),
            eb('code', '=', term),
            eb(eb.fn('lower', ['name']), 'like', like.toLowerCase()),
          ]),
        );
      }
      return db.all(q.orderBy('name').limit(limit)).map(toArticle);
    },

    byBarcode(barcode) {
      const direct = byCode.get(barcode);
      if (direct) return { article: toArticle(direct), quantity: null, price: null };
      const embedded = parseEmbeddedEan(barcode);
      if (embedded) {
        const row = byCode.get(embedded.lookupCode);
        if (row) {
          if (embedded.kind === 'weight') {
            return {
              article: toArticle(row),
              quantity: new Dec(embedded.value).dividedBy(1000).toFixed(3),
              price: null,
            };
          }
          return {
            article: toArticle(row),
            quantity: null,
            price: fixed(new Dec(embedded.value).dividedBy(100)),
          };
        }
      }
      throw new PosError('NOT_FOUND', t('catalog.barcodeNotFound', { barcode }), { barcode });
    },

    get(id) {
      const row = db.get(db.k.selectFrom('article').selectAll().where('id', '=', id));
      if (!row) throw new PosError('NOT_FOUND', t('catalog.notFound'), { id });
      return toArticle(row);
    },

    count() {
      const r = db.get(
        db.k
          .selectFrom('article')
          .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.sum<number>('active').as('active')]),
      );
      return { total: r?.total ?? 0, active: r?.active ?? 0 };
    },
  };
}
