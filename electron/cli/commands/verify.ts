import { parseArgs } from 'node:util';
import { verifyFiscalChains } from '../../core/fiscal/verify';
import { DEFAULT_DATA_DIR, type Command } from '../command';
import { openReadOnly } from '../../core/fiscal/open-readonly';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verifica assinaturas, numeração e totais de todos os documentos fiscais',
  usage: `Uso: balcao verify [--data-dir PASTA]

  Reverifica cada série (assinatura RSA com a chave pública da versão registada, numeração sem saltos,
  ordem das datas, ATCUD) e recalcula os totais a partir das linhas. Sai com código 1 e indica o
  primeiro documento com problema; 0 se tudo estiver correto.

  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string', default: DEFAULT_DATA_DIR } },
    });
    const db = openReadOnly(values['data-dir']!);
    try {
      const r = verifyFiscalChains(db.sqlite);
      if (r.ok) {
        console.log(
          `OK: ${r.documents} documentos em ${r.series} séries verificados; assinaturas, numeração e totais corretos.`,
        );
        return 0;
      }
      const first = r.problems[0];
      console.error(`FALHA: ${first.docNo}: ${first.problem}`);
      for (const p of r.problems.slice(1, 20)) console.error(`  também ${p.docNo}: ${p.problem}`);
      console.error(`${r.problems.length} problema(s) em ${r.documents} documentos.`);
      return 1;
    } finally {
      db.close();
    }
  },
};
