import fs from 'node:fs';
import type { ImportReport } from '../../shared/api/catalog-admin';
import type { Core } from '../core/core';
import { parseCli, UsageError } from './args';
import { DEFAULT_DATA_DIR, type Command } from './command';

/**
 * The one shape of `balcao <file> import|export --csv FICHEIRO` (catalog, customers: issue 12 item 9): read the
 * file as UTF-8 (with or without BOM), run the same all-or-nothing import as the back office, print
 * `linha N: motivo` on stderr, exit 0 on success and 1 on a rejected file. A command gives its words and its two
 * functions; the functions are loaded on use so that `balcao --help` loads none of the core.
 */
export interface CsvCommandSpec {
  name: string;
  summary: string;
  usage: string;
  /** Plural noun for the messages: "artigos", "clientes". */
  noun: string;
  load: () => Promise<{
    exportCsv: (core: Core) => { csv: string; rows: number };
    importCsv: (core: Core, text: string, opts: { skipInvalid: boolean; dryRun: boolean }) => ImportReport;
  }>;
}

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

export function csvCommand(spec: CsvCommandSpec): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: spec.usage,
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
        io,
        { createLogger },
        { cliOutputFile, writeOutputFile },
      ] = await Promise.all([
        import('../../shared/errors'),
        import('../../shared/text/utf8'),
        import('../core/core'),
        spec.load(),
        import('../core/log/logger'),
        import('../core/printing/output-path'),
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
        log: createLogger(spec.name, () => undefined),
      });
      try {
        if (action === 'export') {
          const { csv, rows } = io.exportCsv(core);
          writeOutputFile(file, Buffer.from(csv, 'utf8'));
          console.log(`${rows} ${spec.noun} exportados para ${file}.`);
          return 0;
        }
        const dryRun = values['dry-run'];
        const report = io.importCsv(core, text, { skipInvalid: values['skip-invalid'], dryRun });
        printReport(report, dryRun);
        return report.applied || (dryRun && !report.rejected.length) ? 0 : 1;
      } finally {
        await core.stop(spec.name);
      }
    },
  };
}
