import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-foundation';
import * as m0100 from './0100-fiscal';
import * as m0200 from './0200-cash-journal';
import * as m0300 from './0300-printing';
import * as m0400 from './0400-sales';
import * as m0401 from './0401-print-job-report';
import * as m0402 from './0402-fiscal-compact-pages';
import * as m0500 from './0500-fiscal-seal';
import * as m0510 from './0510-payment-unknown';
import * as m0530 from './0530-pin-guard';
import * as m0600 from './0600-jobs';
import * as m0610 from './0610-ilink-documents';
import * as m0620 from './0620-purchases';
import * as m0630 from './0630-paypay';
import * as m0640 from './0640-catalog-admin';
import * as m0650 from './0650-eod';
import * as m0660 from './0660-stock';
import * as m0670 from './0670-parties';
import * as m0680 from './0680-operators-company';
import * as m0690 from './0690-guides';
import * as m0710 from './0710-invoicing';
import * as m0720 from './0720-paypay-terminal';
import * as m0730 from './0730-sales-report-index';
import * as m0740 from './0740-print-branding';
import * as m0750 from './0750-purchases-stock';
import * as m0760 from './0760-reorder';
import * as m0780 from './0780-issue-fewer-pages';
import * as m0790 from './0790-document-search-index';
import * as m0795 from './0795-purchase-edit-audit-index';
import * as m0800 from './0800-article-favourites-index';

/**
 * Every migration, statically imported (a bundled app cannot scan a folder at run time).
 * Names sort in execution order. A new migration takes the next number above the highest one listed:
 * Kysely refuses to start when an executed migration is missing or out of order.
 */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0100-fiscal': m0100,
  '0200-cash-journal': m0200,
  '0300-printing': m0300,
  '0400-sales': m0400,
  '0401-print-job-report': m0401,
  '0402-fiscal-compact-pages': m0402,
  '0500-fiscal-seal': m0500,
  '0510-payment-unknown': m0510,
  '0530-pin-guard': m0530,
  '0600-jobs': m0600,
  '0610-ilink-documents': m0610,
  '0620-purchases': m0620,
  '0630-paypay': m0630,
  '0640-catalog-admin': m0640,
  '0650-eod': m0650,
  '0660-stock': m0660,
  '0670-parties': m0670,
  '0680-operators-company': m0680,
  '0690-guides': m0690,
  '0710-invoicing': m0710,
  '0720-paypay-terminal': m0720,
  '0730-sales-report-index': m0730,
  '0740-print-branding': m0740,
  '0750-purchases-stock': m0750,
  '0760-reorder': m0760,
  '0780-issue-fewer-pages': m0780,
  '0790-document-search-index': m0790,
  '0795-purchase-edit-audit-index': m0795,
  '0800-article-favourites-index': m0800,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
