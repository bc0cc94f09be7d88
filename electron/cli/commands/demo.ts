import { intOption, parseCli } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Emitir N documentos de formação realistas (FS, FR, FT, RG, NC, anulações, GT) com stock',
  usage: `Utilização: balcao demo --sales N [--data-dir PASTA] [--seed S]
       balcao demo --days N [--discrepancy] [--data-dir PASTA] [--seed S]

  Emite N documentos em modo formação pelo mesmo serviço que a caixa usa (nunca escreve linhas
  diretamente): faturas simplificadas, faturas-recibo, faturas com recibos, notas de crédito e
  algumas anulações, com várias taxas de IVA e um artigo isento. Antes, compras ao fornecedor de
  demonstração dão entrada de stock na loja; as vendas e devoluções movem-no; no fim, algumas guias
  de transporte (GT) levam artigos da loja para o armazém ARM e de volta (uma é anulada).

  --sales N         número de documentos (1 a 1000000)
  --days N          simular N dias de venda completos, nos N dias antes de hoje, pela caixa real:
                    turno aberto e fechado, numerário pelo simulador do CI-5 e pela gaveta, cartão,
                    entrada e saída de dinheiro; depois, balcao eod --date de cada dia sai com 0
  --discrepancy     com --days: no último dia, a contagem da gaveta fica 0,50 € abaixo e um
                    pagamento no CI-5 é interrompido por falha de energia (fica em revisão)
  --seed S          semente (mesma semente, mesma sequência; predefinição 1)
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        sales: { type: 'string' },
        days: { type: 'string' },
        discrepancy: { type: 'boolean', default: false },
        seed: { type: 'string' },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    const seed = intOption('seed', values.seed, { min: 1, max: 2 ** 31 - 1, fallback: 1 });
    if (values.days !== undefined) {
      const days = intOption('days', values.days, { min: 1, max: 60 });
      return demoDays(days, values.discrepancy, seed, values['data-dir']);
    }
    const sales = intOption('sales', values.sales, { min: 1, max: 1_000_000 });
    // Heavy modules load only once the arguments are known to be right (and never for --help).
    const [{ PosError }, { createCore }, { runDemo, prng }, { createLogger }, demoStock] = await Promise.all([
      import('../../../shared/errors'),
      import('../../core/core'),
      import('../../core/fiscal/demo'),
      import('../../core/log/logger'),
      import('../../core/stock/demo-seed'),
    ]);
    const core = await createCore({
      dataDir: values['data-dir'],
      log: createLogger('demo', () => undefined),
    });
    try {
      if (core.ctx.mode !== 'training') {
        throw new PosError('FORBIDDEN', 'A demonstração só corre num terminal em modo formação.');
      }
      const op = core.ctx.db.sqlite
        .prepare(`select id from operator where active = 1 order by id limit 1`)
        .get() as { id: number } | undefined;
      const operatorId = op?.id ?? null;
      // Issue 13: stock first (the demo supplier's invoices), then the sales move it, then a few GT transfers.
      const deps = {
        db: core.ctx.db,
        clock: core.ctx.clock,
        terminalId: core.ctx.terminalId,
        stock: core.stock,
      };
      const bought = demoStock.seedDemoPurchases(
        { ...deps, purchases: core.purchases },
        prng(seed + 1),
        operatorId,
      );
      const r = runDemo(core.ctx.db, core.fiscal, { sales, seed, operatorId });
      const moved = demoStock.issueDemoTransfers(
        {
          ...deps,
          guides: core.guides,
          cancel: (id, reason, by) => void core.fiscal.cancel(id, reason, by),
        },
        prng(seed + 2),
        operatorId,
      );
      const parts = Object.entries(r.byType).map(([k, v]) => `${v} ${k}`);
      console.log(
        `${r.issued} documentos de formação emitidos (${parts.join(', ')}); ${r.cancelled} anulados.`,
      );
      console.log(
        `Stock: ${bought.purchases} compras ao fornecedor de demonstração (${bought.lines} linhas); ${moved.guides} guias de transporte entre armazéns (${moved.cancelled} anulada).`,
      );
      return 0;
    } finally {
      await core.stop('demo');
    }
  },
};

/** `--days N`: full trading days through the real checkout (electron/core/reports/eod/demo-days.ts). */
async function demoDays(days: number, discrepancy: boolean, seed: number, dataDir: string): Promise<number> {
  const [{ PosError }, { createCore }, { createLogger }, { movableClock, runDemoDays }] = await Promise.all([
    import('../../../shared/errors'),
    import('../../core/core'),
    import('../../core/log/logger'),
    import('../../core/reports/eod/demo-days'),
  ]);
  const clock = movableClock();
  const core = await createCore({
    dataDir,
    clock,
    log: createLogger('demo', () => undefined),
    // The in-process CI-5 simulator; the "customer" takes the change at once.
    cash: { settings: { kind: 'simulator', heartbeatMs: 200, autoTakeMs: 20, cancelOnShortChange: true } },
  });
  try {
    if (core.ctx.mode !== 'training')
      throw new PosError('FORBIDDEN', 'A demonstração só corre num terminal em modo formação.');
    const r = await runDemoDays(core, clock, {
      days,
      discrepancy,
      seed,
      log: (m) => console.log(m),
    });
    console.log(`${r.days.length} dia(s) simulados: ${r.days[0].day} a ${r.days[r.days.length - 1].day}.`);
    return 0;
  } finally {
    await core.stop('demo');
  }
}
