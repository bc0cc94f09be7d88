import { ArticleInput, type ImportReport } from '../../../shared/api/catalog-admin';
import {
  ARTICLE_CSV_HEADER,
  articleCsvRow,
  csvBoolean,
  csvColumnOf,
  csvDecimal,
  inputOfArticle,
} from '../../../shared/catalog-csv';
import { CsvSyntaxError, parseCsv, writeCsv, type CsvRecord } from '../../../shared/csv';
import { PosError } from '../../../shared/errors';
import { ptKey } from '../../../shared/text/pt-collation';
import type { CoreContext } from '../context';
import type { Actor, CatalogAdmin, SaveOutcome } from './admin';
import { toArticle } from './service';
import type { z } from 'zod';

export interface ImportOptions {
  skipInvalid: boolean;
  dryRun: boolean;
}

/** Thrown inside the import's transaction to undo it (a rejected file, a dry run). */
class Rollback extends Error {}

type Row = Record<string, string>;
type Built = { ok: true; input: ArticleInput; id: number | undefined } | { ok: false; reason: string };

/**
 * Imports articles from CSV text. All or nothing by default: every row is checked (the form's schema, then the
 * same save as the screen inside one transaction, each row under its own savepoint), and one bad row undoes the
 * whole file, which the report lists as `linha N: motivo`. With `skipInvalid` the good rows stay. Rows are
 * matched by `codigo`: an existing article is updated in place, only in the columns the file has.
 */
export function importArticlesCsv(
  ctx: CoreContext,
  admin: CatalogAdmin,
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
  const headerProblems: string[] = [];
  for (const h of header.fields) {
    const c = csvColumnOf(h);
    if (!c) {
      if (h.trim() === '') columns.push('');
      else headerProblems.push(`coluna desconhecida «${h.trim()}»`);
    } else if (columns.includes(c)) headerProblems.push(`coluna ${c} repetida`);
    else columns.push(c);
  }
  if (!columns.includes('codigo')) headerProblems.push('falta a coluna codigo');
  if (headerProblems.length) {
    return {
      ...empty,
      rows: records.length,
      rejected: [
        {
          line: header.line,
          reason: `${headerProblems.join('; ')} (colunas: ${ARTICLE_CSV_HEADER.join(', ')})`,
        },
      ],
    };
  }

  const report: ImportReport = { ...empty, rows: records.length, rejected: [] };
  const seenCodes = new Map<string, number>();
  const counts: Record<SaveOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
  try {
    ctx.db.tx(() => {
      for (const rec of records) {
        const row = rowOf(columns, rec);
        if (typeof row === 'string') {
          report.rejected.push({ line: rec.line, reason: row });
          continue;
        }
        const code = row.codigo?.trim() ?? '';
        const first = seenCodes.get(code);
        if (code && first !== undefined) {
          report.rejected.push({ line: rec.line, reason: `código ${code} repetido (já na linha ${first})` });
          continue;
        }
        seenCodes.set(code, rec.line);
        const built = buildInput(admin, row);
        if (!built.ok) {
          report.rejected.push({ line: rec.line, reason: built.reason });
          continue;
        }
        const parsed = ArticleInput.safeParse(built.input);
        if (!parsed.success) {
          report.rejected.push({ line: rec.line, reason: csvIssues(parsed.error) });
          continue;
        }
        try {
          // A savepoint per row: a refused row leaves nothing behind, the rows after it still run.
          const r = ctx.db.tx(() => admin.save(actor, built.id, parsed.data));
          counts[r.outcome] += 1;
        } catch (e) {
          if (!(e instanceof PosError)) throw e;
          report.rejected.push({ line: rec.line, reason: e.message });
        }
      }
      if ((report.rejected.length && !opts.skipInvalid) || opts.dryRun) throw new Rollback();
      ctx.audit('catalog.csv-imported', actor.operatorId, {
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

/** The form's fields under their CSV names. */
const COLUMN_OF_FIELD: Record<string, string> = {
  code: 'codigo',
  name: 'descricao',
  shortName: 'nome_curto',
  family: 'familia',
  unit: 'unidade',
  price: 'preco',
  taxCode: 'iva',
  exemptionCode: 'motivo_isencao',
  productType: 'tipo',
  barcodes: 'codigos_barras',
  favourite: 'favorito',
  tillPosition: 'posicao',
  tillColour: 'cor',
  weighed: 'pesado',
  scaleCode: 'codigo_balanca',
  active: 'ativo',
};

/** "unidade: …; iva: …" from the schema's issues (messages are pt-PT, zod's through its pt locale). */
function csvIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${COLUMN_OF_FIELD[String(i.path[0])] ?? String(i.path[0] ?? '')}: ${i.message}`)
    .join('; ');
}

/** The record as column → value; a pt-PT reason when its shape is wrong. */
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

function buildInput(admin: CatalogAdmin, row: Row): Built {
  const has = (c: string): boolean => Object.prototype.hasOwnProperty.call(row, c);
  const val = (c: string): string => (row[c] ?? '').trim();
  const code = val('codigo');
  if (!code) return { ok: false, reason: 'falta o código' };
  const id = admin.idByCode(code);
  let input: ArticleInput;
  if (id !== undefined) {
    const d = admin.detail(id);
    input = inputOfArticle(
      d.article,
      d.barcodes.map((b) => b.barcode),
    );
  } else {
    const missing = [
      !val('descricao') && 'descricao',
      !val('iva') && 'iva',
      !val('preco') && !val('preco_sem_iva') && 'preco',
    ].filter(Boolean);
    if (missing.length) return { ok: false, reason: `artigo novo ${code} sem ${missing.join(', ')}` };
    input = { code, name: '', unit: 'UN', price: '0', taxCode: 'NOR' };
  }
  const bool = (c: string): boolean | string | undefined => {
    if (!has(c)) return undefined;
    const b = csvBoolean(val(c));
    return b === null ? `${c}: use sim ou não (não «${val(c)}»)` : b;
  };
  const flags: Record<string, boolean> = {};
  for (const c of ['favorito', 'pesado', 'ativo']) {
    const b = bool(c);
    if (typeof b === 'string') return { ok: false, reason: b };
    if (b !== undefined) flags[c] = b;
  }
  if (val('preco') && val('preco_sem_iva')) {
    return { ok: false, reason: 'indique preco ou preco_sem_iva, não os dois' };
  }
  if (has('descricao') && val('descricao')) input.name = val('descricao');
  if (has('nome_curto')) input.shortName = val('nome_curto') || null;
  if (has('familia')) input.family = val('familia');
  if (has('unidade')) input.unit = (val('unidade').toUpperCase() || 'UN') as ArticleInput['unit'];
  if (val('preco')) {
    input.price = csvDecimal(val('preco'));
    input.priceIncludesVat = true;
  } else if (val('preco_sem_iva')) {
    input.price = csvDecimal(val('preco_sem_iva'));
    input.priceIncludesVat = false;
  }
  if (has('iva') && val('iva')) input.taxCode = val('iva').toUpperCase() as ArticleInput['taxCode'];
  if (has('motivo_isencao') || (has('iva') && input.taxCode !== 'ISE')) {
    input.exemptionCode = val('motivo_isencao').toUpperCase() || null;
  }
  if (has('tipo')) input.productType = (val('tipo').toUpperCase() || 'P') as ArticleInput['productType'];
  if (has('codigos_barras'))
    input.barcodes = val('codigos_barras')
      .split(/[\s|]+/)
      .filter(Boolean);
  if (flags.favorito !== undefined) input.favourite = flags.favorito;
  if (has('posicao')) {
    const p = val('posicao');
    if (p && !/^\d{1,3}$/.test(p)) return { ok: false, reason: `posicao: número de 1 a 999 (não «${p}»)` };
    input.tillPosition = p ? Number(p) : null;
  }
  if (has('cor')) input.tillColour = (ptKey(val('cor')) || null) as ArticleInput['tillColour'];
  if (flags.pesado !== undefined) input.weighed = flags.pesado;
  if (has('codigo_balanca')) input.scaleCode = val('codigo_balanca') || null;
  if (flags.ativo !== undefined) input.active = flags.ativo;
  // A file without favourites' places keeps them only for favourites.
  if (!input.favourite) {
    input.tillPosition = null;
    input.tillColour = null;
  }
  return { ok: true, input, id };
}

/** Every article (inactive too), in Portuguese order, in the import's columns. */
export function exportArticlesCsv(ctx: CoreContext): { csv: string; rows: number } {
  const { db } = ctx;
  const barcodes = new Map<number, string[]>();
  for (const b of db.all(
    db.k
      .selectFrom('article_barcode')
      .select(['article_id', 'barcode'])
      .orderBy('article_id')
      .orderBy('position')
      .orderBy('barcode'),
  )) {
    const list = barcodes.get(b.article_id);
    if (list) list.push(b.barcode);
    else barcodes.set(b.article_id, [b.barcode]);
  }
  const rows = db
    .all(db.k.selectFrom('article').selectAll().orderBy('name_key').orderBy('name'))
    .map((r) => articleCsvRow(toArticle(r), barcodes.get(r.id) ?? []));
  return { csv: writeCsv([ARTICLE_CSV_HEADER.slice(), ...rows]), rows: rows.length };
}
