import { sql } from 'kysely';
import type { Db } from '../db/open';
import { canonicalDocument, canonicalStatus, chainMac, STATUS_FIELDS, type SealRow } from './seal-canonical';
import { diagnoseDocument, diagnoseStatus } from './seal-diagnose';
import { readHead, SEAL_HEAD_FILE, type SealHead } from './seal-head';
import { readSealKey, SEAL_KEY_FILE } from './seal-key';
import { createCanonicalReader } from './seal-canonical-sql';
import { startSealScan, type PageSource, type ScanOptions } from './seal-scan';
import type { VerifyProblem } from './verify';

export interface SealVerifyResult {
  /** 'legacy': a database from before the seal (0500 never ran), and no sign that it ever had one. */
  state: 'sealed' | 'legacy';
  problems: VerifyProblem[];
}

const NO_SEAL = 'sem selo Balcão (registo acrescentado diretamente na base de dados, ou selo removido)';
const LINK = 'selo não confere: o documento anterior da série foi removido ou substituído';

/**
 * Checks Balcão's seal (seal-canonical.ts) from the data folder alone, read-only: every document's MAC over all
 * its fiscal fields, chained per series; every status change's MAC, chained; seals left without their rows;
 * and the head file (seal-head.ts), which finds a removed last document. Streams the documents (five statements
 * per page of 2000), one HMAC each: linear in the number of documents.
 */
export function verifySeals(db: Db, dataDir: string, opts: ScanOptions = {}): SealVerifyResult {
  return startSealCheck(db, dataDir, opts).finish();
}

export interface SealCheck {
  /**
   * Hand this to verify's chains (verifyFiscalChains' `pages`): they read the seal's pages, each document once
   * for both. Absent when the check is decided without the documents (no seal tables, no key).
   */
  readonly pages?: PageSource;
  finish(): SealVerifyResult;
  /** Whether the documents were scanned on a worker thread (seal-scan.ts). */
  readonly byWorker: boolean;
}

/**
 * verifySeals in two steps, so that `balcao verify` reads each document once: start before the chains, hand
 * them `pages`, finish after them. With two cores a worker thread reads the pages and computes their MACs while
 * the chains check the same pages here (seal-scan.ts); without the chains, finish() reads them itself.
 */
export function startSealCheck(db: Db, dataDir: string, opts: ScanOptions = {}): SealCheck {
  const done = (r: SealVerifyResult): SealCheck => ({ finish: () => r, byWorker: false });
  const k = db.k;
  const problems: VerifyProblem[] = [];
  const fail = (docNo: string, problem: string): void => {
    problems.push({ docNo, problem });
  };
  const hasTable = !!db.get(
    k
      .selectFrom(sql.table('sqlite_master').as('m'))
      .select(sql.lit(1).as('x'))
      .where(sql.ref('m.type'), '=', 'table')
      .where(sql.ref('m.name'), '=', 'fiscal_seal'),
  );
  const key = readSealKey(dataDir);
  if (!hasTable) {
    if (key && readHead(dataDir, key).kind !== 'missing') {
      fail('—', `as tabelas do selo foram removidas da base de dados (existe ${SEAL_HEAD_FILE}-a/-b)`);
      return done({ state: 'sealed', problems });
    }
    return done({ state: 'legacy', problems });
  }
  if (!key) {
    fail(
      '—',
      `falta a chave do selo (${SEAL_KEY_FILE}) na pasta de dados: sem ela não é possível verificar o selo dos documentos (copie a pasta de dados completa)`,
    );
    return done({ state: 'sealed', problems });
  }
  const macKey: Buffer = key;
  const head = readHead(dataDir, key);
  const series = db.all(k.selectFrom('fiscal_series').select(['id', 'doc_type', 'code']).orderBy('id'));
  const docNoOf = (seriesId: number, number: number): string => {
    const s = series.find((x) => x.id === seriesId);
    return s ? `${s.doc_type} ${s.code}/${number}` : `série ${seriesId} n.º ${number}`;
  };
  // Head-file positions to check, per series: number → expected MAC.
  const wanted = new Map<number, Map<number, string[]>>();
  const want = (seriesId: number, number: number, mac: string): void => {
    let m = wanted.get(seriesId);
    if (!m) wanted.set(seriesId, (m = new Map()));
    m.set(number, [...(m.get(number) ?? []), mac]);
  };
  if (head.kind === 'ok') {
    for (const [sid, n, mac] of head.head.series) want(sid, n, mac);
    for (const e of head.head.lost) if (e[0] === 'D') want(e[1], e[2], e[3]);
  }

  const scan = startSealScan(
    db,
    key,
    {
      seriesIds: series.map((x) => x.id),
      wanted: new Map([...wanted].map(([id, m]) => [id, new Set(m.keys())])),
    },
    opts,
  );
  return {
    pages: scan.source,
    get byWorker() {
      return scan.byWorker;
    },
    finish: () => finishSeals(),
  };

  function finishSeals(): SealVerifyResult {
    const scans = scan.finish();
    const reader = createCanonicalReader(db);
    let sealed = 0;
    for (const sc of scans) {
      const check = wanted.get(sc.seriesId);
      sealed += sc.sealed;
      for (const d of sc.odd) {
        if (d.mac === null) {
          fail(d.docNo, NO_SEAL);
          continue;
        }
        if (d.sealSeriesId !== sc.seriesId || d.sealNumber !== d.number)
          fail(d.docNo, 'o selo pertence a outra posição da série');
        if (d.macOk) continue;
        // SQLite's text did not match: the reference text decides (seal-canonical-sql.ts).
        const ref = reader.reference(sc.seriesId, d.number);
        const matches =
          !d.exact && !!ref && chainMac(macKey, 'D', d.prev, canonicalDocument(ref.content)) === d.mac;
        if (!matches) {
          const what = ref?.seal ? diagnoseDocument(ref.content, ref.seal.tags, ref.seal.shape) : [];
          if (what.length) for (const w of what) fail(d.docNo, w);
          else fail(d.docNo, LINK);
        }
      }
      const seen = new Map(sc.seen);
      for (const [n, macs] of check ?? []) {
        for (const mac of macs) {
          const at = seen.get(n);
          if (at === undefined)
            fail(
              docNoOf(sc.seriesId, n),
              n > sc.last
                ? `documento removido: o registo externo do selo mostra a série até ao n.º ${n}, a base de dados só até ao n.º ${sc.last}`
                : 'documento removido (registado no selo externo)',
            );
          else if (at !== mac)
            fail(
              docNoOf(sc.seriesId, n),
              'documento substituído: não corresponde ao registo externo do selo',
            );
        }
      }
    }

    const orphans = db.all(
      k
        .selectFrom('fiscal_seal as s')
        .leftJoin('fiscal_document as d', 'd.id', 's.document_id')
        .select(['s.series_id', 's.number'])
        .where('d.id', 'is', null)
        .orderBy('s.series_id')
        .orderBy('s.number'),
    );
    for (const o of orphans)
      fail(docNoOf(o.series_id, o.number), 'documento removido (o selo continua registado)');

    // Status changes: one chain in id order.
    const n = STATUS_FIELDS.length;
    const statuses = db.rows(
      k
        .selectFrom('fiscal_status as t')
        .leftJoin('fiscal_status_seal as s', 's.status_id', 't.id')
        .leftJoin('fiscal_document as d', 'd.id', 't.document_id')
        .select(STATUS_FIELDS.map((f) => sql.ref<unknown>(`t.${f}`).as(`t_${f}`)))
        .select(['s.mac', 's.tags', 'd.doc_no'])
        .orderBy('t.id'),
    );
    let prev = '';
    const statusMacs = new Map<number, string>();
    for (const r of statuses) {
      const row = r.slice(0, n) as SealRow;
      const mac = r[n] as string | null;
      const docNo = (r[n + 2] as string | null) ?? `documento ${String(row[1])}`;
      if (mac === null) {
        fail(docNo, 'anulação sem selo (registo acrescentado diretamente na base de dados)');
        prev = '';
        continue;
      }
      sealed++;
      statusMacs.set(row[0] as number, mac);
      if (chainMac(macKey, 'S', prev, canonicalStatus(row)) !== mac) {
        const what = diagnoseStatus(row, r[n + 1] as Buffer);
        if (what.length) for (const w of what) fail(docNo, w);
        else fail(docNo, 'selo da anulação não confere: uma anulação anterior foi removida ou substituída');
      }
      prev = mac;
    }
    const statusOrphans = db.all(
      k
        .selectFrom('fiscal_status_seal as s')
        .leftJoin('fiscal_status as t', 't.id', 's.status_id')
        .leftJoin('fiscal_document as d', 'd.id', 's.document_id')
        .select(['d.doc_no', 's.document_id'])
        .where('t.id', 'is', null)
        .orderBy('s.status_id'),
    );
    for (const o of statusOrphans)
      fail(o.doc_no ?? `documento ${o.document_id}`, 'anulação removida (o selo continua registado)');

    if (head.kind === 'ok') {
      checkStatusHead(head.head, statusMacs, fail);
      if (!head.complete)
        fail(
          '—',
          `o registo externo do selo (${SEAL_HEAD_FILE}-a/-b) está incompleto: falta ou foi reposta a versão mais recente`,
        );
    } else if (head.kind === 'invalid')
      fail('—', `o registo externo do selo (${SEAL_HEAD_FILE}-a/-b) está danificado ou foi alterado`);
    else if (sealed > 0)
      fail(
        '—',
        `falta o registo externo do selo (${SEAL_HEAD_FILE}-a/-b): não é possível provar que não foram removidos os últimos documentos (copie a pasta de dados completa)`,
      );
    return { state: 'sealed', problems };
  }
}

function checkStatusHead(
  head: SealHead,
  macs: ReadonlyMap<number, string>,
  fail: (docNo: string, problem: string) => void,
): void {
  const entries: Array<[number, string]> = [];
  if (head.status) entries.push(head.status);
  for (const e of head.lost) if (e[0] === 'S') entries.push([e[1], e[2]]);
  for (const [id, mac] of entries) {
    const at = macs.get(id);
    if (at === undefined)
      fail('—', `anulação removida: o registo externo do selo regista a anulação n.º ${id}`);
    else if (at !== mac)
      fail('—', `anulação n.º ${id} substituída: não corresponde ao registo externo do selo`);
  }
}
