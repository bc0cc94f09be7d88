import { z } from 'zod';
import { channel } from './define';
import { Id, Ok, Pin } from './common';
import { moneyOf, percentOf } from './amounts';
import { Role } from './auth';

/**
 * Gestão › Operadores (issue 12 item 6): operators, their PINs and the limits above which a caixa needs a
 * manager's approval. One schema validates the form as the manager types and the core on every call.
 * A PIN is never returned by any call (only when it last changed).
 */

const NO_CONTROL = /^[^\p{Cc}]*$/u;
export const OperatorName = z
  .string()
  .transform((v) => v.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(2, 'Nome: pelo menos 2 caracteres.')
      .max(40, 'Nome: no máximo 40 caracteres.')
      .regex(NO_CONTROL, 'Nome: caracteres de controlo não são permitidos.'),
  );

export const OperatorView = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  active: z.boolean(),
  createdAt: z.string(),
  /** When the PIN last changed (null: unchanged since the operator was created). */
  pinChangedAt: z.string().nullable(),
});
export type OperatorView = z.infer<typeof OperatorView>;

/** A new operator needs a PIN; an edit never carries one (PINs change through change-pin / reset-pin). */
export const OperatorInput = z
  .object({
    name: OperatorName,
    role: Role,
    pin: Pin.optional(),
  })
  .strict();
export type OperatorInput = z.input<typeof OperatorInput>;

export const PinChange = z
  .object({ oldPin: Pin, newPin: Pin })
  .strict()
  .refine((v) => v.oldPin !== v.newPin, {
    message: 'O novo PIN tem de ser diferente do atual.',
    path: ['newPin'],
  });

/**
 * Above these a caixa needs a gerente's PIN (a gerente approves their own actions). 0 means "always": the
 * defaults are how Balcão behaved before they were settings (any price change, refund, withdrawal, drawer).
 */
export const ApprovalLimits = z
  .object({
    /** Line or global discount above this % (0–100). */
    discountPct: percentOf('O desconto máximo sem gerente'),
    /** A unit price differing from the catalogue by more than this % (0: any change). */
    priceOverridePct: percentOf('A alteração de preço sem gerente'),
    /** A return (NC) whose gross is above this (0,00: every return). */
    refundAmount: moneyOf('O valor de devolução sem gerente'),
    /** A cash withdrawal (pay-out) above this (0,00: every withdrawal). */
    payoutAmount: moneyOf('O valor de saída de dinheiro sem gerente'),
    /** Opening the drawer without a sale needs a manager. */
    drawerOpenNeedsManager: z.boolean(),
  })
  .strict();
export type ApprovalLimits = z.output<typeof ApprovalLimits>;
export type ApprovalLimitsInput = z.input<typeof ApprovalLimits>;

export const SettingChange = z.object({
  at: z.string(),
  operatorName: z.string().nullable(),
  field: z.string(),
  from: z.string(),
  to: z.string(),
});
export type SettingChange = z.infer<typeof SettingChange>;

export const operatorsContract = {
  'operators/list': channel({
    input: z.object({ includeInactive: z.boolean().default(true) }).strict(),
    output: z.array(OperatorView),
    access: 'reader',
    summary: 'Operadores (ativos e desativados), sem PINs',
  }),
  'operators/save': channel({
    input: z.object({ id: Id.optional(), operator: OperatorInput }).strict(),
    output: OperatorView,
    access: 'manager',
    summary: 'Cria ou altera um operador (nome, perfil; PIN só ao criar)',
  }),
  'operators/set-active': channel({
    input: z.object({ id: Id, active: z.boolean() }).strict(),
    output: OperatorView,
    access: 'manager',
    summary: 'Ativa ou desativa um operador (termina as sessões dele)',
  }),
  'operators/change-pin': channel({
    input: PinChange,
    output: Ok,
    access: 'session',
    summary: 'O próprio operador muda o PIN, confirmando o atual',
  }),
  'operators/reset-pin': channel({
    input: z.object({ id: Id, newPin: Pin }).strict(),
    output: Ok,
    access: 'manager',
    summary: 'O gerente define um novo PIN para um operador',
  }),
  'settings/approval-limits': channel({
    input: z.object({}).strict(),
    output: z.object({ limits: ApprovalLimits, history: z.array(SettingChange) }),
    access: 'reader',
    summary: 'Limites acima dos quais é precisa a autorização de um gerente, e as alterações',
  }),
  'settings/set-approval-limits': channel({
    input: ApprovalLimits,
    output: z.object({ limits: ApprovalLimits, history: z.array(SettingChange) }),
    access: 'manager',
    summary: 'Altera os limites de autorização (auditado: quem, quando, antes → depois)',
  }),
};
