import { intOption, parseCli } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Emite N documentos de formação realistas (FS, FR, FT, RG, NC, anulações)',
  usage: `Utilização: balcao demo --sales N [--data-dir PASTA] [--seed S]

  Emite N documentos em modo formação pelo mesmo serviço que a caixa usa (nunca escreve linhas
  diretamente): faturas simplificadas, faturas-recibo, faturas com recibos, notas de crédito e
  algumas anulações, com várias taxas de IVA e um artigo isento.

  --sales N         número de documentos (1 a 1000000)
  --seed S          semente (mesma semente, mesma sequência; predefinição 1)
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        sales: { type: 'string' },
        seed: { type: 'string' },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    const sales = intOption('sales', values.sales, { min: 1, max: 1_000_000 });
    const seed = intOption('seed', values.seed, { min: 1, max: 2 ** 31 - 1, fallback: 1 });
    // Heavy modules load only once the arguments are known to be right (and never for --help).
    const [{ PosError }, { createCore }, { runDemo }, { createLogger }] = await Promise.all([
      import('../../../shared/errors'),
      import('../../core/core'),
      import('../../core/fiscal/demo'),
      import('../../core/log/logger'),
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
      const r = runDemo(core.ctx.db, core.fiscal, { sales, seed, operatorId: op?.id ?? null });
      const parts = Object.entries(r.byType).map(([k, v]) => `${v} ${k}`);
      console.log(
        `${r.issued} documentos de formação emitidos (${parts.join(', ')}); ${r.cancelled} anulados.`,
      );
      return 0;
    } finally {
      await core.stop('demo');
    }
  },
};
