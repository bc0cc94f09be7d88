import { PosError } from '../../../shared/errors';
import { Dec } from '../../../shared/money';
import { taxGroupKey, type DocumentAmounts } from '../../../shared/fiscal/amounts';
import { computeAmountsFast } from '../../../shared/fiscal/amounts-exact';
import { EXEMPTIONS } from '../../../shared/fiscal/exemptions';
import type { ParsedDocumentDraft } from '../../../shared/api/fiscal';
import type { Db } from '../db/open';

/** A line ready to be stored: every fiscal field resolved (article defaults, VAT rate of the day, exemption text). */
export interface PreparedLine {
  articleId: number | null;
  productCode: string;
  productType: string;
  description: string;
  quantity: string;
  unit: string;
  unitPriceGross: string;
  discountPct: string;
  taxType: string;
  taxRegion: string;
  taxCode: string;
  taxPct: string;
  exemptionCode: string | null;
  exemptionReason: string | null;
  originLineId: number | null;
  originDocumentId: number | null;
}

/** Product code of free lines (no catalogue article); exported once in MasterFiles/Product. */
export const FREE_LINE_PRODUCT = { code: 'DIVERSOS', description: 'Artigos diversos', type: 'P' } as const;

interface ArticleRowLite {
  id: number;
  code: string;
  name: string;
  unit: string;
  price: string;
  tax_code: string;
  exemption_code: string | null;
  product_type: string;
}

export interface OriginLineRow {
  id: number;
  document_id: number;
  article_id: number | null;
  product_code: string;
  product_type: string;
  description: string;
  quantity: string;
  unit: string;
  unit_price_gross: string;
  discount_pct: string;
  gross: string;
  tax_type: string;
  tax_region: string;
  tax_code: string;
  tax_pct: string;
  exemption_code: string | null;
  exemption_reason: string | null;
}

export function createLineResolver(db: Db) {
  const selArticle = db.sqlite.prepare(
    'select id, code, name, unit, price, tax_code, exemption_code, product_type from article where id = ?',
  );
  const selRate = db.sqlite.prepare(
    `select percentage from tax_rate where region = ? and code = ? and valid_from <= ?
     and (valid_to is null or valid_to >= ?) order by valid_from desc limit 1`,
  );
  const selOriginLine = db.sqlite.prepare('select * from fiscal_line where id = ?');
  const selCredited = db.sqlite.prepare(
    `select l.quantity from fiscal_line l join fiscal_document d on d.id = l.document_id
     where l.origin_line_id = ? and d.doc_type = 'NC' and not exists (select 1 from fiscal_status s where s.document_id = d.id)`,
  );

  const rateOf = (region: string, code: string, date: string): string => {
    const r = selRate.get(region, code, date, date) as { percentage: string } | undefined;
    if (!r) {
      throw new PosError(
        'FISCAL_RULE',
        `Não existe taxa de IVA ${code} para ${region} em ${date}. Verifique a tabela de taxas.`,
      );
    }
    return r.percentage;
  };

  const tax = (
    code: string,
    region: string,
    exemption: string | null | undefined,
    date: string,
  ): Pick<
    PreparedLine,
    'taxType' | 'taxRegion' | 'taxCode' | 'taxPct' | 'exemptionCode' | 'exemptionReason'
  > => {
    if (code === 'ISE') {
      if (!exemption) {
        throw new PosError(
          'FISCAL_RULE',
          'Uma linha isenta de IVA precisa do código do motivo de isenção (M01…M99).',
        );
      }
      const e = EXEMPTIONS[exemption];
      if (!e) throw new PosError('FISCAL_RULE', `Código de isenção ${exemption} desconhecido ou revogado.`);
      return {
        taxType: 'IVA',
        taxRegion: region,
        taxCode: 'ISE',
        taxPct: '0',
        exemptionCode: exemption,
        exemptionReason: e.mention,
      };
    }
    return {
      taxType: 'IVA',
      taxRegion: region,
      taxCode: code,
      taxPct: rateOf(region, code, date),
      exemptionCode: null,
      exemptionReason: null,
    };
  };

  /** Sales lines (FT/FS/FR/ND/GT/GR) from the draft. */
  function salesLines(
    draft: ParsedDocumentDraft,
    date: string,
    defaultRegion: string,
    originDocumentId: number | null,
  ): PreparedLine[] {
    return draft.lines.map((l, i) => {
      // FT: the line of a GT/GR it invoices (checked by guide-invoicing.ts, which sets its origin document).
      if (l.originLineId !== undefined && draft.type !== 'ND' && draft.type !== 'FT') {
        throw new PosError(
          'VALIDATION',
          `Linha ${i + 1}: só notas de crédito/débito referem linhas de outro documento.`,
        );
      }
      const region = l.taxRegion ?? defaultRegion;
      if (l.articleId !== undefined) {
        const a = selArticle.get(l.articleId) as ArticleRowLite | undefined;
        if (!a) throw new PosError('NOT_FOUND', `Linha ${i + 1}: artigo ${l.articleId} não existe.`);
        return {
          articleId: a.id,
          productCode: a.code,
          productType: a.product_type,
          description: l.description ?? a.name,
          quantity: l.quantity,
          unit: l.unit ?? a.unit,
          unitPriceGross: l.unitPrice ?? a.price,
          discountPct: l.discountPct,
          ...tax(
            l.taxCode ?? a.tax_code,
            region,
            l.taxCode ? l.exemptionCode : (l.exemptionCode ?? a.exemption_code),
            date,
          ),
          originLineId: l.originLineId ?? null,
          originDocumentId,
        };
      }
      if (!l.description || l.unitPrice === undefined || !l.taxCode) {
        throw new PosError(
          'VALIDATION',
          `Linha ${i + 1}: uma linha sem artigo precisa de descrição, preço e taxa de IVA.`,
        );
      }
      return {
        articleId: null,
        productCode: l.productCode ?? FREE_LINE_PRODUCT.code,
        productType: FREE_LINE_PRODUCT.type,
        description: l.description,
        quantity: l.quantity,
        unit: l.unit ?? 'UN',
        unitPriceGross: l.unitPrice,
        discountPct: l.discountPct,
        ...tax(l.taxCode, region, l.exemptionCode, date),
        originLineId: l.originLineId ?? null,
        originDocumentId,
      };
    });
  }

  /**
   * Credit-note lines: each one corrects a line of the origin, at the origin's price, discount and tax; the
   * quantity cannot exceed what remains after earlier active credit notes (Despacho 3.2.7, 3.3.9).
   */
  function creditLines(draft: ParsedDocumentDraft, originId: number): PreparedLine[] {
    return draft.lines.map((l, i) => {
      if (l.originLineId === undefined) {
        throw new PosError(
          'FISCAL_RULE',
          `Linha ${i + 1}: cada linha da nota de crédito tem de referir uma linha do documento de origem.`,
        );
      }
      const o = selOriginLine.get(l.originLineId) as OriginLineRow | undefined;
      if (!o || o.document_id !== originId) {
        throw new PosError(
          'FISCAL_RULE',
          `Linha ${i + 1}: a linha referida não pertence ao documento de origem.`,
        );
      }
      const credited = (selCredited.all(o.id) as { quantity: string }[]).reduce(
        (a, r) => a.plus(r.quantity),
        new Dec(0),
      );
      const remaining = new Dec(o.quantity).minus(credited);
      if (new Dec(l.quantity).gt(remaining)) {
        throw new PosError(
          'FISCAL_RULE',
          `Linha ${i + 1}: só pode creditar até ${remaining.toString()} ${o.unit} de "${o.description}" (já creditado ${credited.toString()}).`,
        );
      }
      return {
        articleId: o.article_id,
        productCode: o.product_code,
        productType: o.product_type,
        description: o.description,
        quantity: l.quantity,
        unit: o.unit,
        unitPriceGross: o.unit_price_gross,
        discountPct: o.discount_pct,
        taxType: o.tax_type,
        taxRegion: o.tax_region,
        taxCode: o.tax_code,
        taxPct: o.tax_pct,
        exemptionCode: o.exemption_code,
        exemptionReason: o.exemption_reason,
        originLineId: o.id,
        originDocumentId: originId,
      };
    });
  }

  return { salesLines, creditLines };
}

/** Document amounts (computeAmounts' rules and results, exact integer arithmetic: see amounts-exact.ts). */
export function amountsOf(lines: readonly PreparedLine[], globalDiscountPct: string): DocumentAmounts {
  return computeAmountsFast(
    lines.map((l) => ({
      quantity: l.quantity,
      unitPriceGross: l.unitPriceGross,
      discountPct: l.discountPct,
      taxPct: l.taxPct,
      taxKey: taxGroupKey(l.taxType, l.taxRegion, l.taxCode, l.taxPct, l.exemptionCode),
    })),
    globalDiscountPct,
  );
}
