import { machineStateLabel } from '../../../../shared/cash/labels';
import { CASHIN_END_FORBIDDEN, ERROR_CODES, MachineCode } from './codes';

/**
 * The driver's state machine, pure: what the POS knows about the link and the machine, which public phase that
 * is, and whether an operation may be sent now. Operations illegal in the current state are refused here with a
 * pt-PT reason instead of being sent (issue 4 §3; Odoo refuses payments in ERROR/COLLECTING…, glory-ci5.md §2.7).
 */

export type Link = 'stopped' | 'offline' | 'connecting' | 'online';
export type ActiveTx = 'sale' | 'cashin' | 'replenish' | 'collect' | 'cashout' | 'reset' | null;

export interface DeviceState {
  link: Link;
  heartbeatLost: boolean;
  occupiedByOther: boolean;
  machineCode: number;
  activeTx: ActiveTx;
  /** Last device error instruction (pt-PT), cleared when the machine is IDLE again. */
  lastError?: string;
  /** Money was last moving into ('in') or out of ('out') the machine; cleared at IDLE (where a jam is). */
  flow?: 'in' | 'out';
}

export type Phase = 'offline' | 'connecting' | 'ready' | 'busy' | 'occupied' | 'error';

export function phaseOf(s: DeviceState): Phase {
  if (s.link === 'stopped' || s.link === 'offline' || s.heartbeatLost) return 'offline';
  if (s.link === 'connecting') return 'connecting';
  if (s.occupiedByOther) return 'occupied';
  if (ERROR_CODES.has(s.machineCode)) return 'error';
  if (s.activeTx || s.machineCode !== MachineCode.IDLE) return 'busy';
  return 'ready';
}

export function phaseMessage(s: DeviceState): string | undefined {
  const p = phaseOf(s);
  if (s.link === 'stopped') return 'Máquina de numerário desligada do programa.';
  if (p === 'offline') {
    return s.heartbeatLost
      ? 'A máquina de numerário deixou de dar sinal de vida. Verifique o cabo de rede e a alimentação; a ligação é retomada automaticamente.'
      : 'Sem ligação à máquina de numerário. Verifique o cabo de rede e se a máquina está ligada; a ligação é retomada automaticamente.';
  }
  if (p === 'connecting') return 'A ligar à máquina de numerário…';
  if (p === 'occupied')
    return 'A máquina de numerário está em uso por outro posto. Termine a operação nesse posto.';
  if (p === 'error')
    return (
      s.lastError ??
      'A máquina de numerário está em erro. Siga as instruções no ecrã da máquina e prima Repor.'
    );
  if (p === 'busy' && !s.activeTx)
    return `Máquina de numerário ocupada (${machineStateLabel(s.machineCode)}).`;
  return undefined;
}

export type OpKind =
  | 'start-tx' // Change, payout, Cashout, StartCashin, StartReplenishment, Collect, Lock/UnlockUnit
  | 'cancel-sale'
  | 'end-cashin'
  | 'end-replenish'
  | 'reset'
  | 'query' // GetStatus, Inventory
  | 'cover';

/** Null when allowed, otherwise the pt-PT reason shown to the operator. */
export function refusal(s: DeviceState, kind: OpKind): string | null {
  if (s.link !== 'online') {
    return s.link === 'connecting'
      ? 'A máquina de numerário ainda está a ligar. Aguarde uns segundos.'
      : 'Sem ligação à máquina de numerário. Verifique o cabo de rede e se a máquina está ligada.';
  }
  if (kind === 'query' || kind === 'reset') return null;
  if (s.heartbeatLost) return phaseMessage(s) ?? null;
  if (s.occupiedByOther) return phaseMessage(s) ?? null;
  switch (kind) {
    case 'cancel-sale':
      return s.activeTx === 'sale' ? null : 'Não há nenhum pagamento em numerário em curso para cancelar.';
    case 'end-cashin':
      if (s.activeTx !== 'cashin') return 'Não há nenhum depósito em curso.';
      if (CASHIN_END_FORBIDDEN.has(s.machineCode)) {
        return 'A máquina tem dinheiro por retirar ou está em erro. Retire o dinheiro da saída/resolva o erro antes de terminar o depósito.';
      }
      return null;
    case 'end-replenish':
      return s.activeTx === 'replenish' ? null : 'Não há nenhum carregamento em curso.';
    case 'cover':
      return s.activeTx ? 'Termine primeiro a operação em curso na máquina.' : null;
    case 'start-tx':
      if (ERROR_CODES.has(s.machineCode)) return phaseMessage(s) ?? null;
      if (s.activeTx)
        return 'A máquina de numerário já tem uma operação em curso. Termine-a ou cancele-a primeiro.';
      if (s.machineCode !== MachineCode.IDLE) {
        return `A máquina de numerário não está livre (${machineStateLabel(s.machineCode)}). Aguarde que termine.`;
      }
      return null;
  }
  return null;
}
