import { DEFAULT_DATA_DIR } from '../command';
import { csvCommand } from '../csv-command';

/**
 * `balcao customers import|export --csv FICHEIRO` (names fixed by issue 12 item 9). The same import as Gestão ›
 * Clientes (electron/core/parties/customers/csv-io.ts). ASSUMPTION: whoever can run the command on the data
 * folder is its administrator, as for `balcao catalog`; the audit trail names the command line (`via: cli`).
 */
const USAGE = `Utilização: balcao customers import --csv FICHEIRO [--skip-invalid] [--dry-run] [--data-dir PASTA]
       balcao customers export --csv FICHEIRO [--data-dir PASTA]

  import   importar clientes de um CSV (UTF-8, com ou sem BOM; ";" ou ",").
           Tudo ou nada: uma linha inválida recusa o ficheiro e nada muda (sai com 1 e lista
           "linha N: motivo"). Um cliente que já existe (mesmo NIF, ou mesmo código) é atualizado
           nas colunas que o ficheiro tem.
  export   escrever todos os clientes (também os inativos) nas mesmas colunas.

  --csv FICHEIRO    ficheiro CSV (colunas: ver README, secção Clientes)
  --skip-invalid    importar as linhas válidas e listar as outras
  --dry-run         verificar o ficheiro sem gravar nada
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`;

export const customersCommand = csvCommand({
  name: 'customers',
  summary: 'Importar ou exportar os clientes em CSV',
  usage: USAGE,
  noun: 'clientes',
  load: async () => {
    const { exportCustomersCsv, importCustomersCsv } = await import('../../core/parties/customers/csv-io');
    return {
      exportCsv: (core) => exportCustomersCsv(core.customers),
      importCsv: (core, text, opts) =>
        importCustomersCsv(core.ctx, core.customers, { operatorId: null, via: 'cli' }, text, opts),
    };
  },
});
