import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import type { ShiftReport } from '../../../shared/api/sales';
import type { AuthService } from '../auth/service';
import type { CatalogService } from '../catalog/service';
import type { TillCustomerPort } from '../parties/customers/port';

/**
 * What the checkout needs from the other services, as narrow structural types: the real services
 * (core.fiscal, core.printing, the cash service) satisfy them, and nothing here re-implements their rules.
 */
export interface FiscalPort {
  /** Issues, signs and commits in one (nestable) SQLite transaction. */
  issue(draft: unknown, operatorId: number | null): FiscalDocumentView;
  cancel(documentId: number, reason: string, operatorId: number | null): FiscalDocumentView;
  get(idOrDocNo: number | string): FiscalDocumentView;
}

export interface PrintPort {
  enqueueDocument(documentId: number, opts?: { openDrawer?: boolean; operatorId?: number | null }): unknown;
  reprint(documentId: number, operatorId: number | null): unknown;
  /** Null when the default printer answered its last job; otherwise why a job just queued waits (pt-PT). */
  queuedNote?(): string | null;
  openDrawer(operatorId: number | null, reason: string): unknown;
  /** X/Z shift report on paper (non-fiscal), through the persistent queue. */
  enqueueReport(report: ShiftReport, opts?: { operatorId?: number | null }): unknown;
}

export interface SalesDeps {
  auth: Pick<AuthService, 'verifyManager'>;
  catalog: Pick<CatalogService, 'byBarcode' | 'get'>;
  fiscal: FiscalPort;
  /** The customers domain (electron/core/parties/customers): the sale's customer and the lookup. */
  customers: TillCustomerPort;
  /** null until printing is wired (sales never depend on the printer). */
  printing?: () => PrintPort | null;
}
