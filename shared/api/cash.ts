import { z } from 'zod';
import { MoneyString } from '../money';
import { channel } from './define';
import { Empty, Ok } from './common';
import { Money, PieceValue, PositiveMoney } from './amounts';

/**
 * Cash machine (Glory CI-5 recycler, its simulator, or a manual drawer). UPOS-CashChanger-shaped
 * (glory-ci5.md §3, §5): one blocking `cash/sale` per cash payment, live progress as events.
 * Money is decimal strings in euros here; integer cents only on the machine wire.
 */

// ------------------------------------------------------------ device settings (setting key `cash.device`)

export const CASH_DEVICE_SETTING = 'cash.device';

export const GloryDeviceSettings = z.object({
  kind: z.literal('glory'),
  /** e.g. http://192.168.0.25/axis2/services/BrueBoxService (https on firmware with TLS, glory-ci5.md §1.2). */
  soapUrl: z.url(),
  /** This terminal's LAN address the machine connects back to with events (never 127.0.0.1 on real hardware). */
  eventHost: z.string().min(1),
  eventPort: z.number().int().min(0).max(65535).default(55561),
  tls: z
    .object({
      /** false accepts the machine's self-signed certificate. */
      rejectUnauthorized: z.boolean().default(true),
      /** PEM of the machine certificate (preferred over switching verification off). */
      ca: z.string().optional(),
    })
    .default({ rejectUnauthorized: true }),
  user: z.string().default(''),
  password: z.string().default(''),
  deviceName: z.string().default('Balcao'),
  /** Must match the machine's "SOAP IF Setting" (Session mode / Occupy mode). */
  sessionMode: z.boolean().default(true),
  occupyMode: z.boolean().default(true),
  /** [ASSUMPTION] the FCC heartbeat interval is not public. */
  heartbeatTimeoutMs: z.number().int().min(1000).default(30_000),
  /** [ASSUMPTION] whether request attributes are namespace-qualified. */
  qualifiedAttributes: z.boolean().default(true),
  /** Ask the machine to stop and wait for cancel when change is short (Option type=1). */
  cancelOnShortChange: z.boolean().default(true),
});

export const SimulatorDeviceSettings = z.object({
  kind: z.literal('simulator'),
  heartbeatMs: z.number().int().min(50).default(5000),
  /** The simulated customer takes change/returned cash after this delay; null waits for `cash/sim-take`. */
  autoTakeMs: z.number().int().min(0).nullable().default(2000),
  cancelOnShortChange: z.boolean().default(true),
});

export const ManualDeviceSettings = z.object({ kind: z.literal('none') });

export const CashDeviceSettings = z.discriminatedUnion('kind', [
  GloryDeviceSettings,
  SimulatorDeviceSettings,
  ManualDeviceSettings,
]);
export type CashDeviceSettings = z.infer<typeof CashDeviceSettings>;

// ------------------------------------------------------------ shapes

export const CashPhase = z.enum(['offline', 'connecting', 'ready', 'busy', 'occupied', 'error', 'manual']);

export const CashStatus = z.object({
  kind: z.enum(['glory', 'simulator', 'none']),
  phase: CashPhase,
  /** Glory machine state code (glory-ci5.md §2.3), -1 when unknown. */
  machineCode: z.number().int(),
  message: z.string().optional(),
  /** Journal entries a manager must look at (interrupted operations, count differences). */
  pendingReview: z.number().int(),
});
export type CashStatus = z.infer<typeof CashStatus>;

export const CashPiece = z.object({
  value: MoneyString,
  kind: z.enum(['note', 'coin']),
  count: z.number().int().min(0),
});
export type CashPiece = z.infer<typeof CashPiece>;

export const CashOutcome = z.enum([
  'success',
  /** Cancelled by the operator: inserted cash returned. */
  'cancelled',
  /** Cancelled because the machine could not give change (Option type=1 mode). */
  'cancelled_change_short',
  /** Sale done but not all change paid: `changeOwed` must be paid by hand. */
  'change_short',
  /** Machine error/reset during the operation: see cashIn/cashOut for what moved. */
  'failed',
  /** Link lost during the operation; result rebuilt from the machine's count (needs manager review). */
  'reconciled',
  /** Manual drawer. */
  'manual',
]);
export type CashOutcome = z.infer<typeof CashOutcome>;

export const CashResult = z.object({
  journalId: z.number().int(),
  outcome: CashOutcome,
  requested: MoneyString,
  /** Cash taken in (for a sale: what the customer inserted and kept in the machine). */
  received: MoneyString,
  /** Cash paid out (change, returned cash, pay-out). */
  paidOut: MoneyString,
  /** For a sale: change still owed to the customer (change_short). */
  changeOwed: MoneyString,
  /** For a sale: true when the amount due is covered (received − change ≥ due). */
  paid: z.boolean(),
  cashIn: z.array(CashPiece),
  cashOut: z.array(CashPiece),
  /** pt-PT line for the operator. */
  message: z.string(),
});
export type CashResult = z.infer<typeof CashResult>;

export const JournalEntry = z.object({
  id: z.number().int(),
  seqNo: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'done', 'failed', 'reconciled']),
  outcome: z.string().nullable(),
  requested: MoneyString,
  received: MoneyString,
  paidOut: MoneyString,
  cashIn: z.array(CashPiece),
  cashOut: z.array(CashPiece),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  needsReview: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Issue 9 A.3: the interrupted sale payment this entry holds, when a manager must decide its outcome. */
  resolution: z
    .lazy(() => ReviewResolution)
    .nullable()
    .optional(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

// ---- issue 9 A.3 (part A): the manager's two legal outcomes for cash kept by an interrupted sale payment
/** return: the machine dispenses exactly what it kept; complete: what it kept counts as paid towards the sale. */
export const ReviewAction = z.enum(['return', 'complete']);
export type ReviewAction = z.infer<typeof ReviewAction>;
export const ReviewResolution = z.object({
  saleId: z.number().int().positive(),
  paymentId: z.number().int().positive(),
  /** Cash the machine kept from this payment (in − out). */
  kept: MoneyString,
  /** What the payment was for. */
  due: MoneyString,
  actions: z.array(ReviewAction),
});
export type ReviewResolution = z.infer<typeof ReviewResolution>;
export const ReviewResolveResult = z.object({
  action: ReviewAction,
  saleId: z.number().int().positive(),
  /** complete: the document was issued (the kept cash paid the whole sale). */
  completed: z.boolean(),
  /** What is still to pay on the sale (complete with less than due: the cashier takes the rest). */
  remaining: MoneyString,
  message: z.string(),
});
export type ReviewResolveResult = z.infer<typeof ReviewResolveResult>;
// ---- end issue 9 A.3

export const InventoryView = z.object({
  pieces: z.array(
    CashPiece.extend({
      level: z.enum(['EMPTY', 'NEAR_EMPTY', 'EXIST', 'NEAR_FULL', 'FULL', 'MISSING', 'NA']),
    }),
  ),
  total: MoneyString,
  /** What the journal says should be in the recyclers. */
  expectedTotal: MoneyString,
  agrees: z.boolean(),
});

const PieceInput = z.object({ value: PieceValue, count: z.number().int().positive().max(1000) }).strict();

// ------------------------------------------------------------ channels

export const cashContract = {
  'cash/status': channel({
    input: Empty,
    output: CashStatus,
    access: 'operator',
    summary: 'Estado da máquina de numerário',
  }),
  'cash/sale': channel({
    input: z
      .object({
        amountDue: PositiveMoney,
        /** Sale document reference, for the journal. */
        reference: z.string().max(60).optional(),
        cancelOnShortChange: z.boolean().optional(),
        /** Manual drawer only: what the customer handed over. */
        tendered: Money.optional(),
      })
      .strict(),
    output: CashResult,
    access: 'operator',
    summary: 'Pagamento em numerário com troco (bloqueia até o cliente terminar)',
  }),
  'cash/cancel-sale': channel({
    input: Empty,
    output: Ok,
    access: 'operator',
    summary: 'Cancelar o pagamento em numerário em curso (o dinheiro é devolvido)',
  }),
  'cash/deposit-start': channel({
    input: z.object({ purpose: z.enum(['float', 'deposit']) }).strict(),
    output: z.object({ journalId: z.number().int() }),
    access: 'operator',
    summary: 'Iniciar depósito sem venda (fundo de caixa ou entrada)',
  }),
  'cash/deposit-end': channel({
    input: z.object({ cancel: z.boolean().default(false) }).strict(),
    output: CashResult,
    access: 'operator',
    summary: 'Terminar (ou cancelar e devolver) o depósito em curso',
  }),
  'cash/replenish-start': channel({
    input: Empty,
    output: z.object({ journalId: z.number().int() }),
    access: 'manager',
    summary: 'Iniciar carregamento de trocos pela entrada',
  }),
  'cash/replenish-end': channel({
    input: z.object({ cancel: z.boolean().default(false) }).strict(),
    output: CashResult,
    access: 'manager',
    summary: 'Terminar o carregamento de trocos',
  }),
  'cash/payout': channel({
    input: z.object({ amount: PositiveMoney, reason: z.string().min(3).max(200) }).strict(),
    output: CashResult,
    access: 'manager',
    summary: 'Pagamento/reembolso em numerário (a máquina escolhe as moedas e notas)',
  }),
  'cash/cashout': channel({
    input: z.object({ pieces: z.array(PieceInput).min(1), reason: z.string().min(3).max(200) }).strict(),
    output: CashResult,
    access: 'manager',
    summary: 'Saída de numerário por denominações',
  }),
  'cash/collect': channel({
    input: z
      .object({
        to: z.enum(['exit', 'cassette']).default('exit'),
        pieces: z.array(PieceInput).default([]),
      })
      .strict(),
    output: CashResult,
    access: 'manager',
    summary: 'Recolha de numerário (tudo, se não indicar denominações)',
  }),
  'cash/inventory': channel({
    input: Empty,
    output: InventoryView,
    access: 'operator',
    summary: 'Conteúdo da máquina e comparação com o diário de caixa',
  }),
  'cash/reset': channel({
    input: Empty,
    output: CashStatus,
    access: 'operator',
    summary: 'Repor a máquina depois de resolver um erro (encravamento, porta)',
  }),
  'cash/exit-cover': channel({
    input: z.object({ open: z.boolean() }).strict(),
    output: Ok,
    access: 'operator',
    summary: 'Abrir/fechar a tampa da saída (notas suspeitas)',
  }),
  'cash/unit-lock': channel({
    input: z.object({ unit: z.number().int().min(0), lock: z.boolean() }).strict(),
    output: Ok,
    access: 'manager',
    summary: 'Trancar/destrancar uma unidade (retirar a cassete)',
  }),
  'cash/journal': channel({
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.array(JournalEntry),
    access: 'manager',
    summary: 'Diário de caixa da máquina',
  }),
  'cash/review-list': channel({
    input: Empty,
    output: z.array(JournalEntry),
    access: 'manager',
    summary: 'Operações interrompidas ou diferenças de contagem por rever',
  }),
  'cash/review-acknowledge': channel({
    input: z.object({ id: z.number().int().positive(), note: z.string().max(300).optional() }).strict(),
    output: Ok,
    access: 'manager',
    summary: 'Marcar uma operação reconciliada como revista',
  }),
  // issue 9 A.3 (part A)
  'cash/review-resolve': channel({
    input: z.strictObject({
      id: z.number().int().positive(),
      action: ReviewAction,
      note: z.string().max(300).optional(),
    }),
    output: ReviewResolveResult,
    access: 'manager',
    summary: 'Decidir um pagamento interrompido: devolver o dinheiro pela máquina ou concluir a venda',
  }),
  // Training only: the back-office panel plays the customer at the in-process simulator.
  'cash/sim-insert': channel({
    input: z.object({ pieces: z.array(PieceInput).min(1) }).strict(),
    output: z.object({ accepted: z.array(CashPiece), rejected: z.array(CashPiece) }),
    access: 'operator',
    summary: 'Formação: inserir notas/moedas no simulador',
  }),
  'cash/sim-take': channel({
    input: Empty,
    output: z.object({ taken: z.boolean() }),
    access: 'operator',
    summary: 'Formação: retirar o dinheiro da saída do simulador',
  }),
  'cash/sim-fault': channel({
    input: z
      .object({
        kind: z.enum(['jam', 'door', 'power', 'network', 'heartbeat']),
        unit: z.enum(['notes', 'coins']).default('notes'),
      })
      .strict(),
    output: Ok,
    access: 'manager',
    summary: 'Formação: simular uma avaria (gerente)',
  }),
  'cash/sim-clear': channel({
    input: Empty,
    output: Ok,
    access: 'manager',
    summary: 'Formação: resolver as avarias simuladas (gerente)',
  }),
};

// ------------------------------------------------------------ events

const Op = z.enum(['sale', 'payout', 'float', 'deposit', 'replenish', 'collect', 'cashout']);
export const cashEvents = {
  /** Customer inserted cash: running total for the operation in progress. */
  'cash/amount-inserted': z.object({
    journalId: z.number().int(),
    operation: Op,
    inserted: MoneyString,
    requested: MoneyString,
    remaining: MoneyString,
  }),
  /** The machine is paying out this amount (change or pay-out). */
  'cash/amount-to-dispense': z.object({ journalId: z.number().int(), operation: Op, amount: MoneyString }),
  /** Cash waits at the exit: tell the customer "Retire o troco". */
  'cash/take-cash': z.object({ journalId: z.number().int().nullable(), message: z.string() }),
  /** The machine cannot give the change; with cancel-on-short-change the checkout must cancel (cash/cancel-sale). */
  'cash/change-shortage': z.object({ journalId: z.number().int(), message: z.string() }),
  /** Device problem with the pt-PT instruction for the operator. */
  'cash/error': z.object({
    kind: z.enum(['jam', 'door', 'cassette', 'power', 'offline', 'occupied', 'session', 'other']),
    message: z.string(),
    unit: z.enum(['notes', 'coins']).optional(),
  }),
  /** Interrupted operations were reconciled from the machine's count at start-up/reconnection. */
  'cash/review-needed': z.object({ count: z.number().int(), message: z.string() }),
};
