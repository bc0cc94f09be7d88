import fs from 'node:fs';
import path from 'node:path';
import { parseCli, UsageError } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';
import { HISTORY_IMPORTED_USAGE } from './ilink-usage';
import { configure, history as historySent, sync } from './ilink-wire';

/**
 * `balcao ilink <action> …`: iLink (ACIN) e-invoicing. Each action is one entry of `actions` (name → usage +
 * run), so configure/sync/history can be added next to `ubl` without touching the rest.
 */
interface IlinkAction {
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

const ubl: IlinkAction = {
  summary: 'escrever o XML CIUS-PT (UBL 2.1) de um documento',
  usage: `Utilização: balcao ilink ubl --doc "FT T1/3" --out FICHEIRO [--pdf] [--data-dir PASTA]

  Escreve o documento (FT, FR, FS com NIF, ND ou NC) em UBL 2.1 CIUS-PT, como seria enviado ao iLink.
  Só lê a pasta de dados.

  --doc N           número do documento, ex.: "FT T1F/3" (ou o id numérico)
  --out FICHEIRO    ficheiro XML de destino
  --pdf             incluir o PDF A4 do documento (INVOICE_REPRESENTATION)
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        doc: { type: 'string' },
        out: { type: 'string' },
        pdf: { type: 'boolean', default: false },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    if (!values.doc || !values.out) {
      throw new UsageError('Indique --doc (número do documento) e --out (ficheiro XML).');
    }
    const [
      { PosError },
      { DB_FILE },
      { createReadModel },
      { openReadOnly },
      { buildXml },
      { ciusPtMultibancoOf, mbReferenceOf },
      { printableFromFiscal },
      { cliOutputFile, writeOutputFile },
      { renderA4Pdf },
      { companyBranding, companyLogo },
    ] = await Promise.all([
      import('../../../shared/errors'),
      import('../../core/core'),
      import('../../core/fiscal/read-model'),
      import('../../core/fiscal/open-readonly'),
      import('../../core/integrations/ilink/sending'),
      import('../../core/integrations/paypay/documents'),
      import('../../core/printing/from-fiscal'),
      import('../../core/printing/output-path'),
      import('../../core/printing/pdf/a4'),
      import('../../core/printing/branding'),
    ]);
    const out = cliOutputFile(values.out);
    const dataDir = path.resolve(values['data-dir']);
    if (!fs.existsSync(path.join(dataDir, DB_FILE))) {
      throw new PosError('NOT_FOUND', `A pasta ${dataDir} não tem base de dados do Balcão.`);
    }
    const db = openReadOnly(dataDir);
    try {
      const read = createReadModel(db);
      const doc = read.get(/^\d+$/.test(values.doc) ? Number(values.doc) : values.doc);
      const origin = doc.references.origin ? read.get(doc.references.origin.documentId) : null;
      // Issue 11: an invoice's PayPay Multibanco reference goes on its A4 and in PaymentMeans.
      const pdf = values.pdf
        ? await renderA4Pdf(
            printableFromFiscal(doc, {
              mbReference: mbReferenceOf(db, doc.id),
              branding: companyBranding(db),
            }),
            { logo: companyLogo(db) },
          )
        : undefined;
      const multibanco = ciusPtMultibancoOf(db, doc.id);
      const xml = buildXml(doc, origin, pdf, multibanco);
      writeOutputFile(out, Buffer.from(xml, 'utf8'));
      console.log(`${doc.docNo}: CIUS-PT escrito em ${out} (${Buffer.byteLength(xml)} bytes).`);
      return 0;
    } finally {
      db.close();
    }
  },
};

// `--imported` (purchases) lives in ilink-history-imported.ts, `--sent` (sales documents) in ilink-wire.ts.
const history: IlinkAction = {
  summary: 'mostrar o histórico de envio (--sent) ou de importação (--imported)',
  usage: `${historySent.usage}\n${HISTORY_IMPORTED_USAGE}`,
  run(argv) {
    if (argv.includes('--imported'))
      return import('./ilink-history-imported').then((m) => m.historyImported(argv));
    return historySent.run(argv);
  },
};

const actions: Record<string, IlinkAction> = { ubl, configure, sync, history };

const groupUsage = `Utilização: balcao ilink <ação> [opções]

${Object.entries(actions)
  .map(([name, a]) => `  ${name.padEnd(8)} ${a.summary}`)
  .join('\n')}

${Object.values(actions)
  .map((a) => a.usage)
  .join('\n\n')}`;

export const ilinkCommand: Command = {
  name: 'ilink',
  summary: 'Configurar e sincronizar a faturação eletrónica iLink (ACIN); ver o histórico e o XML CIUS-PT',
  usage: groupUsage,
  async run(argv) {
    const [name, ...rest] = argv;
    const action = name ? actions[name] : undefined;
    if (!action) {
      throw new UsageError(
        `${name ? `Ação desconhecida: ${name}. ` : 'Indique a ação. '}Ações: ${Object.keys(actions).join(', ')}.`,
        { exitCode: 1 },
      );
    }
    try {
      return await action.run(rest);
    } catch (e) {
      // A mistake in the action's options is shown with the action's own usage line.
      if (e instanceof UsageError && !e.usage) e.usage = action.usage;
      throw e;
    }
  },
};
