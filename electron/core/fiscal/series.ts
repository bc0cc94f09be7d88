import { PosError } from '../../../shared/errors';
import { checkSeriesValidationCode, trainingSeriesCode } from '../../../shared/fiscal/atcud';
import type { DocType } from '../../../shared/fiscal/doc-types';
import type { SeriesView } from '../../../shared/api/fiscal';
import type { Db } from '../db/open';
import type { Clock } from '../util/clock';

export interface SeriesRow {
  id: number;
  terminal_id: string;
  doc_type: string;
  code: string;
  series_type: 'N' | 'F';
  validation_code: string | null;
  status: 'A' | 'F';
}

/**
 * Series per document type and terminal (fiscal-pt.md §3, §7.1): type N normal or F training (formação).
 * The series id may not contain spaces or "/" (InvoiceNo pattern `[^ ]+ [^/^ ]+/[0-9]+`).
 */
export function defaultSeriesCode(terminalId: string, training: boolean): string {
  const base = terminalId.replace(/[^A-Za-z0-9_-]/g, '').toUpperCase() || 'T1';
  return training ? `${base}F` : base;
}

export interface SeriesManager {
  /** The active series for a type on this terminal; created on first use (training gets a placeholder ATCUD code). */
  activeFor(docType: DocType): SeriesRow;
  list(): SeriesView[];
  /** The AT code of a series; it can be corrected until the series has a document, never after. */
  setValidationCode(id: number, code: string): SeriesView;
  /**
   * Opens a new series (e.g. a new year, or after closing one). `type` defaults to this terminal's mode; a training
   * terminal may also open real (N) series, to enter their AT codes before the switch to production.
   */
  open(docType: DocType, code: string, validationCode?: string | null, type?: 'N' | 'F'): SeriesView;
  /** Closes (finalizes) a series: it stays, blocked, forever. */
  close(id: number): SeriesView;
}

export function createSeriesManager(
  db: Db,
  clock: Clock,
  terminalId: string,
  training: boolean,
): SeriesManager {
  const seriesType = training ? 'F' : 'N';
  const selActive = db.sqlite.prepare(
    `select * from fiscal_series where terminal_id = ? and doc_type = ? and series_type = ? and status = 'A' order by id desc limit 1`,
  );
  const selAny = db.sqlite.prepare(
    `select count(*) as n from fiscal_series where terminal_id = ? and doc_type = ? and series_type = ?`,
  );
  const byId = (id: number): SeriesRow => {
    const r = db.sqlite.prepare('select * from fiscal_series where id = ?').get(id) as SeriesRow | undefined;
    if (!r) throw new PosError('NOT_FOUND', 'Série inexistente.');
    return r;
  };
  const view = (r: SeriesRow): SeriesView => {
    const last = db.sqlite
      .prepare(
        'select number, doc_date from fiscal_document where series_id = ? order by number desc limit 1',
      )
      .get(r.id) as { number: number; doc_date: string } | undefined;
    return {
      id: r.id,
      docType: r.doc_type as DocType,
      code: r.code,
      seriesType: r.series_type,
      terminalId: r.terminal_id,
      validationCode: r.validation_code,
      status: r.status,
      lastNumber: last?.number ?? 0,
      lastDate: last?.doc_date ?? null,
    };
  };
  const insert = (
    docType: DocType,
    code: string,
    validationCode: string | null,
    type: 'N' | 'F' = seriesType,
  ): SeriesRow => {
    if (!/^[A-Za-z0-9_.-]{1,35}$/.test(code)) {
      throw new PosError(
        'VALIDATION',
        'O identificador da série só pode ter letras, algarismos, "-", "_" ou "." (até 35).',
      );
    }
    const vc = type === 'F' ? trainingSeriesCode(`${docType} ${code}`) : validationCode;
    if (vc !== null) {
      const chk = checkSeriesValidationCode(vc);
      if (!chk.ok) throw new PosError('VALIDATION', chk.message);
    }
    try {
      const r = db.sqlite
        .prepare(
          `insert into fiscal_series (terminal_id, doc_type, code, series_type, validation_code, created_at) values (?, ?, ?, ?, ?, ?)`,
        )
        .run(terminalId, docType, code, type, vc, clock.now().toISOString());
      return byId(Number(r.lastInsertRowid));
    } catch (e) {
      if (String(e).includes('UNIQUE')) {
        throw new PosError(
          'CONFLICT',
          `A série ${docType} ${code} já existe (as séries nunca se reutilizam).`,
        );
      }
      throw e;
    }
  };

  return {
    activeFor(docType) {
      const row = selActive.get(terminalId, docType, seriesType) as SeriesRow | undefined;
      if (row) {
        if (!row.validation_code) {
          throw new PosError(
            'FISCAL_RULE',
            `A série ${docType} ${row.code} ainda não tem o código de validação da AT. Comunique a série à AT e registe o código antes de emitir.`,
            { seriesId: row.id },
          );
        }
        return row;
      }
      const existing = selAny.get(terminalId, docType, seriesType) as { n: number };
      if (existing.n > 0) {
        throw new PosError(
          'FISCAL_RULE',
          `A série de ${docType} deste terminal está encerrada. O gerente tem de abrir uma nova série antes de emitir.`,
        );
      }
      if (!training) {
        const r = insert(docType, defaultSeriesCode(terminalId, false), null);
        throw new PosError(
          'FISCAL_RULE',
          `Foi criada a série ${docType} ${r.code}. Comunique-a à AT e registe o código de validação antes de emitir.`,
          { seriesId: r.id },
        );
      }
      return insert(docType, defaultSeriesCode(terminalId, true), null);
    },
    list() {
      const rows = db.sqlite
        .prepare('select * from fiscal_series where terminal_id = ? order by doc_type, id')
        .all(terminalId) as SeriesRow[];
      return rows.map(view);
    },
    setValidationCode(id, code) {
      const r = byId(id);
      const chk = checkSeriesValidationCode(code);
      if (!chk.ok) throw new PosError('VALIDATION', chk.message);
      if (r.series_type === 'F')
        throw new PosError('CONFLICT', 'As séries de formação têm um código gerado: não se comunicam à AT.');
      // ATCUD = code-number is printed on and signed into every document: once one exists the code is fixed.
      const used = db.get(
        db.k.selectFrom('fiscal_document').select('id').where('series_id', '=', id).limit(1),
      );
      if (used && r.validation_code !== code) {
        throw new PosError(
          'CONFLICT',
          'Esta série já tem documentos emitidos com o código de validação atual; o código não se altera.',
        );
      }
      db.sqlite.prepare('update fiscal_series set validation_code = ? where id = ?').run(code, id);
      return view(byId(id));
    },
    open(docType, code, validationCode, type = seriesType) {
      if (type === 'F' && !training)
        throw new PosError('FISCAL_RULE', 'Um terminal em produção não abre séries de formação.');
      return db.tx(() => {
        const active = selActive.get(terminalId, docType, type) as SeriesRow | undefined;
        if (active) {
          throw new PosError(
            'CONFLICT',
            `Já existe uma série ativa de ${docType} (${active.code}); encerre-a primeiro.`,
          );
        }
        return view(insert(docType, code, validationCode ?? null, type));
      });
    },
    close(id) {
      const r = byId(id);
      if (r.status === 'F') return view(r);
      db.sqlite
        .prepare(`update fiscal_series set status = 'F', closed_at = ? where id = ?`)
        .run(clock.now().toISOString(), id);
      return view(byId(id));
    },
  };
}
