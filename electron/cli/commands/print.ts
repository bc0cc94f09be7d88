import { parseCli, UsageError } from '../args';
import { DEFAULT_DATA_DIR, type Command } from '../command';

export const printCommand: Command = {
  name: 'print',
  summary: 'Imprimir um documento (talão ESC/POS, imagem da impressora virtual ou PDF A4)',
  usage: `Utilização: balcao print --doc "FS T1/12" --printer URI [--copy] [--paper 80mm-48] [--qr native|raster] [--data-dir PASTA]

  Imprime agora, sem fila: se a impressora não responder, o documento não é impresso (código de saída 1)
  e nada fica pendente; repita o comando quando ela voltar.

  --doc N           número do documento, ex.: "FS T1F2025/12" (ou o id numérico)
  --printer URI     tcp://10.0.0.5:9100 · serial:/dev/ttyUSB0?baud=19200 · usb:04b8:0202
                    virtual:talao.png (imagem do que sairia na impressora) · pdf:fatura.pdf (A4)
  --copy            imprimir como "2.ª via" (automático se o documento já foi impresso)
  --paper P         58mm-32, 80mm-42 ou 80mm-48 (predefinição 80mm-48)
  --qr M            native (GS ( k, predefinição) ou raster (imagem, para impressoras sem QR)
  --data-dir PASTA  pasta de dados (predefinição ${DEFAULT_DATA_DIR})`,
  async run(argv) {
    const { values } = parseCli({
      args: argv,
      options: {
        doc: { type: 'string' },
        printer: { type: 'string' },
        copy: { type: 'boolean', default: false },
        paper: { type: 'string', default: '80mm-48' },
        qr: { type: 'string', default: 'native' },
        'data-dir': { type: 'string', default: DEFAULT_DATA_DIR },
      },
    });
    if (!values.doc || !values.printer) {
      throw new UsageError('Indique --doc (número do documento) e --printer (endereço da impressora).');
    }
    const { PrinterProfile } = await import('../../core/printing/profile');
    const profile = PrinterProfile.safeParse({ paper: values.paper, qr: values.qr });
    if (!profile.success) throw new UsageError('Papel ou modo de QR inválido.');
    const [{ createCore }, { createLogger }, { fiscalDocumentLoader }] = await Promise.all([
      import('../../core/core'),
      import('../../core/log/logger'),
      import('../../core/printing/wire'),
    ]);
    const core = await createCore({
      dataDir: values['data-dir'],
      log: createLogger('print', () => undefined),
    });
    try {
      const key = /^\d+$/.test(values.doc) ? Number(values.doc) : values.doc;
      const view = core.fiscal.get(key);
      const copy = values.copy || core.printing.printedBefore(view.id);
      const doc = fiscalDocumentLoader(core.ctx, core.fiscal)(view.id, { copy });
      await core.printing.printOnce(doc, values.printer, { profile: profile.data, documentId: view.id });
      console.log(`${doc.number}${copy ? ' (2.ª via)' : ''} impresso em ${values.printer}.`);
      return 0;
    } finally {
      await core.stop('print');
    }
  },
};
