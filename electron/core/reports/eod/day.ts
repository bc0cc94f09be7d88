import { PosError } from '../../../../shared/errors';
import { localDate } from '../../util/clock';

/**
 * The local calendar day as [from, to) instants. ASSUMPTION: the terminal's day is the local day of the process
 * (TZ of the PC), as documents' doc_date is (electron/core/util/clock.ts localDate).
 */
export function dayBounds(day: string): { from: string; to: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new PosError('VALIDATION', `Data inválida: "${day}" (use AAAA-MM-DD).`);
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (localDate(start) !== day) throw new PosError('VALIDATION', `Data inválida: "${day}".`);
  const end = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

export const today = (now: Date): string => localDate(now);

export function previousDay(day: string): string {
  const [y, mo, d] = day.split('-').map(Number);
  return localDate(new Date(y, mo - 1, d - 1));
}
