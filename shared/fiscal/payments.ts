/**
 * How the customer paid, and the SAF-T PaymentMechanism for it (fiscal-pt.md §1.3 enumeration).
 * MB WAY has no code of its own in the 2022 XSD; AT's notes give no explicit mapping [verify]. We map it
 * to OU ("outros meios") by default; the mapping is a parameter so it can change without touching documents.
 */
export const PAYMENT_METHODS = [
  'cash',
  'card',
  'mbway',
  'mb_reference',
  'transfer',
  'cheque',
  'other',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const SAFT_MECHANISMS = [
  'CC',
  'CD',
  'CH',
  'CI',
  'CO',
  'CS',
  'DE',
  'LC',
  'MB',
  'NU',
  'OU',
  'PR',
  'TB',
  'TR',
] as const;
export type SaftMechanism = (typeof SAFT_MECHANISMS)[number];

export type MechanismMap = Record<PaymentMethod, SaftMechanism>;

/**
 * Default mapping. card → CC ("cartão de crédito") because a POS terminal cannot tell credit from debit
 * reliably; CD is the alternative [verify with the shop's accountant].
 */
export const DEFAULT_MECHANISMS: MechanismMap = {
  cash: 'NU',
  card: 'CC',
  mbway: 'OU',
  mb_reference: 'MB',
  transfer: 'TB',
  cheque: 'CH',
  other: 'OU',
};

export const PAYMENT_METHOD_NAMES: Record<PaymentMethod, string> = {
  cash: 'Numerário',
  card: 'Cartão',
  mbway: 'MB WAY',
  mb_reference: 'Referência Multibanco',
  transfer: 'Transferência bancária',
  cheque: 'Cheque',
  other: 'Outro',
};
