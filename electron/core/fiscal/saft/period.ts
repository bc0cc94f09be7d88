import { PosError } from '../../../../shared/errors';

/** The Header's period fields of a SAF-T (PT) file, and what the user should know about the period. */
export interface SaftPeriod {
  fiscalYear: number;
  startDate: string;
  endDate: string;
  /** pt-PT sentences, empty when the period is one the AT expects (a month or a fiscal year). */
  warnings: string[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date (2025-02-30 is not), in the span the XSD allows (SAFPTDateSpan: 2000-01-01…9999-12-31). */
function validDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m || s < '2000-01-01') return false;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === s;
}

const lastDayOfMonth = (year: number, month: number): string =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * Header rules (Portaria 302/2016): FiscalYear is the tax year of the file, StartDate/EndDate the period
 * exported. The AT expects one file per month (monthly communication) or per fiscal year (on request), so a
 * period that crosses fiscal years has no single FiscalYear: it is exported as asked (it may serve an
 * audit), with FiscalYear the year the period starts in — as in AT's own demo file, whose FiscalYear 2017 runs
 * 2017-02-01…2018-01-31 — and a warning.
 * ASSUMPTION: the company's tax period is the calendar year (CIRC art. 8.º; Balcão has no setting for another
 * one). A period inside one year that is neither a whole month nor the whole year gets a milder warning.
 */
export function saftPeriod(from: string, to: string): SaftPeriod {
  if (!validDate(from) || !validDate(to) || from > to) {
    throw new PosError(
      'VALIDATION',
      'Indique um período válido: --from AAAA-MM-DD --to AAAA-MM-DD (datas reais, desde 2000-01-01, início ≤ fim).',
    );
  }
  const y1 = Number(from.slice(0, 4));
  const y2 = Number(to.slice(0, 4));
  const warnings: string[] = [];
  if (y2 > y1) {
    warnings.push(
      `o período ${from} a ${to} atravessa ${y2 - y1 + 1} anos fiscais (${y1} a ${y2}); a AT espera um ficheiro por mês ` +
        `ou por ano fiscal. O cabeçalho indica FiscalYear ${y1} (o ano em que o período começa). Para entregar à AT, ` +
        `exporte cada ano ou mês à parte, p. ex. --from ${y2}-01-01 --to ${y2}-12-31.`,
    );
  } else {
    const month = Number(from.slice(5, 7));
    const wholeMonth =
      from.slice(0, 7) === to.slice(0, 7) && from.endsWith('-01') && to === lastDayOfMonth(y1, month);
    const wholeYear = from === `${y1}-01-01` && to === `${y1}-12-31`;
    if (!wholeMonth && !wholeYear) {
      warnings.push(
        `o período ${from} a ${to} não é um mês nem um ano completo; a AT espera um mês (comunicação mensal, ` +
          `p. ex. --from ${from.slice(0, 7)}-01 --to ${lastDayOfMonth(y1, month)}) ou o ano fiscal ${y1}.`,
      );
    }
  }
  return { fiscalYear: y1, startDate: from, endDate: to, warnings };
}
