import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import type { CoreContext } from '../context';
import type { DeviceRegistry } from '../devices/registry';
import { companyBranding } from './branding';
import { printableFromFiscal } from './from-fiscal';
import type { PrintableDocument } from './printable';
import type { JobRunner } from '../jobs/runner';
import { createPrintingService, type PrintingService } from './service';

/** Loads a signed document (by id or "FS T1/12") from the fiscal read model, with the operator's name. */
export function fiscalDocumentLoader(
  ctx: CoreContext,
  fiscal: { get(idOrDocNo: number | string): FiscalDocumentView },
  mbReferenceOf?: (documentId: number) => PrintableDocument['mbReference'],
): (idOrDocNo: number | string, opts?: { copy?: boolean }) => PrintableDocument {
  return (key, opts = {}) => {
    const v = fiscal.get(key);
    const op =
      v.operatorId === null
        ? undefined
        : ctx.db.get(ctx.db.k.selectFrom('operator').select('name').where('id', '=', v.operatorId));
    return printableFromFiscal(v, {
      branding: companyBranding(ctx.db),
      operatorName: op?.name ?? null,
      copy: opts.copy,
      mbReference: mbReferenceOf?.(v.id) ?? null,
    });
  };
}

/** What core.ts calls: the printing service fed by the fiscal read model, its worker started. */
export function createPrintingForCore(
  ctx: CoreContext,
  devices: DeviceRegistry,
  fiscal: { get(idOrDocNo: number | string): FiscalDocumentView },
  jobs: JobRunner,
  mbReferenceOf?: (documentId: number) => PrintableDocument['mbReference'],
): PrintingService {
  const load = fiscalDocumentLoader(ctx, fiscal, mbReferenceOf);
  const printing = createPrintingService(ctx, { devices, loadDocument: (id) => load(id), jobs });
  printing.start();
  return printing;
}
