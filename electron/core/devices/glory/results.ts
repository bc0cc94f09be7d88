import { PosError } from '../../../../shared/errors';
import { Result } from './codes';

/** Maps a non-success `@result` to a PosError with what the operator should do (glory-ci5.md §2.4, Odoo handling). */
export function resultError(op: string, result: number): PosError {
  const d = { op, result };
  switch (result) {
    case Result.OCCUPIED_BY_OTHER:
      return new PosError(
        'DEVICE_BUSY',
        'A máquina de numerário está em uso por outro posto. Termine a operação nesse posto e tente de novo.',
        d,
      );
    case Result.OCCUPATION_NOT_AVAILABLE:
    case Result.NOT_OCCUPIED:
      return new PosError(
        'DEVICE_BUSY',
        'Este posto não tem a máquina de numerário reservada. Tente de novo dentro de momentos.',
        d,
      );
    case Result.EXCLUSIVE_ERROR:
      return new PosError(
        'DEVICE_BUSY',
        'A máquina de numerário tem outra operação em curso. Termine-a ou cancele-a no ecrã da máquina.',
        d,
      );
    case Result.USER_AUTH_FAILURE:
      return new PosError(
        'DEVICE_ERROR',
        'A máquina de numerário recusou o utilizador/palavra-passe configurados. Corrija as definições do dispositivo.',
        d,
      );
    case Result.SESSION_OVER:
    case Result.SESSION_NOT_AVAILABLE:
      return new PosError(
        'DEVICE_BUSY',
        'A máquina de numerário não aceita mais sessões. Feche o programa noutros postos ou reinicie a máquina.',
        d,
      );
    case Result.INVALID_SESSION:
    case Result.SESSION_TIMEOUT:
      return new PosError(
        'DEVICE_OFFLINE',
        'A sessão com a máquina de numerário expirou. A ligação vai ser reaberta; tente de novo.',
        d,
      );
    case Result.AUTO_RECOVERY_FAILURE:
      return new PosError(
        'DEVICE_ERROR',
        'A máquina de numerário não conseguiu recuperar sozinha. Veja as instruções no ecrã da máquina.',
        d,
      );
    case Result.DUPLICATE_TRANSACTION:
      return new PosError(
        'DEVICE_ERROR',
        'A máquina recusou um número de operação repetido. Tente de novo.',
        d,
      );
    case Result.DEVICE_ERROR:
      return new PosError(
        'DEVICE_ERROR',
        'Erro de hardware na máquina de numerário. Siga as instruções no ecrã da máquina e prima Repor.',
        d,
      );
    default:
      return new PosError(
        'DEVICE_ERROR',
        `A máquina de numerário recusou a operação ${op} (código ${result}).`,
        d,
      );
  }
}
