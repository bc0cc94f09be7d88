import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PosError } from '../../../shared/errors';
import { DB_FILE } from '../../core/core';
import { createReadModel } from '../../core/fiscal/read-model';
import { openReadOnly } from '../../core/fiscal/open-readonly';
import { writeCiusPt } from '../../core/integrations/ilink/codec';
import { ciusPtMultibancoOf, mbReferenceOf } from '../../core/integrations/paypay/documents';
import { printableFromFiscal } from '../../core/printing/from-fiscal';
import { cliOutputFile, writeOutputFile } from '../../core/printing/output-path';
import { renderA4Pdf } from '../../core/printing/pdf/a4';
import { DEFAULT_DATA_DIR, type Command } from '../command';

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
  summary: 'escreve o XML CIUS-PT (UBL 2.1) de um documento',
  usage: `balcao ilink ubl --doc "FT T1/3" --out FICHEIRO [--pdf] [--data-dir PASTA]

  Escreve o documento (FT, FR, FS com NIF, ND ou NC) em UBL 2.1 CIUS-PT, como seria enviado ao iLink.
  Só lê a pasta de dados.

  --doc N           número do documento, ex.: "FT T1F/3" (ou o id numérico)
  --out FICHEIRO    ficheiro XML de destino
  --pdf             inclui o PDF A4 do documento (INVOICE_REPRESENTATION)
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        doc: { type: 'string' },
        out: { type: 'string' },
        pdf: { type: 'boolean', default: false },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
      strict: true,
    });
    if (!values.doc || !values.out) {
      throw new PosError('VALIDATION', 'Indique --doc (número do documento) e --out (ficheiro XML).');
    }
    const out = cliOutputFile(values.out);
    const dataDir = path.resolve(values['data-dir']!);
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
        ? await renderA4Pdf(printableFromFiscal(doc, { mbReference: mbReferenceOf(db, doc.id) }))
        : undefined;
      const multibanco = ciusPtMultibancoOf(db, doc.id);
      const xml = writeCiusPt({ doc, options: { originIssueDate: origin?.date, pdf, multibanco } });
      writeOutputFile(out, Buffer.from(xml, 'utf8'));
      console.log(`${doc.docNo}: CIUS-PT escrito em ${out} (${Buffer.byteLength(xml)} bytes).`);
      return 0;
    } finally {
      db.close();
    }
  },
};

const actions: Record<string, IlinkAction> = { ubl };

const groupUsage = `Uso: balcao ilink <ação> [opções]

${Object.entries(actions)
  .map(([name, a]) => `  ${name.padEnd(8)} ${a.summary}`)
  .join('\n')}

${Object.values(actions)
  .map((a) => a.usage)
  .join('\n\n')}`;

export const ilinkCommand: Command = {
  name: 'ilink',
  summary: 'Faturação eletrónica iLink (ACIN): XML CIUS-PT',
  usage: groupUsage,
  async run(argv) {
    const [name, ...rest] = argv;
    const action = name ? actions[name] : undefined;
    if (!action) {
      throw new PosError(
        'VALIDATION',
        `${name ? `Ação desconhecida: ${name}. ` : ''}Ações: ${Object.keys(actions).join(', ')} (ver balcao ilink --help).`,
      );
    }
    return action.run(rest);
  },
};
