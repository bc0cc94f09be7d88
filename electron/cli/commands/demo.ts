import { parseArgs } from 'node:util';
import { PosError } from '../../../shared/errors';
import { createCore } from '../../core/core';
import { runDemo } from '../../core/fiscal/demo';
import { createLogger } from '../../core/log/logger';
import { DEFAULT_DATA_DIR, type Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Emite N documentos de formação realistas (FS, FR, FT, RG, NC, anulações)',
  usage: `Uso: balcao demo --sales N [--data-dir PASTA] [--seed S]

  Emite N documentos em modo formação pelo mesmo serviço que a caixa usa (nunca escreve linhas
  diretamente): faturas simplificadas, faturas-recibo, faturas com recibos, notas de crédito e
  algumas anulações, com várias taxas de IVA e um artigo isento.

  --sales N         número de documentos
  --seed S          semente (mesma semente, mesma sequência; predefinição 1)
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        sales: { type: 'string' },
        seed: { type: 'string', default: '1' },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    const sales = Number(values.sales);
    if (!Number.isInteger(sales) || sales < 1 || sales > 1_000_000) {
      throw new PosError('VALIDATION', 'Indique --sales com um número inteiro entre 1 e 1000000.');
    }
    const core = await createCore({
      dataDir: values['data-dir']!,
      log: createLogger('demo', () => undefined),
    });
    try {
      if (core.ctx.mode !== 'training') {
        throw new PosError('FORBIDDEN', 'A demonstração só corre num terminal em modo formação.');
      }
      const op = core.ctx.db.sqlite
        .prepare(`select id from operator where active = 1 order by id limit 1`)
        .get() as { id: number } | undefined;
      const r = runDemo(core.ctx.db, core.fiscal, {
        sales,
        seed: Number(values.seed) || 1,
        operatorId: op?.id ?? null,
      });
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
