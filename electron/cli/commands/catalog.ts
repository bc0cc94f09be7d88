import { DEFAULT_DATA_DIR } from '../command';
import { csvCommand } from '../csv-command';

/**
 * `balcao catalog import|export --csv FICHEIRO` (names fixed by issue 12 item 9). The same import as Gestão ›
 * Artigos (electron/core/catalog/csv-io.ts). ASSUMPTION: whoever can run the command on the data folder is its
 * administrator, as for `balcao demo`; the audit trail names the command line (`via: cli`, no operator).
 */
const USAGE = `Utilização: balcao catalog import --csv FICHEIRO [--skip-invalid] [--dry-run] [--data-dir PASTA]
       balcao catalog export --csv FICHEIRO [--data-dir PASTA]

  import   importar artigos de um CSV (UTF-8, com ou sem BOM; ";" ou ","; vírgula ou ponto decimal).
           Tudo ou nada: uma linha inválida recusa o ficheiro e nada muda (sai com 1 e lista
           "linha N: motivo"). Um código que já existe é atualizado nas colunas que o ficheiro tem.
  export   escrever o catálogo inteiro (também os inativos) nas mesmas colunas.

  --csv FICHEIRO    ficheiro CSV (colunas: ver README, secção Artigos)
  --skip-invalid    importar as linhas válidas e listar as outras
  --dry-run         verificar o ficheiro sem gravar nada
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`;

export const catalogCommand = csvCommand({
  name: 'catalog',
  summary: 'Importar ou exportar o catálogo de artigos em CSV',
  usage: USAGE,
  noun: 'artigos',
  load: async () => {
    const { exportArticlesCsv, importArticlesCsv } = await import('../../core/catalog/csv-io');
    return {
      exportCsv: (core) => exportArticlesCsv(core.ctx),
      importCsv: (core, text, opts) =>
        importArticlesCsv(core.ctx, core.catalogAdmin, { operatorId: null, via: 'cli' }, text, opts),
    };
  },
});
