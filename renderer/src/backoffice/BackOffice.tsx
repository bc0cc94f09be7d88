import type { ReactNode } from 'react';
import type { Role } from '../../../shared/api/auth';
import { t, type MessageKey } from '../../../shared/i18n';
import { useStore, useSystemInfo } from '../app/context';
import { navigate } from '../app/use-hash-route';
import { CashMachinePanel } from '../cash/CashMachinePanel';
import { cashReviewStore } from '../cash/review-store';
import { DocumentsPanel } from '../documents/DocumentsPanel';
import { CashSimulatorPanel } from '../pos/CashSimulatorPanel';
import { PrintingPanel } from '../printing/PrintingPanel';
import { InvoicingPanel } from '../invoicing/InvoicingPanel';
import { SaftPanel } from '../invoicing/SaftPanel';
import { ReportsPanel } from '../reports/ReportsPanel';
import { CatalogPanel } from './CatalogPanel';
import { CompanyPanel } from './CompanyPanel';
import { DevicesPanel } from './DevicesPanel';
import { IlinkHistoryPanel } from './integrations/IlinkHistoryPanel';
import { IlinkSettingsPanel } from './integrations/IlinkSettingsPanel';
import { ImportHistoryPanel } from './integrations/ImportHistoryPanel';
import { CountPanel } from './stock/CountPanel';
import { GuidesPanel } from './stock/GuidesPanel';
import { PurchasesPanel } from './purchases/PurchasesPanel';
import { ReorderPanel } from './stock/ReorderPanel';
import { useToOrderCount } from './stock/use-to-order-count';
import { ValuationPanel } from './stock/ValuationPanel';
import { StockPanel } from './stock/StockPanel';
import { CustomersPanel } from './parties/CustomersPanel';
import { SuppliersPanel } from './parties/SuppliersPanel';
import { OperatorsPanel } from './operators/OperatorsPanel';
import { PaypayReferencesPanel } from './integrations/PaypayReferencesPanel';
import { PaypaySettingsPanel } from './integrations/PaypaySettingsPanel';

interface Section {
  id: string;
  label: MessageKey;
  render: (role: Role) => ReactNode;
  trainingOnly?: boolean;
  /** Manager screens (their channels are manager-only too). */
  managerOnly?: boolean;
  /** Also the contabilista's: reading and exports (issue 12 item 6); every other section is hidden from them. */
  reader?: boolean;
}

/**
 * Back-office. A cashier sees it read-only (catalogue and device state help at the counter); actions that
 * change data are for the gerente and appear only for that role (the core enforces it on every call).
 */
const SECTIONS: Section[] = [
  {
    id: 'empresa',
    label: 'backoffice.company',
    render: (role) => <CompanyPanel role={role} />,
    reader: true,
  },
  {
    id: 'artigos',
    label: 'backoffice.catalog',
    render: (role) => <CatalogPanel role={role} />,
    reader: true,
  },
  // Issue 12 item 6: operators, PINs, approval limits (everyone: the own PIN; the gerente: the rest).
  {
    id: 'operadores',
    label: 'backoffice.operators',
    render: (role) => <OperatorsPanel role={role} />,
    reader: true,
  },
  // Customers part (issue 12 item 3): the gerente edits; the contabilista reads.
  {
    id: 'clientes',
    label: 'backoffice.customers',
    render: (role) => <CustomersPanel role={role} />,
    managerOnly: true,
    reader: true,
  },
  {
    id: 'fornecedores',
    label: 'backoffice.suppliers',
    render: (role) => <SuppliersPanel role={role} />,
    managerOnly: true,
    reader: true,
  },
  {
    id: 'documentos',
    label: 'backoffice.documents',
    render: (role) => <DocumentsPanel role={role} />,
    reader: true,
  },
  // Issue 12 items 4 and 8: back-office invoices (the gerente's) and SAF-T (also the contabilista's: SAFT_ACCESS).
  {
    id: 'faturacao',
    label: 'backoffice.invoicing',
    render: (role) => <InvoicingPanel role={role} />,
    managerOnly: true,
  },
  {
    id: 'saft',
    label: 'backoffice.saft',
    render: () => <SaftPanel />,
    managerOnly: true,
    reader: true,
  },
  // Issue 13 item 9: stock and transport guides.
  { id: 'stock', label: 'backoffice.stock', render: (role) => <StockPanel role={role} />, reader: true },
  // Issue 13 item 4: purchases (typed by hand or from iLink) into stock, and returns to the supplier.
  {
    id: 'compras',
    label: 'backoffice.purchases',
    render: (role) => <PurchasesPanel role={role} />,
    managerOnly: true,
    reader: true,
  },
  // Issue 13 items 3, 5, 6: reorder list (with the low-stock badge), inventory counts, stock valuation.
  { id: 'encomendar', label: 'backoffice.reorder', render: () => <ReorderPanel />, reader: true },
  { id: 'inventario', label: 'backoffice.count', render: (role) => <CountPanel role={role} /> },
  { id: 'valorizacao', label: 'backoffice.valuation', render: () => <ValuationPanel />, reader: true },
  { id: 'guias', label: 'backoffice.guides', render: () => <GuidesPanel />, managerOnly: true, reader: true },
  { id: 'impressao', label: 'backoffice.printing', render: (role) => <PrintingPanel role={role} /> },
  { id: 'numerario', label: 'backoffice.cash', render: () => <CashMachinePanel />, managerOnly: true },
  {
    id: 'relatorios',
    label: 'backoffice.reports',
    render: () => <ReportsPanel />,
    managerOnly: true,
    reader: true,
  },
  { id: 'dispositivos', label: 'backoffice.devices', render: () => <DevicesPanel /> },
  // iLink screens (issue 10 §3): Gestão › Integrações › iLink and Histórico de envio.
  { id: 'ilink', label: 'backoffice.ilink', render: () => <IlinkSettingsPanel />, managerOnly: true },
  {
    id: 'historico-envio',
    label: 'backoffice.ilinkHistory',
    render: () => <IlinkHistoryPanel />,
    managerOnly: true,
    reader: true,
  },
  // Purchases part (issue 10): the merger may nest it under the iLink "Integrações" section.
  {
    id: 'historico-importacao',
    label: 'backoffice.importHistory',
    render: () => <ImportHistoryPanel />,
    managerOnly: true,
    reader: true,
  },
  // paypay-office (issue 11 item 6): Gestão de Referências (also linked from Relatórios) and Integrações › PayPay.
  {
    id: 'referencias',
    label: 'backoffice.paypayReferences',
    render: () => <PaypayReferencesPanel />,
    managerOnly: true,
  },
  { id: 'paypay', label: 'backoffice.paypay', render: () => <PaypaySettingsPanel />, managerOnly: true },
  {
    id: 'simulador',
    label: 'backoffice.simulator',
    render: () => <CashSimulatorPanel />,
    trainingOnly: true,
  },
];

export function BackOffice({ section, role }: { section: string | undefined; role: Role }) {
  const info = useSystemInfo();
  const review = useStore(cashReviewStore).length;
  const toOrder = useToOrderCount(section);
  const sections = SECTIONS.filter(
    (s) =>
      (!s.trainingOnly || info?.mode === 'training') &&
      (role === 'contabilista' ? s.reader === true : !s.managerOnly || role === 'gerente'),
  );
  const current = sections.find((s) => s.id === section) ?? sections[0];
  if (!current) return null;
  return (
    <div className="bo">
      <nav className="bo-nav" aria-label={t('backoffice.title')}>
        {sections.map((s) => (
          <button
            key={s.id}
            type="button"
            className={`bo-nav-item${s.id === current.id ? ' bo-nav-item--active' : ''}`}
            aria-current={s.id === current.id ? 'page' : undefined}
            onClick={() => navigate(`/gestao/${s.id}`)}
          >
            {t(s.label)}
            {s.id === 'encomendar' && toOrder > 0 && (
              <span
                className="badge badge--alert"
                data-testid="to-order-badge"
                title={t('reorderUi.badge', { count: String(toOrder) })}
              >
                {toOrder}
              </span>
            )}
            {s.id === 'numerario' && review > 0 && (
              <span className="badge badge--alert" data-testid="cash-review-badge">
                {review}
              </span>
            )}
          </button>
        ))}
        {role !== 'gerente' && <p className="bo-readonly">{t('backoffice.readOnly')}</p>}
      </nav>
      <div className="bo-content">{current.render(role)}</div>
    </div>
  );
}
