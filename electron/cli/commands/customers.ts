import fs from 'node:fs';
import type { ImportReport } from '../../../shared/api/catalog-admin';
import { parseCli, UsageError } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

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

function printReport(r: ImportReport, dryRun: boolean): void {
  for (const x of r.rejected) console.error(`linha ${x.line}: ${x.reason}`);
  const counts = `${r.created} novos, ${r.updated} atualizados, ${r.unchanged} sem alterações`;
  if (r.applied) {
    console.log(
      `${r.rows} linhas lidas: ${counts}${r.rejected.length ? `; ${r.rejected.length} ignoradas` : ''}.`,
    );
  } else if (dryRun && !r.rejected.length) {
    console.log(`Verificação sem gravar: ${r.rows} linhas válidas (${counts}).`);
  } else {
    console.error(
      `Ficheiro recusado: ${r.rejected.length} linha(s) inválida(s); nada foi alterado. Corrija-as, ou use --skip-invalid para importar só as válidas.`,
    );
  }
}

export const customersCommand: Command = {
  name: 'customers',
  summary: 'Importar ou exportar os clientes em CSV',
  usage: USAGE,
  async run(argv) {
    const [action, ...rest] = argv;
    if (action !== 'import' && action !== 'export') {
      throw new UsageError(`${action ? `Ação desconhecida: ${action}. ` : ''}Ações: import, export.`);
    }
    const { values } = parseCli({
      args: rest,
      options: {
        csv: { type: 'string' },
        'skip-invalid': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    if (!values.csv) throw new UsageError('Indique o ficheiro com --csv FICHEIRO.');
    if (action === 'export' && (values['skip-invalid'] || values['dry-run'])) {
      throw new UsageError('--skip-invalid e --dry-run são opções de import.');
    }
    // Loaded on use: `balcao --help` loads none of the core.
    const [
      { PosError },
      { decodeUtf8 },
      { createCore },
      { exportCustomersCsv, importCustomersCsv },
      { createLogger },
      { cliOutputFile, writeOutputFile },
    ] = await Promise.all([
      import('../../../shared/errors'),
      import('../../../shared/text/utf8'),
      import('../../core/core'),
      import('../../core/parties/customers/csv-io'),
      import('../../core/log/logger'),
      import('../../core/printing/output-path'),
    ]);
    const file = cliOutputFile(values.csv);
    let text = '';
    if (action === 'import') {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        throw new PosError('NOT_FOUND', `Não foi possível ler ${file}.`);
      }
      const decoded = decodeUtf8(bytes);
      if (!decoded.ok) throw new PosError('VALIDATION', decoded.message);
      text = decoded.text;
    }
    const core = await createCore({
      dataDir: values['data-dir'],
      log: createLogger('customers', () => undefined),
    });
    try {
      if (action === 'export') {
        const { csv, rows } = exportCustomersCsv(core.customers);
        writeOutputFile(file, Buffer.from(csv, 'utf8'));
        console.log(`${rows} clientes exportados para ${file}.`);
        return 0;
      }
      const report = importCustomersCsv(core.ctx, core.customers, { operatorId: null, via: 'cli' }, text, {
        skipInvalid: values['skip-invalid'],
        dryRun: values['dry-run'],
      });
      printReport(report, values['dry-run']);
      return report.applied || (values['dry-run'] && !report.rejected.length) ? 0 : 1;
    } finally {
      await core.stop('customers');
    }
  },
};
