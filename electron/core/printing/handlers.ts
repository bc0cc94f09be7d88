import type { PrintingChannel } from './channels';
import type { DomainHandlers } from '../rpc/dispatch';
import { manager, operator, session } from '../rpc/policy';
import type { PrintingService } from './service';

/** Channel handlers for `printing/*` (contract: shared/api/printing.ts). */
export function printingHandlers(printing: PrintingService): DomainHandlers<PrintingChannel> {
  return {
    'printing/list-jobs': session((input) => printing.listJobs(input.limit, input.state)),
    'printing/list-printers': session(() => printing.listPrinters()),
    'printing/reprint': operator((input, hctx) => ({
      jobId: printing.reprint(input.documentId, hctx.operator?.id ?? null, input.printerId).id,
    })),
    'printing/retry-job': operator((input) => {
      printing.retry(input.jobId);
      return { ok: true as const };
    }),
    'printing/open-drawer': manager(
      (input, hctx) => ({
        jobId: printing.openDrawer(hctx.operator?.id ?? null, input.reason).id,
      }),
      'printing.open-drawer',
    ),
    'printing/last-preview': operator(() => printing.lastPreview()),
    // Paper and QR come from the screen; the rest of an existing profile (code page, drawer pulse, logo…) is kept.
    'printing/configure-printer': manager(
      (input) =>
        printing.configurePrinter({
          id: input.id,
          name: input.name,
          uri: input.uri,
          profile: { ...printing.printerProfile(input.id), paper: input.paper, qr: input.qr },
          isDefault: input.isDefault,
        }),
      'printing.configure-printer',
    ),
  };
}
