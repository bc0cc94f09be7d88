import type { z } from 'zod';
import type { ImportReport } from '../../../../shared/api/catalog-admin';
import { CustomerInput } from '../../../../shared/api/customers';
import { csvBoolean } from '../../../../shared/catalog-csv';
import { CsvSyntaxError, parseCsv, writeCsv, type CsvRecord } from '../../../../shared/csv';
import {
  CUSTOMER_CSV_HEADER,
  customerCsvColumnOf,
  customerCsvRow,
  inputOfCustomer,
} from '../../../../shared/customers-csv';
import { PosError } from '../../../../shared/errors';
import type { CoreContext } from '../../context';
import type { Actor, CustomerService, SaveOutcome } from './service';

export interface ImportOptions {
  skipInvalid: boolean;
  dryRun: boolean;
}

/** Thrown inside the import's transaction to undo it (a rejected file, a dry run). */
class Rollback extends Error {}

type Row = Record<string, string>;

const COLUMN_OF_FIELD: Record<string, string> = {
  code: 'codigo',
  nif: 'nif',
  name: 'nome',
  address: 'morada',
  postalCode: 'codigo_postal',
  city: 'localidade',
  country: 'pais',
  email: 'email',
  phone: 'telefone',
  paymentTermsDays: 'prazo_pagamento',
  einvoice: 'fatura_eletronica',
  active: 'ativo',
};

/** "nif: …; codigo_postal: …" from the schema's issues (pt-PT messages). */
const csvIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 3)
    .map((i) => `${COLUMN_OF_FIELD[String(i.path[0])] ?? String(i.path[0] ?? '')}: ${i.message}`)
    .join('; ');

/**
 * Imports customers from CSV text, as the articles import does (electron/core/catalog/csv-io.ts): the same CSV
 * reader, every row checked by the form's schema and saved by the same service as the screen, one transaction
 * with a savepoint per row; all or nothing unless `skipInvalid`. A row names an existing customer by its NIF
 * (a real one), else by its code, and updates it in place in the columns the file has; a frozen customer's
 * identity cannot change (the row is refused with the rule's reason).
 */
export function importCustomersCsv(
  ctx: CoreContext,
  customers: CustomerService,
  actor: Actor,
  text: string,
  opts: ImportOptions,
): ImportReport {
  const empty = { rows: 0, created: 0, updated: 0, unchanged: 0, applied: false };
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ...empty, rejected: [{ line: e.line, reason: e.message }] };
    throw e;
  }
  const header = records.shift();
  if (!header) return { ...empty, rejected: [{ line: 1, reason: 'ficheiro vazio (falta o cabeçalho)' }] };
  const columns: string[] = [];
  const problems: string[] = [];
  for (const h of header.fields) {
    const c = customerCsvColumnOf(h);
    if (!c) {
      if (h.trim() === '') columns.push('');
      else problems.push(`coluna desconhecida «${h.trim()}»`);
    } else if (columns.includes(c)) problems.push(`coluna ${c} repetida`);
    else columns.push(c);
  }
  if (!columns.includes('nif') && !columns.includes('codigo')) problems.push('falta a coluna nif ou codigo');
  if (problems.length) {
    return {
      ...empty,
      rows: records.length,
      rejected: [
        { line: header.line, reason: `${problems.join('; ')} (colunas: ${CUSTOMER_CSV_HEADER.join(', ')})` },
      ],
    };
  }

  const report: ImportReport = { ...empty, rows: records.length, rejected: [] };
  const seen = new Map<string, number>();
  const counts: Record<SaveOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
  try {
    ctx.db.tx(() => {
      for (const rec of records) {
        const reject = (reason: string): void => {
          report.rejected.push({ line: rec.line, reason });
        };
        const row = rowOf(columns, rec);
        if (typeof row === 'string') {
          reject(row);
          continue;
        }
        const built = buildInput(customers, row);
        if (typeof built === 'string') {
          reject(built);
          continue;
        }
        // The same customer twice in one file: the second row would silently undo the first.
        const key =
          built.id !== undefined
            ? `id:${built.id}`
            : built.input.nif
              ? `nif:${built.input.nif}`
              : built.input.code
                ? `code:${built.input.code}`
                : null;
        const first = key === null ? undefined : seen.get(key);
        if (first !== undefined) {
          reject(`o mesmo cliente já está na linha ${first}`);
          continue;
        }
        if (key !== null) seen.set(key, rec.line);
        const parsed = CustomerInput.safeParse(built.input);
        if (!parsed.success) {
          reject(csvIssues(parsed.error));
          continue;
        }
        try {
          // A savepoint per row: a refused row leaves nothing behind, the rows after it still run.
          const r = ctx.db.tx(() => customers.save(actor, built.id, parsed.data));
          counts[r.outcome] += 1;
        } catch (e) {
          if (!(e instanceof PosError)) throw e;
          reject(e.message);
        }
      }
      if ((report.rejected.length && !opts.skipInvalid) || opts.dryRun) throw new Rollback();
      ctx.audit('customers.csv-imported', actor.operatorId, {
        rows: report.rows,
        ...counts,
        skipped: report.rejected.length,
        via: actor.via,
      });
    });
    report.applied = true;
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return { ...report, ...counts };
}

function rowOf(columns: readonly string[], rec: CsvRecord): Row | string {
  const f = rec.fields;
  // Spreadsheets add empty trailing cells: tolerated; real extra values are not.
  if (f.length > columns.length && f.slice(columns.length).some((v) => v.trim() !== '')) {
    return `tem ${f.length} campos e o cabeçalho ${columns.length}`;
  }
  const row: Row = {};
  columns.forEach((c, i) => {
    if (c) row[c] = f[i] ?? '';
  });
  return row;
}

function buildInput(
  customers: CustomerService,
  row: Row,
): { input: CustomerInput; id: number | undefined } | string {
  const has = (c: string): boolean => Object.prototype.hasOwnProperty.call(row, c);
  const val = (c: string): string => (row[c] ?? '').trim();
  const byNif = val('nif') ? customers.idByNif(val('nif')) : undefined;
  const byCode = val('codigo') ? customers.idByCode(val('codigo')) : undefined;
  if (byNif !== undefined && byCode !== undefined && byNif !== byCode) {
    return `o NIF ${val('nif')} e o código ${val('codigo')} são de clientes diferentes`;
  }
  const id = byNif ?? byCode;
  let input: CustomerInput;
  if (id !== undefined) input = inputOfCustomer(customers.get(id).customer);
  else {
    if (!val('nome')) return 'cliente novo sem nome';
    input = { name: '' };
  }
  const text = (c: string, set: (v: string) => void): void => {
    if (has(c)) set(val(c));
  };
  text('codigo', (v) => {
    // A file's empty code keeps the customer's own (a new customer gets one generated).
    if (v) input.code = v;
  });
  text('nif', (v) => (input.nif = v));
  text('nome', (v) => {
    if (v) input.name = v;
  });
  text('morada', (v) => (input.address = v));
  text('codigo_postal', (v) => (input.postalCode = v));
  text('localidade', (v) => (input.city = v));
  text('pais', (v) => (input.country = v.toUpperCase() || 'PT'));
  text('email', (v) => (input.email = v));
  text('telefone', (v) => (input.phone = v));
  if (has('prazo_pagamento')) {
    const p = val('prazo_pagamento');
    if (p && !/^\d{1,3}$/.test(p)) return `prazo_pagamento: número de dias de 0 a 365 (não «${p}»)`;
    input.paymentTermsDays = p ? Number(p) : 0;
  }
  for (const [c, set] of [
    ['fatura_eletronica', (b: boolean) => (input.einvoice = b)],
    ['ativo', (b: boolean) => (input.active = b)],
  ] as const) {
    if (!has(c)) continue;
    const b = c === 'ativo' && val(c) === '' ? true : csvBoolean(val(c));
    if (b === null) return `${c}: use sim ou não (não «${val(c)}»)`;
    set(b);
  }
  return { input, id };
}

/** Every customer (inactive too, not the generic Consumidor final), in Portuguese order, in the import's columns. */
export function exportCustomersCsv(customers: CustomerService): { csv: string; rows: number } {
  const rows = customers.search('', Number.MAX_SAFE_INTEGER, true).map(customerCsvRow);
  return { csv: writeCsv([CUSTOMER_CSV_HEADER.slice(), ...rows]), rows: rows.length };
}
