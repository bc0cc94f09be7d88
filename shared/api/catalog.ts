import { z } from 'zod';
import { channel } from './define';
import { Id } from './common';
import { DecimalString } from '../money';

export const TaxCode = z.enum(['NOR', 'INT', 'RED', 'ISE']);
export type TaxCode = z.infer<typeof TaxCode>;
export const Unit = z.enum(['UN', 'KG', 'L', 'M']);
export type Unit = z.infer<typeof Unit>;

export const Article = z.object({
  id: Id,
  code: z.string(),
  barcode: z.string().nullable(),
  name: z.string(),
  family: z.string(),
  unit: Unit,
  /** Unit price with VAT included, as shelf labels show it (exact decimal). */
  price: DecimalString,
  taxCode: TaxCode,
  /** SAF-T TaxExemptionCode (M01…M99) when taxCode is ISE. */
  exemptionCode: z.string().nullable(),
  productType: z.enum(['P', 'S']),
  favourite: z.boolean(),
  active: z.boolean(),
  /** Name printed on the receipt when the description is too long (null: the description). */
  shortName: z.string().nullable(),
  /** Sold by weight (unit KG); `scaleCode` is the item code the shop's scale prints on its labels. */
  weighed: z.boolean(),
  scaleCode: z.string().nullable(),
  /** Place (1…) and colour of the favourite's button on the till. */
  tillPosition: z.number().int().nullable(),
  tillColour: z.string().nullable(),
});
export type Article = z.infer<typeof Article>;

export const catalogContract = {
  'catalog/search': channel({
    input: z
      .object({
        query: z.string().max(100).default(''),
        limit: z.number().int().min(1).max(500).default(50),
        favouritesOnly: z.boolean().default(false),
        /** The back office lists inactive articles too (the till never sells them). */
        includeInactive: z.boolean().default(false),
      })
      .strict(),
    output: z.array(Article),
    access: 'session',
    summary:
      'Pesquisa de artigos por nome (sem acentos nem maiúsculas), código ou código de barras, por ordem portuguesa',
  }),
  'catalog/by-barcode': channel({
    input: z.object({ barcode: z.string().regex(/^\d{8,14}$/, 'Código de barras inválido') }).strict(),
    output: z.object({
      article: Article,
      quantity: DecimalString.nullable(),
      price: DecimalString.nullable(),
    }),
    access: 'session',
    summary: 'Artigo por código de barras (inclui códigos de peso/preço 2xxxx)',
  }),
  'catalog/get': channel({
    input: z.object({ id: Id }).strict(),
    output: Article,
    access: 'session',
    summary: 'Um artigo',
  }),
  'catalog/count': channel({
    input: z.object({}).strict(),
    output: z.object({ total: z.number().int(), active: z.number().int() }),
    access: 'session',
    summary: 'Número de artigos no catálogo',
  }),
};
