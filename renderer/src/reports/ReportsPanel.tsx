import { useState } from 'react';
import { t } from '../../../shared/i18n';
import { EodPanel } from './EodPanel';
import { SalesReportsPanel } from './SalesReportsPanel';

/** Gestão › Relatórios: the day's reconciliation (Fecho do dia) and, next to it, the sales reports (Vendas). */
export function ReportsPanel() {
  const [tab, setTab] = useState<'eod' | 'sales'>('eod');
  return (
    <div className="reports">
      <div className="reports-tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'eod'}
          className={`btn${tab === 'eod' ? ' btn--primary' : ''}`}
          onClick={() => setTab('eod')}
        >
          {t('eod.title')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'sales'}
          className={`btn${tab === 'sales' ? ' btn--primary' : ''}`}
          onClick={() => setTab('sales')}
          data-testid="reports-tab-sales"
        >
          {t('sales.title')}
        </button>
      </div>
      {tab === 'eod' ? <EodPanel /> : <SalesReportsPanel />}
    </div>
  );
}
