import { z } from 'zod';
import { channel } from './define';
import { Empty, Id, IsoDateTime, Ok } from './common';
import { Quantity, UnitPrice } from './amounts';

/**
 * Stock (issue 13): warehouses, current stock with the ledger behind each figure, valuation, transfers,
 * adjustments and inventory counts. Operators read; changes are the manager's (counting itself is an operator's
 * job: the manager starts and confirms the count).
 */
export const Warehouse = z.object({ id: Id, code: z.string(), name: z.string(), active: z.boolean() });
export const WarehouseCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,10}$/, 'O código do armazém tem 1 a 10 letras ou algarismos');
const Name = z.string().trim().min(1, 'Indique o nome').max(60);
const Note = z.string().trim().max(200);
const Decimal = z.string();
export const BelowZeroPolicy = z.enum(['allow', 'warn', 'refuse']);
export const StockCause = z.enum([
  'sale',
  'return',
  'purchase',
  'purchase-return',
  'transfer-out',
  'transfer-in',
  'adjustment',
  'breakage',
]);
/** A signed adjustment quantity: ± up to 3 decimals (a count or correction may go either way). */
export const SignedQuantity = z
  .string()
  .regex(/^-?\d{1,5}(\.\d{1,3})?$/, 'A quantidade tem de ser um número com até 3 casas decimais')
  .refine((v) => !/^-?0+(\.0+)?$/.test(v), 'A quantidade não pode ser zero');

export const StockLevel = z.object({
  articleId: Id,
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  warehouseId: Id,
  warehouse: z.string(),
  quantity: Decimal,
  avgCost: Decimal.nullable(),
  lastCost: Decimal.nullable(),
  value: Decimal,
});

export const StockMovement = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: IsoDateTime,
  articleId: Id,
  warehouseId: Id,
  quantity: Decimal,
  unitCost: Decimal.nullable(),
  balanceAfter: Decimal,
  cause: StockCause,
  documentId: Id.nullable(),
  docNo: z.string().nullable(),
  reference: z.string().nullable(),
  reversesId: z.string().nullable(),
  operatorId: z.number().int().nullable(),
  note: z.string().nullable(),
});

const Posted = z.object({
  id: z.string(),
  seq: z.number().int(),
  articleId: Id,
  warehouseId: Id,
  quantity: Decimal,
  unitCost: Decimal.nullable(),
  balanceAfter: Decimal,
  avgCostAfter: Decimal.nullable(),
});

export const CountLine = z.object({
  articleId: Id,
  code: z.string(),
  name: z.string(),
  expected: Decimal,
  counted: Decimal.nullable(),
  countedAt: IsoDateTime.nullable(),
  during: Decimal,
  difference: Decimal.nullable(),
});
export const Count = z.object({
  id: z.string(),
  warehouseId: Id,
  family: z.string().nullable(),
  status: z.enum(['open', 'confirmed', 'cancelled']),
  startedAt: IsoDateTime,
  lines: z.array(CountLine),
});
const CountId = z.string().min(1).max(60);

/* ---- reorder (issue 13 item 6): minimum and reorder quantity per article/warehouse ---- */
export const ReorderRule = z.object({
  articleId: Id,
  warehouseId: Id,
  minimum: Decimal,
  reorderQty: Decimal.nullable(),
});
export const ReorderSave = z
  .object({
    articleId: Id,
    warehouseId: Id,
    /** null: no longer watched in that warehouse. */
    minimum: z.union([Quantity, z.literal('0')]).nullable(),
    reorderQty: Quantity.nullable(),
  })
  .strict();
export const ToOrderLine = z.object({
  articleId: Id,
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  warehouseId: Id,
  warehouse: z.string(),
  quantity: Decimal,
  minimum: Decimal,
  reorderQty: Decimal.nullable(),
  suggested: Decimal,
  lastCost: Decimal.nullable(),
  supplier: z.string().nullable(),
});
const Filter = z.object({ warehouseId: Id.optional(), articleId: Id.optional() }).strict();
/** The columns the Stock and Valorização screens sort by (stock/levels-page). */
export const StockSort = z.enum(['code', 'name', 'warehouse', 'quantity', 'avg', 'last', 'value']);
export const StockLevelsPage = z
  .object({
    warehouseId: Id.optional(),
    /** The filter box: every word in the article's name, its code or the warehouse code. */
    query: z.string().max(100).optional(),
    sort: StockSort.optional(),
    descending: z.boolean().optional(),
    offset: z.number().int().min(0).optional(),
    /** A screen asks for 50; the CSV of a filtered list asks for all of it in one call. */
    limit: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

export const stockContract = {
  'stock/warehouses': channel({
    input: Empty,
    output: z.object({ warehouses: z.array(Warehouse), defaultWarehouseId: Id, belowZero: BelowZeroPolicy }),
    access: 'session',
    summary: 'Armazéns, o armazém de venda deste terminal e a regra de venda sem stock',
  }),
  'stock/warehouse-save': channel({
    input: z
      .object({ id: Id.optional(), code: WarehouseCode, name: Name, active: z.boolean().optional() })
      .strict(),
    output: Warehouse,
    access: 'manager',
    summary: 'Cria ou altera um armazém',
  }),
  'stock/settings-save': channel({
    input: z.object({ defaultWarehouseId: Id.optional(), belowZero: BelowZeroPolicy.optional() }).strict(),
    output: Ok,
    access: 'manager',
    summary: 'Armazém de venda deste terminal e regra de venda sem stock (permitir, avisar, recusar)',
  }),
  'stock/levels': channel({
    input: Filter,
    output: z.array(StockLevel),
    access: 'session',
    summary: 'Stock atual por artigo e armazém, com custo médio e valor',
  }),
  'stock/levels-page': channel({
    input: StockLevelsPage,
    output: z.object({ rows: z.array(StockLevel), total: z.number().int() }),
    access: 'session',
    summary: 'Uma página do stock por artigo e armazém, filtrada e ordenada, com o total de linhas',
  }),
  'stock/movements': channel({
    input: z
      .object({
        warehouseId: Id.optional(),
        articleId: Id.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        beforeSeq: z.number().int().positive().optional(),
      })
      .strict(),
    output: z.array(StockMovement),
    access: 'session',
    summary: 'Movimentos de stock (o histórico por trás de cada quantidade)',
  }),
  'stock/valuation': channel({
    input: Filter,
    output: z.object({
      warehouses: z.array(
        z.object({ warehouseId: Id, warehouse: z.string(), value: Decimal, negative: z.number().int() }),
      ),
      total: Decimal,
    }),
    access: 'session',
    summary: 'Valorização do stock ao custo médio ponderado',
  }),
  'stock/reorder-rules': channel({
    input: z.object({ articleId: Id.optional(), warehouseId: Id.optional() }).strict(),
    output: z.array(ReorderRule),
    access: 'session',
    summary: 'Stock mínimo e quantidade de encomenda por artigo e armazém',
  }),
  'stock/reorder-save': channel({
    input: ReorderSave,
    output: ReorderRule.nullable(),
    access: 'manager',
    summary: 'Define (ou retira) o stock mínimo e a quantidade de encomenda de um artigo num armazém',
  }),
  'stock/to-order': channel({
    input: z.object({ warehouseId: Id.optional() }).strict(),
    output: z.array(ToOrderLine),
    access: 'session',
    summary: 'Artigos a encomendar: abaixo do stock mínimo, com a quantidade sugerida',
  }),
  'stock/availability': channel({
    input: z
      .object({
        lines: z
          .array(z.object({ articleId: Id, quantity: Quantity }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
    output: z.array(
      z.object({
        articleId: Id,
        warehouseId: Id,
        tracked: z.boolean(),
        available: Decimal,
        short: z.boolean(),
      }),
    ),
    access: 'operator',
    summary: 'Stock disponível no armazém de venda para as quantidades indicadas (aviso na caixa)',
  }),
  'stock/transfer': channel({
    input: z
      .object({
        fromWarehouseId: Id,
        toWarehouseId: Id,
        lines: z
          .array(z.object({ articleId: Id, quantity: Quantity }).strict())
          .min(1)
          .max(500),
        note: Note.optional(),
      })
      .strict(),
    output: z.object({ id: z.string(), movements: z.array(Posted) }),
    access: 'manager',
    summary: 'Transfere artigos entre armazéns (ao custo médio do armazém de origem)',
  }),
  'stock/adjust': channel({
    input: z
      .object({
        articleId: Id,
        warehouseId: Id,
        quantity: SignedQuantity,
        cause: z.enum(['adjustment', 'breakage']),
        unitCost: UnitPrice.optional(),
        note: Note.optional(),
      })
      .strict(),
    output: Posted,
    access: 'manager',
    summary: 'Acerto de stock ou quebra',
  }),
  'stock/count-start': channel({
    input: z.object({ warehouseId: Id, family: z.string().trim().min(1).max(60).optional() }).strict(),
    output: Count,
    access: 'manager',
    summary: 'Inicia uma contagem de inventário (fixa as quantidades esperadas)',
  }),
  'stock/count-list': channel({
    input: Empty,
    output: z.array(Count.omit({ lines: true })),
    access: 'operator',
    summary: 'Contagens de inventário: as abertas e as últimas fechadas',
  }),
  'stock/count-view': channel({
    input: z.object({ id: CountId }).strict(),
    output: Count,
    access: 'operator',
    summary: 'Contagem de inventário: esperado, contado, vendido durante a contagem, diferença',
  }),
  'stock/count-record': channel({
    input: z.object({ id: CountId, articleId: Id, counted: z.union([Quantity, z.literal('0')]) }).strict(),
    output: CountLine,
    access: 'operator',
    summary: 'Regista a quantidade contada de um artigo',
  }),
  'stock/count-confirm': channel({
    input: z.object({ id: CountId }).strict(),
    output: z.object({ movements: z.array(Posted) }),
    access: 'manager',
    summary: 'Confirma a contagem: as diferenças passam a acertos de stock',
  }),
  'stock/count-cancel': channel({
    input: z.object({ id: CountId }).strict(),
    output: Ok,
    access: 'manager',
    summary: 'Cancela uma contagem aberta (sem acertos)',
  }),
};
