import fs from 'node:fs';
import path from 'node:path';
import type { PurchaseSummary } from '../../../shared/api/purchases';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { DB_FILE } from '../../core/core';
import { openReadOnly } from '../../core/fiscal/open-readonly';
import { listPurchases } from '../../core/purchases/views';
import { parseCli } from '../args';
import { DEFAULT_DATA_DIR } from '../command';

/** "✓" or "✓ decisão por enviar" / "✗ <erro>": the history's Sucesso column. */
export function successLabel(p: PurchaseSummary): string {
  if (!p.decision) return '✓';
  if (p.decision.state === 'failed') return `✗ ${p.decision.error ?? t('purchases.decision.failed')}`;
  return `✓ ${t(`purchases.decision.${p.decision.state}`)}`;
}

function table(rows: PurchaseSummary[]): string {
  const head = ['Número', 'Tipo', 'Fornecedor', 'Data Receção', 'Estado Documento', 'Sucesso'];
  const body = rows.map((p) => [
    p.number,
    `${t(`purchases.type.${p.kind}`)} (${p.typeCode})`,
    `${p.supplier.vat} - ${p.supplier.name}`,
    p.receivedAt.slice(0, 16).replace('T', ' '),
    t(`purchases.state.${p.state}`) + (p.stateReason ? `: ${p.stateReason}` : ''),
    successLabel(p),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => [...r[i]].length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c + ' '.repeat(widths[i] - [...c].length))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}

/**
 * `balcao ilink history --imported`: the import history from the data folder (read-only). Its own module so the
 * `--sent` side (sales documents sent to iLink) lives apart; ilink.ts routes `history` here for `--imported`.
 */
export async function historyImported(argv: string[]): Promise<number> {
  const { values } = parseCli({
    args: argv,
    options: {
      imported: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
    },
  });
  const dataDir = path.resolve(values['data-dir']);
  if (!fs.existsSync(path.join(dataDir, DB_FILE))) {
    throw new PosError('NOT_FOUND', `A pasta ${dataDir} não tem base de dados do Balcão.`);
  }
  const db = openReadOnly(dataDir);
  try {
    // A data folder from before purchases existed (migration 0620 not yet run) simply has none.
    const tables = await db.k.introspection.getTables();
    const rows = tables.some((x) => x.name === 'purchase') ? listPurchases(db, { limit: 500 }) : [];
    if (values.json) console.log(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) console.log('Histórico de importação: nenhum documento de compra recebido.');
    else console.log(table(rows));
    return 0;
  } finally {
    db.close();
  }
}
