import path from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../../../package.json';
import { PosError } from '../../../shared/errors';
import { exportSaft } from '../../core/fiscal/saft/export';
import { DEFAULT_DATA_DIR, type Command } from '../command';
import { openReadOnly, terminalMode } from '../../core/fiscal/open-readonly';

export const saftCommand: Command = {
  name: 'saft',
  summary: 'Exporta o ficheiro SAF-T (PT) 1.04_01 de faturação de um período',
  usage: `Uso: balcao saft --from AAAA-MM-DD --to AAAA-MM-DD --out FICHEIRO [--data-dir PASTA]

  Escreve o SAF-T (PT) 1.04_01 (Windows-1252, como o XSD oficial) com clientes, artigos, taxas,
  faturas, guias e recibos do período. Num terminal em modo formação exporta os documentos de formação.

  --from, --to      período (datas dos documentos, inclusive)
  --out FICHEIRO    ficheiro de destino
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    if (!values.from || !values.to || !values.out) {
      throw new PosError('VALIDATION', 'Indique --from, --to e --out (ver balcao saft --help).');
    }
    const db = openReadOnly(values['data-dir']!);
    try {
      const r = exportSaft(db.sqlite, {
        from: values.from,
        to: values.to,
        out: path.resolve(values.out),
        training: terminalMode(db) === 'training',
        productVersion: pkg.version,
      });
      console.log(
        `SAF-T escrito em ${r.file} (${r.bytes} bytes): ${r.invoices} faturas, ${r.movements} guias, ${r.payments} recibos.`,
      );
      return 0;
    } finally {
      db.close();
    }
  },
};
