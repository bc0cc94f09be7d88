import type { Article } from '../../../shared/api/catalog';
import { PosError } from '../../../shared/errors';
import { parseEmbeddedEan } from '../../../shared/ean';
import { t } from '../../../shared/i18n';
import { ptSearchTerms } from '../../../shared/text/pt-collation';
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
  search(query: string, limit: number, favouritesOnly: boolean, includeInactive?: boolean): Article[];
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
    shortName: r.short_name,
    weighed: r.weighed === 1,
    scaleCode: r.scale_code,
    tillPosition: r.till_position,
    tillColour: r.till_colour,
  };
}

export function createCatalogService(ctx: CoreContext): CatalogService {
  const { db } = ctx;
  const activeByBarcode = (barcode: string): ArticleRow | undefined =>
    db.get(
      db.k
        .selectFrom('article_barcode as b')
        .innerJoin('article as a', 'a.id', 'b.article_id')
        .selectAll('a')
        .where('b.barcode', '=', barcode)
        .where('a.active', '=', 1),
    );
  const activeByScaleCode = (scaleCode: string): ArticleRow | undefined =>
    db.get(
      db.k.selectFrom('article').selectAll().where('scale_code', '=', scaleCode).where('active', '=', 1),
    );

  return {
    /**
     * Accent- and case-insensitive ("pao" finds "Pão"): every word typed must appear in the name's pt-PT key
     * (article.name_key, shared/text/pt-collation.ts); an exact code or barcode also matches. Portuguese order
     * (name_key, then name), favourites by their place on the till first.
     */
    search(query, limit, favouritesOnly, includeInactive = false) {
      let q = db.k.selectFrom('article').selectAll();
      if (!includeInactive) q = q.where('active', '=', 1);
      if (favouritesOnly) q = q.where('favourite', '=', 1);
      const raw = query.trim();
      const words = ptSearchTerms(raw);
      if (raw) {
        q = q.where((eb) =>
          eb.or([
            eb('code', 'in', [...new Set([raw, raw.toUpperCase()])]),
            eb('id', 'in', eb.selectFrom('article_barcode').select('article_id').where('barcode', '=', raw)),
            // ptKey leaves only letters, digits and spaces: no LIKE wildcard can come from the user.
            ...(words.length ? [eb.and(words.map((w) => eb('name_key', 'like', `%${w}%`)))] : []),
          ]),
        );
      }
      if (favouritesOnly) q = q.orderBy('till_position', (o) => o.asc().nullsLast());
      return db.all(q.orderBy('name_key').orderBy('name').limit(limit)).map(toArticle);
    },

    byBarcode(barcode) {
      const direct = activeByBarcode(barcode);
      if (direct) return { article: toArticle(direct), quantity: null, price: null };
      const embedded = parseEmbeddedEan(barcode);
      if (embedded) {
        // The label's item code is the article's scale code; the zeroed code as a barcode also works (demo).
        const row = activeByBarcode(embedded.lookupCode) ?? activeByScaleCode(barcode.slice(2, 7));
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
