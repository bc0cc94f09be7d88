import { z } from 'zod';
import { ShiftReport } from '../../../shared/api/sales';
import type { Db } from '../db/open';

/**
 * What the printer needs for an X/Z shift report (non-fiscal): the report as the sales core saved it, plus
 * the shop header. Snapshotted into the print job, so a queued Z prints the same figures whenever the
 * printer comes back.
 */
export const PrintableShiftReport = z.object({
  report: ShiftReport,
  issuer: z.object({ name: z.string(), nif: z.string(), address: z.array(z.string()).default([]) }),
  /** A reprint of a report that was printed before. */
  copy: z.boolean().default(false),
});
export type PrintableShiftReport = z.infer<typeof PrintableShiftReport>;

/** Job label in the queue and on screen: "Relatório Z n.º 3" / "Relatório X (turno 12)". */
export const reportLabel = (r: ShiftReport): string =>
  r.kind === 'Z' && r.zNumber !== null
    ? `Relatório Z n.º ${r.zNumber}`
    : `Relatório ${r.kind} (turno ${r.shiftId})`;

/** The shop header from the company row (foundation table), as printed on every report. */
export function issuerFromCompany(db: Db): PrintableShiftReport['issuer'] {
  const c = db.get(
    db.k.selectFrom('company').select(['name', 'nif', 'address', 'postal_code', 'city']).where('id', '=', 1),
  );
  if (!c) return { name: 'Balcão', nif: '', address: [] };
  const address = [c.address, `${c.postal_code} ${c.city}`.trim()].filter(
    (s) => s && s.toLowerCase() !== 'desconhecido',
  );
  return { name: c.name, nif: c.nif, address };
}
