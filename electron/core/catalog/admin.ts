import type { Article } from '../../../shared/api/catalog';
import {
  barcodeEntry,
  type ArticleDetail,
  type Family,
  type ParsedArticleInput,
  type PriceChange,
} from '../../../shared/api/catalog-admin';
import { PosError } from '../../../shared/errors';
import { Dec } from '../../../shared/money';
import { comparePt } from '../../../shared/text/pt-collation';
import type { CoreContext } from '../context';
import { localDate } from '../util/clock';
import type { ArticleRow } from '../db/schema';
import { toArticle } from './service';

/** Who changes the catalogue, for the audit trail: an operator, and through which way (screen, CSV, CLI). */
export interface Actor {
  operatorId: number | null;
  via: 'backoffice' | 'csv' | 'cli';
}

export type SaveOutcome = 'created' | 'updated' | 'unchanged';

export interface CatalogAdmin {
  detail(id: number): ArticleDetail;
  /** Creates (no id) or updates an article; validated input (ArticleInput). Runs in the caller's transaction. */
  save(actor: Actor, id: number | undefined, input: ParsedArticleInput): { id: number; outcome: SaveOutcome };
  setActive(actor: Actor, id: number, active: boolean): Article;
  remove(actor: Actor, id: number): void;
  priceHistory(id: number): PriceChange[];
  families(): Family[];
  saveFamily(actor: Actor, id: string | undefined, name: string): Family;
  deleteFamily(actor: Actor, id: string): void;
  idByCode(code: string): number | undefined;
}

/** The fields a save compares to say what changed (audit) and whether anything did (CSV re-import). */
const COMPARED = [
  'code',
  'name',
  'short_name',
  'family',
  'unit',
  'price',
  'tax_code',
  'exemption_code',
  'product_type',
  'favourite',
  'till_position',
  'till_colour',
  'weighed',
  'scale_code',
  'active',
] as const;

export function createCatalogAdmin(ctx: CoreContext): CatalogAdmin {
  const { db, clock } = ctx;
  const now = (): string => clock.now().toISOString();

  const row = (id: number): ArticleRow => {
    const r = db.get(db.k.selectFrom('article').selectAll().where('id', '=', id));
    if (!r) throw new PosError('NOT_FOUND', 'Artigo não encontrado.', { id });
    return r;
  };
  const usedOnDocuments = (id: number): boolean =>
    db.get(db.k.selectFrom('fiscal_line').select('id').where('article_id', '=', id).limit(1)) !== undefined;
  const usedOnSales = (id: number): boolean =>
    db.get(db.k.selectFrom('sale_line').select('id').where('article_id', '=', id).limit(1)) !== undefined;
  const barcodesOf = (id: number): string[] =>
    db
      .all(
        db.k
          .selectFrom('article_barcode')
          .select('barcode')
          .where('article_id', '=', id)
          .orderBy('position')
          .orderBy('barcode'),
      )
      .map((r) => r.barcode);

  const region = (): 'PT' | 'PT-AC' | 'PT-MA' => {
    const c = db.get(db.k.selectFrom('company').select('tax_region').where('id', '=', 1));
    const r = c?.tax_region;
    return r === 'PT-AC' || r === 'PT-MA' ? r : 'PT';
  };
  /** Today's VAT percentage of a tax code in the shop's region (0 for ISE). */
  const pctOf = (code: string): string => {
    if (code === 'ISE') return '0';
    const date = localDate(clock.now());
    const r = db.get(
      db.k
        .selectFrom('tax_rate')
        .select('percentage')
        .where('region', '=', region())
        .where('code', '=', code as 'NOR' | 'INT' | 'RED')
        .where('valid_from', '<=', date)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
        .orderBy('valid_from', 'desc')
        .limit(1),
    );
    if (!r) {
      throw new PosError('FISCAL_RULE', `Não existe taxa de IVA ${code} para ${region()} hoje.`);
    }
    return r.percentage;
  };

  function detail(id: number): ArticleDetail {
    const r = row(id);
    const pct = pctOf(r.tax_code);
    return {
      article: toArticle(r),
      barcodes: barcodesOf(id).map(barcodeEntry),
      taxRegion: region(),
      taxPct: pct,
      netPrice: new Dec(r.price).dividedBy(new Dec(pct).dividedBy(100).plus(1)).toDecimalPlaces(4).toFixed(4),
      usedOnDocuments: usedOnDocuments(id),
    };
  }

  /**
   * The price with VAT the article keeps. A price typed without VAT becomes the nearest cent with VAT
   * (ASSUMPTION: the shelf price with VAT is what the shop sets and the till charges; its net is derived).
   */
  const grossPrice = (input: ParsedArticleInput): string => {
    const price = new Dec(input.price);
    // Stored as the demo catalogue and the till write prices: at least 2 decimals ("0.40", "1.2345").
    if (input.priceIncludesVat) return price.toFixed(Math.max(2, price.decimalPlaces()));
    const pct = new Dec(pctOf(input.taxCode));
    return price.times(pct.dividedBy(100).plus(1)).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
  };

  const refuseTakenBarcodes = (id: number | undefined, barcodes: readonly string[]): void => {
    if (!barcodes.length) return;
    const taken = db.all(
      db.k
        .selectFrom('article_barcode as b')
        .innerJoin('article as a', 'a.id', 'b.article_id')
        .select(['b.barcode', 'a.code', 'a.name', 'a.id'])
        .where('b.barcode', 'in', [...barcodes]),
    );
    const other = taken.find((t) => t.id !== id);
    if (other) {
      throw new PosError(
        'CONFLICT',
        `O código de barras ${other.barcode} já pertence ao artigo ${other.code} (${other.name}).`,
        { barcode: other.barcode, field: 'barcodes' },
      );
    }
  };

  function save(
    actor: Actor,
    id: number | undefined,
    input: ParsedArticleInput,
  ): { id: number; outcome: SaveOutcome } {
    return db.tx(() => {
      const before = id !== undefined ? row(id) : undefined;
      const sameCode = db.get(
        db.k.selectFrom('article').select(['id', 'name']).where('code', '=', input.code),
      );
      if (sameCode && sameCode.id !== id) {
        throw new PosError('CONFLICT', `Já existe um artigo com o código ${input.code} (${sameCode.name}).`, {
          field: 'code',
        });
      }
      const values = {
        code: input.code,
        name: input.name,
        short_name: input.shortName,
        family: input.family,
        unit: input.unit,
        price: grossPrice(input),
        tax_code: input.taxCode,
        exemption_code: input.taxCode === 'ISE' ? input.exemptionCode : null,
        product_type: input.productType,
        favourite: input.favourite ? 1 : 0,
        till_position: input.favourite ? input.tillPosition : null,
        till_colour: input.favourite ? input.tillColour : null,
        weighed: input.weighed ? 1 : 0,
        scale_code: input.weighed && input.scaleCode ? input.scaleCode.padStart(5, '0') : null,
        active: input.active ? 1 : 0,
        barcode: input.barcodes[0] ?? null,
      } as const;
      if (values.scale_code) {
        const s = db.get(
          db.k.selectFrom('article').select(['id', 'code']).where('scale_code', '=', values.scale_code),
        );
        if (s && s.id !== id) {
          throw new PosError(
            'CONFLICT',
            `O código da balança ${values.scale_code} já é do artigo ${s.code}.`,
            {
              field: 'scaleCode',
            },
          );
        }
      }
      refuseTakenBarcodes(id, input.barcodes);

      if (!before) {
        const r = db.run(
          db.k.insertInto('article').values({ ...values, created_at: now(), updated_at: now() }),
        );
        const newId = r.lastInsertRowid;
        writeBarcodes(newId, input.barcodes);
        ctx.audit('catalog.article-created', actor.operatorId, {
          articleId: newId,
          code: values.code,
          price: values.price,
          via: actor.via,
        });
        return { id: newId, outcome: 'created' };
      }

      const changed = COMPARED.filter((k) => {
        const a = before[k];
        const b = values[k];
        return k === 'price' ? !new Dec(a as string).eq(b as string) : a !== b;
      });
      const oldBarcodes = barcodesOf(before.id);
      const barcodesChanged = oldBarcodes.join('\n') !== input.barcodes.join('\n');
      if (!changed.length && !barcodesChanged) return { id: before.id, outcome: 'unchanged' };

      if ((changed.includes('code') || changed.includes('name')) && usedOnDocuments(before.id)) {
        throw new PosError(
          'FISCAL_RULE',
          changed.includes('code')
            ? `O artigo ${before.code} já consta de documentos: o código não pode mudar. Crie um artigo novo e desative este.`
            : `O artigo ${before.code} já consta de documentos: a descrição não pode mudar (Despacho n.º 8632/2014, 3.3.5). Crie um artigo novo e desative este.`,
          { field: changed.includes('code') ? 'code' : 'name' },
        );
      }
      db.run(
        db.k
          .updateTable('article')
          .set({ ...values, updated_at: now() })
          .where('id', '=', before.id),
      );
      if (barcodesChanged) writeBarcodes(before.id, input.barcodes);
      if (changed.includes('price')) {
        ctx.audit('catalog.price-changed', actor.operatorId, {
          articleId: before.id,
          code: values.code,
          oldPrice: before.price,
          newPrice: values.price,
          via: actor.via,
        });
      }
      ctx.audit('catalog.article-updated', actor.operatorId, {
        articleId: before.id,
        code: values.code,
        changed: barcodesChanged ? [...changed, 'barcodes'] : changed,
        via: actor.via,
      });
      return { id: before.id, outcome: 'updated' };
    });
  }

  /** Every barcode of the article, in order (the first is also `article.barcode`, set just before). */
  function writeBarcodes(id: number, barcodes: readonly string[]): void {
    db.run(db.k.deleteFrom('article_barcode').where('article_id', '=', id));
    barcodes.forEach((barcode, position) => {
      db.run(db.k.insertInto('article_barcode').values({ barcode, article_id: id, position }));
    });
  }

  function setActive(actor: Actor, id: number, active: boolean): Article {
    const before = row(id);
    if ((before.active === 1) !== active) {
      db.tx(() => {
        db.run(
          db.k
            .updateTable('article')
            .set({ active: active ? 1 : 0, updated_at: now() })
            .where('id', '=', id),
        );
        ctx.audit(active ? 'catalog.article-activated' : 'catalog.article-deactivated', actor.operatorId, {
          articleId: id,
          code: before.code,
          via: actor.via,
        });
      });
    }
    return toArticle(row(id));
  }

  function remove(actor: Actor, id: number): void {
    const before = row(id);
    if (usedOnDocuments(id) || usedOnSales(id)) {
      throw new PosError(
        'CONFLICT',
        `O artigo ${before.code} já foi vendido: não se apaga (os documentos referem-no). Desative-o.`,
      );
    }
    db.tx(() => {
      db.run(db.k.deleteFrom('article').where('id', '=', id));
      ctx.audit('catalog.article-deleted', actor.operatorId, {
        articleId: id,
        code: before.code,
        name: before.name,
        via: actor.via,
      });
    });
  }

  function priceHistory(id: number): PriceChange[] {
    row(id);
    const rows = db.all(
      db.k
        .selectFrom('audit_log as l')
        .leftJoin('operator as o', 'o.id', 'l.operator_id')
        .select(['l.at', 'l.details', 'o.name'])
        .where('l.action', '=', 'catalog.price-changed')
        .where((eb) => eb(eb.fn('json_extract', ['l.details', eb.val('$.articleId')]), '=', id))
        .orderBy('l.id', 'desc'),
    );
    return rows.map((r) => {
      const d = JSON.parse(r.details) as { oldPrice: string; newPrice: string; via?: string };
      return { at: r.at, operator: r.name, oldPrice: d.oldPrice, newPrice: d.newPrice, via: d.via ?? '' };
    });
  }

  function families(): Family[] {
    const rows = db.all(
      db.k
        .selectFrom('article_family as f')
        .select((eb) => [
          'f.id',
          'f.name',
          eb
            .selectFrom('article as a')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('a.family', '=', 'f.name')
            .as('articles'),
        ]),
    );
    return rows
      .map((r) => ({ id: r.id, name: r.name, articles: Number(r.articles ?? 0) }))
      .sort((a, b) => comparePt(a.name, b.name));
  }

  const familyRow = (id: string) => {
    const f = db.get(db.k.selectFrom('article_family').selectAll().where('id', '=', id));
    if (!f) throw new PosError('NOT_FOUND', 'Família não encontrada.', { id });
    return f;
  };

  function saveFamily(actor: Actor, id: string | undefined, name: string): Family {
    return db.tx(() => {
      const same = db.get(db.k.selectFrom('article_family').select('id').where('name', '=', name));
      if (same && same.id !== id)
        throw new PosError('CONFLICT', `A família ${name} já existe.`, { field: 'name' });
      let familyId: string;
      if (id === undefined) {
        familyId = `${ctx.terminalId}-${clock.now().getTime().toString(36).toUpperCase()}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
        db.run(db.k.insertInto('article_family').values({ id: familyId, name, created_at: now() }));
        ctx.audit('catalog.family-created', actor.operatorId, { familyId, name, via: actor.via });
      } else {
        const before = familyRow(id);
        familyId = id;
        if (before.name !== name) {
          db.run(db.k.updateTable('article_family').set({ name }).where('id', '=', id));
          // The articles follow their family (article.family keeps its name).
          db.run(
            db.k
              .updateTable('article')
              .set({ family: name, updated_at: now() })
              .where('family', '=', before.name),
          );
          ctx.audit('catalog.family-renamed', actor.operatorId, {
            familyId: id,
            from: before.name,
            to: name,
            via: actor.via,
          });
        }
      }
      const f = families().find((x) => x.id === familyId);
      if (!f) throw new PosError('INTERNAL', 'Família não gravada.');
      return f;
    });
  }

  function deleteFamily(actor: Actor, id: string): void {
    const f = familyRow(id);
    const n = families().find((x) => x.id === id)?.articles ?? 0;
    if (n > 0) {
      throw new PosError(
        'CONFLICT',
        `A família ${f.name} tem ${n} artigo(s): mude-os de família antes de a apagar.`,
      );
    }
    db.tx(() => {
      db.run(db.k.deleteFrom('article_family').where('id', '=', id));
      ctx.audit('catalog.family-deleted', actor.operatorId, { familyId: id, name: f.name, via: actor.via });
    });
  }

  const idByCode = (code: string): number | undefined =>
    db.get(db.k.selectFrom('article').select('id').where('code', '=', code))?.id;

  return { detail, save, setActive, remove, priceHistory, families, saveFamily, deleteFamily, idByCode };
}
