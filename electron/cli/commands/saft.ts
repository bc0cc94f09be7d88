import path from 'node:path';
import pkg from '../../../package.json';
import { parseCli, UsageError } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

export const saftCommand: Command = {
  name: 'saft',
  summary: 'Exportar o ficheiro SAF-T (PT) 1.04_01 de faturação de um período',
  usage: `Utilização: balcao saft --from AAAA-MM-DD --to AAAA-MM-DD --out FICHEIRO [--data-dir PASTA]

  Escreve o SAF-T (PT) 1.04_01 (Windows-1252, como o XSD oficial) com clientes, artigos, taxas,
  faturas, guias e recibos do período. Num terminal em modo formação exporta os documentos de formação.
  A AT espera um ficheiro por mês (comunicação mensal) ou por ano fiscal: um período que atravesse anos
  fiscais é exportado, com um aviso.

  --from, --to      período (datas dos documentos, inclusive)
  --out FICHEIRO    ficheiro de destino
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    const { from, to, out } = values;
    if (!from || !to || !out) {
      throw new UsageError('Indique --from, --to e --out.');
    }
    const [{ exportSaft }, { readDataDir, terminalMode }] = await Promise.all([
      import('../../core/fiscal/saft/export'),
      import('../../core/fiscal/open-readonly'),
    ]);
    const r = readDataDir(
      values['data-dir'],
      (db) =>
        exportSaft(db, {
          from,
          to,
          out: path.resolve(out),
          training: terminalMode(db) === 'training',
          productVersion: pkg.version,
        }),
      {
        onChanged: () =>
          console.error(
            'AVISO: a base de dados mudou durante a leitura (terminal aberto nesta pasta?); exportado de novo a partir de uma cópia.',
          ),
      },
    );
    for (const w of r.warnings) console.error(`AVISO: ${w}`);
    console.log(
      `SAF-T escrito em ${r.file} (${r.bytes} bytes): ${r.invoices} faturas, ${r.movements} guias, ${r.payments} recibos.`,
    );
    return 0;
  },
};
