/**
 * Glory FCC (ISP-K05x) numeric codes, as gathered in glory-ci5.md §2.3–§2.6. The IF Specification is NDA-only;
 * these lists come from public client code (Odoo pos_glory_cash constants citing the IF Spec pages) and are
 * corroborated by other public clients. Pure data, no I/O.
 */

/** `Status/Code` machine states (glory-ci5.md §2.3, "p198 StatusChangeNotification"). */
export const MachineCode = {
  INITIALIZING: 0,
  IDLE: 1,
  STARTING_PAYMENT: 2,
  WAITING_PAYMENT: 3,
  COUNTING: 4,
  DISPENSING: 5,
  WAITING_CASH_IN_REMOVE: 6,
  WAITING_CASH_OUT_REMOVE: 7,
  RESETTING: 8,
  CANCELLING: 9,
  CALCULATING_CHANGE: 10,
  DEPOSIT_CANCEL: 11,
  COLLECTING: 12,
  ERROR: 13,
  UPLOAD_FIRMWARE: 14,
  READING_LOG: 15,
  WAITING_REPLENISHMENT: 16,
  COUNTING_REPLENISHMENT: 17,
  UNLOCKING: 18,
  WAITING_INVENTORY: 19,
  FIXED_DEPOSIT: 20,
  FIXED_DISPENSE: 21,
  WAITING_DISPENSE: 22,
  WAITING_CANCEL: 23,
  CATEGORY2_NOTE: 24,
  WAITING_DEPOSIT: 25,
  WAITING_COFT_REMOVAL: 26,
  SEALING: 27,
  WAITING_ERROR_RECOVERY: 30,
  PROGRAM_BUSY: 40,
  WAITING_UPDATE: 41,
} as const;
export type MachineCode = (typeof MachineCode)[keyof typeof MachineCode];

const machineNames = new Map<number, string>(Object.entries(MachineCode).map(([k, v]) => [v, k]));
export const machineCodeName = (code: number): string => machineNames.get(code) ?? `UNKNOWN_${code}`;

/** Machine states in which the FCC needs a person (jam, door, error recovery). */
export const ERROR_CODES: ReadonlySet<number> = new Set([
  MachineCode.ERROR,
  MachineCode.WAITING_ERROR_RECOVERY,
]);

/**
 * EndCashin/CashinCancel hung the SDK simulator in these states (glory-ci5.md §2.3, 3P-DOC S4); the driver
 * refuses them there instead of sending.
 */
export const CASHIN_END_FORBIDDEN: ReadonlySet<number> = new Set([6, 13, 24, 30]);

/** `@result` codes (glory-ci5.md §2.4). */
export const Result = {
  SUCCESS: 0,
  CANCEL: 1,
  RESET: 2,
  OCCUPIED_BY_OTHER: 3,
  OCCUPATION_NOT_AVAILABLE: 4,
  NOT_OCCUPIED: 5,
  DESIGNATION_SHORTAGE: 6,
  CANCEL_CHANGE_SHORTAGE: 9,
  CHANGE_SHORTAGE: 10,
  EXCLUSIVE_ERROR: 11,
  CHANGE_INCONSISTENCY: 12,
  AUTO_RECOVERY_FAILURE: 13,
  USER_AUTH_FAILURE: 15,
  SESSION_OVER: 16,
  OCCUPIED_BY_ITSELF: 17,
  SESSION_NOT_AVAILABLE: 20,
  INVALID_SESSION: 21,
  SESSION_TIMEOUT: 22,
  EVENT_REGISTRATION_OVER: 36,
  DUPLICATE_TRANSACTION: 96,
  PARAMETER_ERROR: 98,
  PROGRAM_ERROR: 99,
  DEVICE_ERROR: 100,
} as const;

/** Inventory `Denomination/Status` (glory-ci5.md §2.5). */
export const DenomLevel = {
  0: 'EMPTY',
  1: 'NEAR_EMPTY',
  2: 'EXIST',
  3: 'NEAR_FULL',
  4: 'FULL',
  21: 'MISSING',
  22: 'NA',
} as const;
export type DenomLevelName = (typeof DenomLevel)[keyof typeof DenomLevel];
export const denomLevelName = (n: number): DenomLevelName =>
  (DenomLevel as Record<number, DenomLevelName>)[n] ?? 'NA';

/** devid 1 = note recycler (RBW), 2 = coin recycler (RCW) (glory-ci5.md §2.1). */
export type DevId = 1 | 2;
export const unitName = (devid: DevId): string => (devid === 1 ? 'módulo de notas' : 'módulo de moedas');

/**
 * Where a jam is and what to do, for the cashier (issue 15 item 6). ASSUMPTION: the place comes from the
 * operation in progress (money going in → the entrance, coming out → the exit), not from the error code: the
 * meaning of its second byte is in the NDA-only IF Spec (glory-ci5.md §2.6 lists only the families).
 */
export function jamInstruction(devid: DevId, flow?: 'in' | 'out'): string {
  const unit = unitName(devid);
  const what = devid === 1 ? 'a nota encravada' : 'as moedas encravadas';
  const it = devid === 1 ? 'a' : 'as';
  if (flow === 'in')
    return `Encravamento na entrada do ${unit}: abra a tampa da entrada, retire ${what}, feche a tampa e prima Repor (a máquina devolve o que já contou; devolva-${it} ao cliente).`;
  if (flow === 'out')
    return `Encravamento na saída do ${unit}: abra a tampa da saída, retire ${what} (é troco: entregue-${it} ao cliente), feche a tampa e prima Repor.`;
  return `Encravamento no ${unit}: abra a tampa do ${unit}, retire o dinheiro encravado, feche a tampa e prima Repor; confira o dinheiro.`;
}

/**
 * Device error families: first byte of the 4-hex-digit `ErrorCode` (glory-ci5.md §2.6, second-hand from
 * S4's summary of Glory TMB67121/TMB67114 — [verify] with the IF Spec). Each maps to a pt-PT instruction.
 */
export function deviceErrorInstruction(
  devid: DevId,
  code: number,
  flow?: 'in' | 'out',
): { hex: string; family: string; message: string } {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const fam = hex.slice(0, 2);
  const unit = unitName(devid);
  const m = (family: string, message: string) => ({ hex, family, message });
  if (hex === '4401')
    return m(
      'power',
      `Falha de energia durante uma operação no ${unit}. Verifique a alimentação e prima Repor; confira o dinheiro.`,
    );
  switch (fam) {
    case '05':
      return m('door', `Porta ou unidade aberta no ${unit}. Feche a porta/encaixe a unidade e prima Repor.`);
    case '01':
    case '02':
    case '03':
      return m('jam', jamInstruction(devid, flow));
    case '00':
      return m(
        'motor',
        `Avaria de motor no ${unit}. Prima Repor; se persistir, contacte a assistência técnica.`,
      );
    case '04':
      return m('note', `Nota com comprimento anormal no ${unit}. Retire a nota e prima Repor.`);
    case '09':
      return m('lock', `Fechadura do ${unit} com problema. Verifique a cassete e prima Repor.`);
    case '14':
      return m('suspect', `Nota suspeita retida no ${unit}. Chame o gerente.`);
  }
  if (fam.startsWith('E'))
    return m(
      'cassette',
      `Problema na cassete do ${unit} (em falta ou cheia). Verifique a cassete e prima Repor.`,
    );
  return m('other', `Erro ${hex} no ${unit}. Siga as instruções no ecrã da máquina e prima Repor.`);
}
