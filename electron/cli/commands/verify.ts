import { parseCli } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

/** readDataDir's second reading, said on stderr: the first reading saw the file change. */
export const CHANGED =
  'AVISO: a base de dados mudou durante a leitura (terminal aberto nesta pasta?); verificada de novo a partir de uma cópia.';

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Verificar assinaturas, numeração e totais de todos os documentos fiscais',
  usage: `Utilização: balcao verify [--data-dir PASTA]

  Reverifica cada série (assinatura RSA com a chave pública da versão registada, numeração sem saltos,
  ordem das datas, ATCUD), recalcula os totais a partir das linhas e confere o selo Balcão de cada
  documento e anulação (todos os campos fiscais, com a chave fiscal-seal.key da pasta de dados) e o
  registo externo do fim de cada série (fiscal-seal.head-a/-b). Só lê: funciona numa cópia só de leitura.
  Sai com código 1 e indica o primeiro documento com problema e o campo; 0 se tudo estiver correto.

  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: { 'data-dir': { type: 'string', default: DEFAULT_DATA_DIR } },
    });
    const dataDir = values['data-dir'];
    const [{ verifyFiscalChains }, { readDataDir }, { startSealCheck }] = await Promise.all([
      import('../../core/fiscal/verify'),
      import('../../core/fiscal/open-readonly'),
      import('../../core/fiscal/verify-seal'),
    ]);
    const { r, seal } = readDataDir(
      dataDir,
      (db) => {
        // The seal check reads the documents (on a worker thread with two cores) and hands each page to the
        // chains: one read of each document for both.
        const sealCheck = startSealCheck(db, dataDir);
        const chains = verifyFiscalChains(db, { pages: sealCheck.pages });
        return { r: chains, seal: sealCheck.finish() };
      },
      { onChanged: () => console.error(CHANGED) },
    );
    const problems = [...r.problems, ...seal.problems];
    if (!problems.length) {
      if (seal.state === 'legacy') {
        console.error(
          'AVISO: base de dados anterior ao selo Balcão; só assinaturas, numeração e totais foram verificados. Abra o terminal uma vez para a selar.',
        );
      }
      console.log(
        `OK: ${r.documents} documentos em ${r.series} séries verificados; assinaturas, numeração, totais${seal.state === 'sealed' ? ' e selo' : ''} corretos.`,
      );
      return 0;
    }
    const first = problems[0];
    console.error(`FALHA: ${first.docNo}: ${first.problem}`);
    for (const p of problems.slice(1, 20)) console.error(`  também ${p.docNo}: ${p.problem}`);
    console.error(`${problems.length} problema(s) em ${r.documents} documentos.`);
    return 1;
  },
};
