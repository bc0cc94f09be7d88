import fs from 'node:fs';
import path from 'node:path';
import { parseCli } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

/** One row of `balcao stock --json` (field names fixed by issue 13). */
export interface StockCliRow {
  code: string;
  warehouse: string;
  quantity: string;
  avg_cost: string | null;
}

export const stockCommand: Command = {
  name: 'stock',
  summary: 'Mostrar o stock atual por artigo e armazém (quantidade e custo médio)',
  usage: `Utilização: balcao stock [--warehouse ARMAZÉM] [--json] [--data-dir PASTA]

  Lista o stock atual de cada artigo em cada armazém: código do artigo, armazém, quantidade e custo
  médio ponderado. Só lê a pasta de dados (funciona numa cópia só de leitura).

  --warehouse A     só o armazém A (código, ex.: LOJA, ou o id numérico)
  --json            escrever JSON: [{ "code", "warehouse", "quantity", "avg_cost" }]
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        warehouse: { type: 'string' },
        json: { type: 'boolean', default: false },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    const dataDir = path.resolve(values['data-dir']!);
    // Loaded on use: `balcao --help` loads none of the core.
    const [{ PosError }, { DB_FILE }, { openReadOnly }, { stockListing }, { createWarehouses }] =
      await Promise.all([
        import('../../../shared/errors'),
        import('../../core/core'),
        import('../../core/fiscal/open-readonly'),
        import('../../core/stock/queries'),
        import('../../core/stock/warehouses'),
      ]);
    if (!fs.existsSync(path.join(dataDir, DB_FILE))) {
      throw new PosError('NOT_FOUND', `A pasta ${dataDir} não tem base de dados do Balcão.`);
    }
    const db = openReadOnly(dataDir);
    try {
      let lines;
      try {
        const warehouses = createWarehouses(db, '');
        const w = values.warehouse
          ? warehouses.find(/^\d+$/.test(values.warehouse) ? Number(values.warehouse) : values.warehouse)
          : null;
        lines = stockListing(db, w ? { warehouseId: w.id } : {});
      } catch (e) {
        if (e instanceof Error && /no such (table|column)/.test(e.message)) {
          throw new PosError(
            'NOT_FOUND',
            'Esta base de dados ainda não tem stock: abra o terminal uma vez para a atualizar.',
          );
        }
        throw e;
      }
      const rows: StockCliRow[] = lines.map((l) => ({
        code: l.code,
        warehouse: l.warehouse,
        quantity: l.quantity,
        avg_cost: l.avgCost,
      }));
      if (values.json) {
        console.log(JSON.stringify(rows, null, 2));
        return 0;
      }
      if (!rows.length) {
        console.log('Sem movimentos de stock.');
        return 0;
      }
      const table = [
        ['code', 'warehouse', 'quantity', 'avg_cost', 'name'],
        ...lines.map((l) => [l.code, l.warehouse, l.quantity, l.avgCost ?? '—', l.name]),
      ];
      // A loop, not Math.max(...lengths): 150 000 arguments are past V8's limit (RangeError).
      const widths = table[0].map((h) => h.length);
      for (const r of table) for (let i = 0; i < r.length; i++) widths[i] = Math.max(widths[i], r[i].length);
      const text = table.map((r) =>
        r
          .map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
          .join('  ')
          .trimEnd(),
      );
      // Every line is printed (150 000 at 50 000 articles × 3 warehouses), a thousand per write.
      for (let i = 0; i < text.length; i += 1000) console.log(text.slice(i, i + 1000).join('\n'));
      return 0;
    } finally {
      db.close();
    }
  },
};
