import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import type { AuthService } from '../auth/service';
import type { CatalogService } from '../catalog/service';

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
  openDrawer(operatorId: number | null, reason: string): unknown;
}

export interface SalesDeps {
  auth: Pick<AuthService, 'verifyManager'>;
  catalog: Pick<CatalogService, 'byBarcode' | 'get'>;
  fiscal: FiscalPort;
  /** null until printing is wired (sales never depend on the printer). */
  printing?: () => PrintPort | null;
}
