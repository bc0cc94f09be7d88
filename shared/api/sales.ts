import { z } from 'zod';
import { channel } from './define';
import { Empty, Id, IsoDateTime, Ok, Pin } from './common';
import { DocType, FiscalDocumentView, LineTaxCode, SaftMechanism, TaxRegion, ExemptionCode } from './fiscal';
import { Unit } from './catalog';
import { OrderReference } from './order-reference';
import { DecimalString } from '../money';
import { Money as MoneyInput, Percent, PositiveMoney, Quantity, UnitPrice } from './amounts';
import { ReviewAction, ReviewResolveResult } from './cash';
import { MBWAY_PHONE_INVALID, mbwayPhone } from '../payments/mbway-phone';

/**
 * The checkout contract: shifts (turnos), the persisted sale (cart), the document-type decision, payments,
 * returns and shift reports. Every sale call returns the whole SaleView, so the screen never recomputes
 * totals or fiscal rules itself.
 *
 * Manager approval: channels that may need it take an optional `approval: { pin }`. Without it (and when the
 * caller is not a gerente) they fail with PosError 'MANAGER_APPROVAL_REQUIRED'; `details.reason` says why,
 * so the screen asks for a manager PIN and repeats the same call with `approval`.
 */

export const Approval = z.object({ pin: Pin }).strict();
const approval = Approval.optional();

/** Payment method = a PaymentProvider id ('cash-machine', 'cash-manual', 'card'; PayPay adds 'mb-reference', 'mbway'). */
export const PaymentMethodId = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'Meio de pagamento inválido');
export const SaleDocType = z.enum(['FS', 'FR', 'FT']);
export type SaleDocType = z.infer<typeof SaleDocType>;

/* ------------------------------------------------------------------ shifts */

export const ShiftView = z.object({
  id: Id,
  terminalId: z.string(),
  operator: z.object({ id: Id, name: z.string() }),
  status: z.enum(['open', 'closed']),
  openedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  openingFloat: DecimalString,
  /** Float counted into the CI-5 by the machine (shifts/finish-float-deposit), "0.00" if none. */
  machineFloat: DecimalString,
  /** A float deposit into the CI-5 is running: insert the cash, then shifts/finish-float-deposit. */
  floatDepositInProgress: z.boolean(),
  zNumber: z.number().int().nullable(),
});
export type ShiftView = z.infer<typeof ShiftView>;

export const CashMovementView = z.object({
  id: Id,
  shiftId: Id,
  kind: z.enum(['float', 'payin', 'payout', 'refund', 'drawer-open']),
  amount: DecimalString,
  via: z.enum(['manual', 'machine']),
  reason: z.string(),
  operatorId: Id,
  approvedBy: Id.nullable(),
  at: IsoDateTime,
});
export type CashMovementView = z.infer<typeof CashMovementView>;

const Money = DecimalString;
export const CashPool = z.object({
  expected: Money,
  /** Drawer: the operator's blind count (Z only). Machine: the CI-5's own count of the shift's movement. */
  counted: Money.nullable(),
  difference: Money.nullable(),
});
const VatReportColumns = z.object({
  base: Money,
  tax: Money,
  gross: Money,
  creditBase: Money,
  creditTax: Money,
  creditGross: Money,
  netBase: Money,
  netTax: Money,
  netGross: Money,
});
const VatReportRow = VatReportColumns.extend({
  region: TaxRegion,
  code: z.string(),
  pct: DecimalString,
  exemptionCode: z.string().nullable(),
});
export const ShiftReport = z.object({
  kind: z.enum(['X', 'Z']),
  shiftId: Id,
  zNumber: z.number().int().nullable(),
  terminalId: z.string(),
  operator: z.object({ id: Id, name: z.string() }),
  openedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  generatedAt: IsoDateTime,
  training: z.boolean(),
  documents: z.object({
    count: z.number().int(),
    byType: z.array(z.object({ type: DocType, count: z.number().int(), gross: Money })),
    first: z.string().nullable(),
    last: z.string().nullable(),
  }),
  /** Settled sale payments by method (cash net of change). */
  byMethod: z.array(
    z.object({ method: PaymentMethodId, name: z.string(), count: z.number().int(), amount: Money }),
  ),
  /**
   * VAT of the sales (FS/FR/FT) and of the credit notes, by rate; `net` = sales − credit notes. Each triple adds up
   * (base + tax = gross) and `vatTotals` is the sum of each column.
   */
  vat: z.array(VatReportRow),
  vatTotals: VatReportColumns,
  returns: z.object({
    count: z.number().int(),
    gross: Money,
    byMethod: z.array(z.object({ method: PaymentMethodId, name: z.string(), amount: Money })),
  }),
  cancelled: z.object({ count: z.number().int(), gross: Money, docNos: z.array(z.string()) }),
  totals: z.object({ salesGross: Money, returnsGross: Money, netGross: Money }),
  /**
   * Cash in two pools: the drawer (manual cash, counted blind by the operator at close) and the CI-5 (its own
   * count: inventory now − inventory when the shift opened). `expected` is the sum of both pools.
   */
  cash: z.object({
    openingFloat: Money,
    cashSales: Money,
    cashRefunds: Money,
    payIns: Money,
    payOuts: Money,
    expected: Money,
    drawer: CashPool,
    machine: CashPool.nullable(),
  }),
});
export type ShiftReport = z.infer<typeof ShiftReport>;

/* -------------------------------------------------------------------- sale */

export const SaleLineView = z.object({
  id: Id,
  lineNo: z.number().int(),
  articleId: Id.nullable(),
  productCode: z.string(),
  description: z.string(),
  barcode: z.string().nullable(),
  quantity: DecimalString,
  unit: Unit,
  /** Unit price with VAT in effect (override or catalogue). */
  unitPrice: DecimalString,
  catalogPrice: DecimalString.nullable(),
  priceOverridden: z.boolean(),
  discountPct: DecimalString,
  note: z.string().nullable(),
  /** Line amount with VAT after line and global discounts (same rules as the fiscal core). */
  gross: DecimalString,
  taxCode: LineTaxCode,
  taxPct: DecimalString,
  exemptionCode: z.string().nullable(),
  voided: z.boolean(),
});
export type SaleLineView = z.infer<typeof SaleLineView>;

export const SaleCustomer = z.object({
  id: Id.nullable(),
  nif: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  isBusiness: z.boolean(),
});
export type SaleCustomer = z.infer<typeof SaleCustomer>;

export const DocChoice = z.object({ type: SaleDocType, allowed: z.boolean(), reason: z.string() });
export const DocDecision = z.object({
  /** What will be issued. */
  type: SaleDocType,
  /** Why, in plain pt-PT ("Fatura-recibo: o cliente indicou NIF"). */
  reason: z.string(),
  /** The cashier's explicit choice (sales/set-document-type), or null for automatic. */
  requested: SaleDocType.nullable(),
  /** False while something must be fixed before payment (e.g. NIF missing above the limit). */
  ready: z.boolean(),
  blockedReason: z.string().nullable(),
  choices: z.array(DocChoice),
  /**
   * Issue 11 (paypay-office): an FT is not paid on the spot; with PayPay configured the till asks "Com
   * referência Multibanco?" before issuing it (sales/issue-invoice). false for FS/FR or without PayPay.
   */
  askMbReference: z.boolean(),
});
export type DocDecision = z.infer<typeof DocDecision>;

export const PaymentStatus = z.enum([
  'pending',
  'awaiting-confirmation',
  /** Outcome not known yet (the POS stopped mid CI-5 payment): being verified with the machine, or awaiting the
   * manager's decision on the cash review list. Holds the sale like a pending payment; never means "failed". */
  'unknown',
  'settled',
  'failed',
  'cancelled',
  'refunded',
]);
export const SalePaymentView = z.object({
  id: Id,
  method: PaymentMethodId,
  methodName: z.string(),
  mechanism: SaftMechanism,
  status: PaymentStatus,
  /** Amount asked of this method. */
  requested: DecimalString,
  /** Amount that counts towards the sale (settled). */
  amount: DecimalString,
  /** Cash handed over / inserted, and change given back (cash methods). */
  tendered: DecimalString.nullable(),
  change: DecimalString.nullable(),
  message: z.string().nullable(),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
});
export type SalePaymentView = z.infer<typeof SalePaymentView>;

export const SaleStatus = z.enum(['open', 'suspended', 'paying', 'paid', 'completed', 'abandoned']);
export const SaleView = z.object({
  id: Id,
  status: SaleStatus,
  shiftId: Id.nullable(),
  operatorId: Id,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  label: z.string().nullable(),
  lines: z.array(SaleLineView),
  customer: SaleCustomer.nullable(),
  globalDiscountPct: DecimalString,
  totals: z.object({
    net: DecimalString,
    tax: DecimalString,
    gross: DecimalString,
    discount: DecimalString,
    /** Lines of the cart (not voided). */
    itemCount: z.number().int(),
    /** Articles the customer takes ("N art."): whole units of counted articles, one per weighed line (sales/article-count.ts). */
    articleCount: z.number().int(),
  }),
  decision: DocDecision,
  payments: z.array(SalePaymentView),
  /** Settled towards the total / still due. */
  paid: DecimalString,
  remaining: DecimalString,
  change: DecimalString,
  documentId: Id.nullable(),
  /** Why the paid sale has no document yet (issuing failed; sales/retry-issue). */
  issueError: z.string().nullable(),
  /** The customer's order number ("N.º Encomenda"), printed and sent as the document's order reference. */
  orderReference: z.string().nullable(),
});
export type SaleView = z.infer<typeof SaleView>;

export const SaleSummary = z.object({
  id: Id,
  label: z.string().nullable(),
  operatorId: Id,
  updatedAt: IsoDateTime,
  itemCount: z.number().int(),
  articleCount: z.number().int(),
  gross: DecimalString,
  customerName: z.string().nullable(),
});
export type SaleSummary = z.infer<typeof SaleSummary>;

export const CustomerInput = z
  .object({
    id: Id.optional(),
    nif: z.string().max(30),
    name: z.string().min(1).max(100).optional(),
    address: z.string().max(210).optional(),
    postalCode: z.string().max(20).optional(),
    city: z.string().max(50).optional(),
    country: z.string().max(12).optional(),
    isBusiness: z.boolean().optional(),
  })
  .strict();

export const CustomerHit = z.object({
  id: Id,
  nif: z.string(),
  name: z.string(),
  address: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
});

export const CompletedSale = z.object({
  saleId: Id,
  document: FiscalDocumentView,
  change: DecimalString,
  /** false when the printer could not take it now: the print queue retries; never blocks the sale. */
  printQueued: z.boolean(),
  printMessage: z.string().nullable(),
});
export type CompletedSale = z.infer<typeof CompletedSale>;

export const PayResult = z.object({
  sale: SaleView,
  payment: SalePaymentView.nullable(),
  /** Set when this call settled the sale and the document was issued. */
  completed: CompletedSale.nullable(),
});
export type PayResult = z.infer<typeof PayResult>;

export const PaymentMethodView = z.object({
  id: PaymentMethodId,
  name: z.string(),
  mechanism: SaftMechanism,
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  /** cash methods may take more than is due (change). */
  givesChange: z.boolean(),
  /** card-like: the cashier confirms the approved amount with sales/pay-confirm. */
  needsConfirmation: z.boolean(),
});

/* ------------------------------------------------------------ returns */

export const ReturnableLine = z.object({
  lineId: Id,
  lineNo: z.number().int(),
  description: z.string(),
  quantity: DecimalString,
  returned: DecimalString,
  remaining: DecimalString,
  unitPrice: DecimalString,
  discountPct: DecimalString,
});
export const FoundDocument = z.object({
  document: FiscalDocumentView,
  returnable: z.array(ReturnableLine),
  canReturn: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
  canCancel: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
});
export type FoundDocument = z.infer<typeof FoundDocument>;

export const ReturnResult = z.object({
  document: FiscalDocumentView,
  refund: z.object({
    method: PaymentMethodId,
    amount: DecimalString,
    /** pending: the terminal has not answered yet (PayPay terminal refund); the return follows its outcome. */
    status: z.enum(['settled', 'failed', 'pending']),
    message: z.string().nullable(),
  }),
  printQueued: z.boolean(),
});
export type ReturnResult = z.infer<typeof ReturnResult>;

const LineInput = {
  quantity: Quantity.optional(),
  /** Price override (unit price with VAT): manager approval. */
  unitPrice: UnitPrice.optional(),
  discountPct: Percent.optional(),
  note: z.string().max(200).optional(),
  approval,
};

// ---- issue 11 (paypay-counter): the MB WAY phone, the same check on the payment screen and in the core
export const MbwayPhoneInput = z
  .string()
  .trim()
  .min(1, 'Indique o telemóvel do cliente.')
  .max(30)
  .refine((v) => mbwayPhone(v) !== null, MBWAY_PHONE_INVALID);
// ---- issue 11 (paypay-counter): payments a provider cannot settle alone, decided by the manager like the CI-5's
/** A payment in 'unknown' that needs a person (e.g. an MB WAY confirmed after the cashier gave up). */
export const PaymentReview = z.object({
  paymentId: Id,
  saleId: Id,
  saleStatus: SaleStatus,
  method: PaymentMethodId,
  methodName: z.string(),
  amount: DecimalString,
  /** What is still to pay on that sale (0 when it was completed by another method). */
  saleRemaining: DecimalString,
  message: z.string().nullable(),
  providerRef: z.string().nullable(),
  startedAt: IsoDateTime,
  /** return: the money goes back to the customer; complete: it pays the sale (only while the sale is unpaid). */
  actions: z.array(ReviewAction),
});
export type PaymentReview = z.infer<typeof PaymentReview>;
// ---- end issue 11 (paypay-counter)

export const salesContract = {
  'shifts/open': channel({
    input: z
      .object({
        /** Float counted into the drawer. */
        openingFloat: MoneyInput,
        /** Also deposit a float into the CI-5: the machine counts it (then shifts/finish-float-deposit). */
        depositToMachine: z.boolean().default(false),
      })
      .strict(),
    output: ShiftView,
    access: 'operator',
    summary: 'Abre o turno com o fundo de caixa contado',
  }),
  /**
   * The float in the CI-5 is what the machine counted. When that differs from the declared float the call fails
   * with CONFLICT (`details.floatDifference`, `declared`, `counted`) and the deposit stays open: insert the rest,
   * or repeat with `acceptCount: true` to take the machine's count as the float.
   */
  'shifts/finish-float-deposit': channel({
    input: z.object({ cancel: z.boolean().default(false), acceptCount: z.boolean().default(false) }).strict(),
    output: z.object({ shift: ShiftView, received: DecimalString, message: z.string() }),
    access: 'operator',
    summary: 'Termina (ou cancela) o depósito do fundo de caixa no CI-5',
  }),
  'shifts/current': channel({
    input: Empty,
    output: ShiftView.nullable(),
    access: 'operator',
    summary: 'Turno aberto neste terminal',
  }),
  'shifts/cash-movement': channel({
    input: z
      .object({
        kind: z.enum(['payin', 'payout']),
        amount: PositiveMoney,
        reason: z.string().min(3).max(100),
        via: z.enum(['manual', 'machine']).default('manual'),
        approval,
      })
      .strict(),
    output: CashMovementView,
    access: 'operator',
    summary: 'Entrada ou saída de dinheiro da caixa (saídas com autorização)',
  }),
  /**
   * A pay-in with via 'machine' opens a CI-5 deposit and the shifts/cash-movement call waits while the operator
   * inserts the cash (live `cash/amount-inserted`, operation 'deposit'); it ends by itself once the machine has
   * counted the amount, and records what the machine counted. This call ends it earlier with what was counted,
   * or cancels it (the machine returns the cash and shifts/cash-movement fails with CONFLICT).
   */
  'shifts/finish-machine-payin': channel({
    input: z.object({ cancel: z.boolean().default(false) }).strict(),
    output: z.object({ received: DecimalString, message: z.string() }),
    access: 'operator',
    summary: 'Termina (ou cancela) a entrada de dinheiro no CI-5',
  }),
  'shifts/open-drawer': channel({
    input: z.object({ reason: z.string().min(3).max(100), approval }).strict(),
    output: Ok,
    access: 'operator',
    summary: 'Abre a gaveta sem venda (com autorização do gerente)',
  }),
  'shifts/report-x': channel({
    input: Empty,
    output: ShiftReport,
    access: 'operator',
    summary: 'Relatório X do turno aberto (não fecha o turno)',
  }),
  'shifts/close': channel({
    input: z.object({ countedCash: MoneyInput, print: z.boolean().default(true) }).strict(),
    output: z.object({
      shift: ShiftView,
      report: ShiftReport,
      /** The Z went to the print queue (it prints when the printer is back); false = not printed, still saved. */
      printQueued: z.boolean(),
      printMessage: z.string().nullable(),
    }),
    access: 'operator',
    summary: 'Fecha o turno com contagem cega e grava (e imprime) o relatório Z',
  }),
  'shifts/print-report': channel({
    input: z
      .object({
        /** A closed shift: its saved Z (a reprint is "2.ª via"). Omitted: the X of the open shift. */
        shiftId: Id.optional(),
      })
      .strict(),
    output: z.object({ report: ShiftReport, printQueued: z.boolean(), printMessage: z.string().nullable() }),
    access: 'operator',
    summary: 'Imprime o relatório X do turno aberto ou o Z de um turno fechado',
  }),
  'shifts/get-report': channel({
    input: z.object({ shiftId: Id }).strict(),
    output: ShiftReport,
    access: 'session',
    summary: 'Relatório Z gravado de um turno fechado (ou X do aberto)',
  }),
  'shifts/list': channel({
    input: z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: z.array(ShiftView),
    access: 'session',
    summary: 'Últimos turnos deste terminal',
  }),

  'sales/current': channel({
    input: Empty,
    output: SaleView.nullable(),
    access: 'operator',
    summary: 'Venda em curso neste terminal (null se não houver)',
  }),
  'sales/add-line': channel({
    input: z
      .object({
        articleId: Id.optional(),
        /** Free line (no article): description, unitPrice and taxCode required. */
        description: z.string().min(1).max(200).optional(),
        taxCode: LineTaxCode.optional(),
        exemptionCode: ExemptionCode.optional(),
        ...LineInput,
      })
      .strict(),
    output: SaleView,
    access: 'operator',
    summary: 'Acrescenta uma linha à venda',
  }),
  'sales/scan': channel({
    input: z
      .object({
        barcode: z.string().regex(/^\d{8,14}$/, 'Código de barras inválido'),
        quantity: Quantity.optional(),
      })
      .strict(),
    output: SaleView,
    access: 'operator',
    summary: 'Código de barras lido (inclui códigos de peso/preço 2xxxx)',
  }),
  'sales/set-quantity': channel({
    input: z.object({ lineId: Id, quantity: Quantity }).strict(),
    output: SaleView,
    access: 'operator',
    summary: 'Altera a quantidade de uma linha',
  }),
  'sales/update-line': channel({
    input: z.object({ lineId: Id, ...LineInput }).strict(),
    output: SaleView,
    access: 'operator',
    summary: 'Altera preço, desconto ou nota de uma linha',
  }),
  'sales/void-line': channel({
    input: z.object({ lineId: Id }).strict(),
    output: SaleView,
    access: 'operator',
    summary: 'Anula uma linha da venda',
  }),
  'sales/set-discount': channel({
    input: z.object({ pct: Percent, approval }).strict(),
    output: SaleView,
    access: 'operator',
    summary: 'Desconto global da venda (%)',
  }),
  'sales/set-customer': channel({
    input: z.object({ customer: CustomerInput.nullable() }).strict(),
    output: SaleView,
    access: 'operator',
    summary: 'Cliente da venda (NIF validado) ou Consumidor final',
  }),
  'sales/find-customer': channel({
    input: z
      .object({ query: z.string().min(1).max(100), limit: z.number().int().min(1).max(50).default(10) })
      .strict(),
    output: z.array(CustomerHit),
    access: 'operator',
    summary: 'Procura clientes por NIF ou nome',
  }),
  'sales/set-order-reference': channel({
    input: z.object({ orderReference: OrderReference }).strict(),
    output: SaleView,
    access: 'operator',
    summary: 'N.º Encomenda do cliente nesta venda (vazio = nenhum)',
  }),
  'sales/set-document-type': channel({
    input: z.object({ type: SaleDocType.nullable() }).strict(),
    output: SaleView,
    access: 'operator',
    summary: 'Escolhe o tipo de documento (null = automático)',
  }),
  'sales/suspend': channel({
    input: z.object({ label: z.string().max(60).optional() }).strict(),
    output: SaleSummary,
    access: 'operator',
    summary: 'Suspende a venda em curso',
  }),
  'sales/list-suspended': channel({
    input: Empty,
    output: z.array(SaleSummary),
    access: 'operator',
    summary: 'Vendas suspensas',
  }),
  'sales/recall': channel({
    input: z.object({ saleId: Id }).strict(),
    output: SaleView,
    access: 'operator',
    summary: 'Retoma uma venda suspensa',
  }),
  'sales/abandon': channel({
    input: z.object({ reason: z.string().max(100).optional() }).strict(),
    output: Ok,
    access: 'operator',
    summary: 'Abandona a venda em curso (sem pagamentos)',
  }),
  'sales/payment-methods': channel({
    input: Empty,
    output: z.array(PaymentMethodView),
    access: 'operator',
    summary: 'Meios de pagamento e se estão disponíveis agora',
  }),
  'sales/pay-start': channel({
    input: z
      .object({
        method: PaymentMethodId,
        /** Amount to charge with this method; default = what is still due. */
        amount: PositiveMoney.optional(),
        /** cash-manual: the cash handed over (change = tendered − amount). */
        tendered: PositiveMoney.optional(),
        /** mbway (issue 11): the customer's phone, PT "912 345 678" or foreign "+34 …" (shared/payments/mbway-phone). */
        phone: MbwayPhoneInput.optional(),
      })
      .strict(),
    output: PayResult,
    access: 'operator',
    summary: 'Inicia um pagamento (pode ser parcial: pagamento dividido)',
  }),
  'sales/pay-confirm': channel({
    input: z.object({ paymentId: Id, approvedAmount: PositiveMoney }).strict(),
    output: PayResult,
    access: 'operator',
    summary: 'Confirma o valor aprovado no terminal de pagamento (cartão)',
  }),
  'sales/pay-cancel': channel({
    input: z.object({ paymentId: Id }).strict(),
    output: PayResult,
    access: 'operator',
    summary:
      'Cancela um pagamento (o CI-5 devolve o dinheiro inserido); um pagamento parcial já feito é devolvido',
  }),
  /** A sale of 0,00 € (100 % discount): issues its document with no payment (or the cashier abandons it). */
  'sales/complete-zero': channel({
    input: Empty,
    output: PayResult,
    access: 'operator',
    summary: 'Conclui uma venda de 0,00 € (emite o documento sem pagamento)',
  }),
  /**
   * Issue 11 (paypay-office): issues the sale as an FT to be paid later (no payment now; an RG settles it). With
   * `withReference` (only when PayPay is configured) the FT's own transaction also requests its Multibanco
   * reference (outbox): the FT is issued even if PayPay is unreachable, and the reference follows.
   */
  'sales/issue-invoice': channel({
    input: z
      .object({
        withReference: z.boolean().default(false),
        confirmClockBehind: z.boolean().default(false),
      })
      .strict(),
    output: PayResult.extend({
      /** The reference as known now: null without one; `pending` while PayPay has not answered yet. */
      reference: z
        .object({
          entity: z.string().nullable(),
          reference: z.string().nullable(),
          amount: DecimalString,
          validUntil: z.string().nullable(),
          pending: z.boolean(),
          /** pt-PT: why it is still pending (PayPay unreachable…). */
          message: z.string().nullable(),
        })
        .nullable(),
    }),
    access: 'operator',
    summary: 'Emite a venda como fatura a pagar mais tarde (FT), com ou sem referência Multibanco',
  }),
  'sales/retry-issue': channel({
    input: z
      .object({
        saleId: Id,
        /** The operator confirmed the clock although it is behind the last document (fiscal CONFIRMATION_REQUIRED). */
        confirmClockBehind: z.boolean().default(false),
      })
      .strict(),
    output: PayResult,
    access: 'operator',
    summary: 'Volta a emitir o documento de uma venda paga',
  }),
  // issue 11 (paypay-counter)
  'sales/payment-reviews': channel({
    input: Empty,
    output: z.array(PaymentReview),
    access: 'manager',
    summary: 'Pagamentos por decidir (ex.: MB WAY confirmado depois de o operador desistir)',
  }),
  'sales/payment-review-resolve': channel({
    input: z.strictObject({ paymentId: Id, action: ReviewAction, note: z.string().max(300).optional() }),
    output: ReviewResolveResult,
    access: 'manager',
    summary: 'Decidir um pagamento por rever: devolver ao cliente ou concluir a venda',
  }),
  'sales/find-document': channel({
    input: z.object({ query: z.string().min(1).max(2000) }).strict(),
    output: FoundDocument,
    access: 'operator',
    summary: 'Procura um documento pelo número ou pelo QR/código do talão',
  }),
  'sales/reprint': channel({
    input: z.object({ documentId: Id }).strict(),
    output: z.object({ queued: z.boolean(), message: z.string().nullable() }),
    access: 'operator',
    summary: 'Reimprime um documento (2.ª via)',
  }),
  'sales/return': channel({
    input: z
      .object({
        documentId: Id,
        lines: z
          .array(z.object({ lineId: Id, quantity: Quantity }).strict())
          .min(1)
          .max(500),
        reason: z.string().min(3).max(50),
        refundMethod: PaymentMethodId,
        approval,
      })
      .strict(),
    output: ReturnResult,
    access: 'operator',
    summary: 'Devolução: emite nota de crédito e reembolsa',
  }),
  'sales/cancel-document': channel({
    input: z.object({ documentId: Id, reason: z.string().min(3).max(50), approval }).strict(),
    output: FiscalDocumentView,
    access: 'operator',
    summary: 'Anula um documento (quando as regras o permitem)',
  }),
};

export const PaymentProgress = z.object({
  saleId: Id,
  paymentId: Id,
  method: PaymentMethodId,
  phase: z.enum([
    'started',
    'progress',
    'awaiting-confirmation',
    'unknown',
    'settled',
    'failed',
    'cancelled',
  ]),
  due: DecimalString,
  /** Inserted so far ("inserido"), still missing ("falta"), change to give ("troco"). */
  inserted: DecimalString,
  missing: DecimalString,
  change: DecimalString,
  /** pt-PT line for the customer display / cashier ("Retire o troco", "Falta 2,50 €"). */
  message: z.string(),
  /** Issue 11 (MB WAY, PayPay terminal): when the customer's window to confirm ends (the screen counts down). */
  expiresAt: IsoDateTime.optional(),
});
export type PaymentProgress = z.infer<typeof PaymentProgress>;

export const salesEvents = {
  'sales/payment-progress': PaymentProgress,
  'sales/completed': CompletedSale,
  'sales/changed': z.object({ saleId: Id, status: SaleStatus }),
  'sales/issue-failed': z.object({ saleId: Id, message: z.string() }),
  'shifts/changed': z.object({ shiftId: Id, status: z.enum(['open', 'closed']) }),
};
