import { useCallback, useEffect, useRef, useState } from 'react';
import type { Role } from '../../../../shared/api/auth';
import { SupplierInput, type Supplier } from '../../../../shared/api/suppliers';
import { t } from '../../../../shared/i18n';
import { useClient } from '../../app/context';
import { DataTable, FilterBar, FilterText, useZodForm, type Column } from '../../app/kit';
import { pushToast } from '../../app/toasts';
import { EMPTY_PARTY, PartyFields, partyInput, partyValuesOf, type PartyValues } from './PartyFields';

type Values = PartyValues & { active: boolean };
const EMPTY: Values = { ...EMPTY_PARTY, active: true };
const valuesOf = (s: Supplier): Values => ({ ...partyValuesOf(s), active: s.active });

const COLUMNS: Column<Supplier>[] = [
  {
    id: 'name',
    header: t('customers.name'),
    cell: (s) => (
      <>
        {s.name}
        {!s.active && <span className="tag">{t('customers.inactive')}</span>}
      </>
    ),
    value: (s) => s.name,
  },
  {
    id: 'nif',
    header: t('customers.nif'),
    cell: (s) => <span className="mono">{s.nif}</span>,
    value: (s) => s.nif,
  },
  { id: 'city', header: t('customers.city'), cell: (s) => s.city, value: (s) => s.city },
  { id: 'email', header: t('customers.email'), cell: (s) => s.email, value: (s) => s.email },
  {
    id: 'purchases',
    header: t('suppliers.purchases'),
    cell: (s) => String(s.purchases),
    value: (s) => s.purchases,
    align: 'right',
  },
];

function SupplierEditor({
  supplier,
  readOnly,
  onSaved,
  onClose,
}: {
  supplier: Supplier | null;
  /** The contabilista: the file shown, nothing to change (the core refuses suppliers/save to a reader). */
  readOnly: boolean;
  onSaved: (s: Supplier) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const form = useZodForm({
    schema: SupplierInput,
    initial: supplier ? valuesOf(supplier) : EMPTY,
    toInput: partyInput,
    idPrefix: 'supplier',
  });
  const save = form.submit(async (input) => {
    const env = await client.tryCall('suppliers/save', {
      ...(supplier ? { id: supplier.id } : {}),
      supplier: input,
    });
    if (!env.ok) {
      const field = env.error.details?.field;
      form.setServerError(typeof field === 'string' ? field : undefined, env.error.message);
      return;
    }
    pushToast('success', t('suppliers.saved', { name: env.value.name }));
    onSaved(env.value);
  });
  return (
    <section className="card" data-testid="supplier-editor">
      <header className="card-head">
        <h3 className="card-title">
          {supplier ? t('suppliers.editTitle', { name: supplier.name }) : t('suppliers.newTitle')}
        </h3>
        <button type="button" className="btn btn--small btn--ghost" onClick={onClose}>
          {t('customers.close')}
        </button>
      </header>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!readOnly) void save();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <PartyFields form={form} testPrefix="supplier" nifHint={t('suppliers.nifHint')} readOnly={readOnly} />
        <label className="check">
          <input type="checkbox" {...form.bindCheck('active')} disabled={readOnly} />
          {t('customers.active')}
        </label>
        {form.formError && (
          <p className="field-help field-help--error" role="alert">
            {form.formError}
          </p>
        )}
        {!readOnly && (
          <div className="form-actions">
            <button
              type="submit"
              className="btn btn--primary"
              disabled={form.submitting}
              data-testid="supplier-save"
            >
              {t('customers.save')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

/**
 * Gestão › Fornecedores: suppliers from purchases and iLink imports, with their purchase counts. The gerente
 * edits; the contabilista reads (no "Novo fornecedor", the file without "Gravar").
 */
export function SuppliersPanel({ role }: { role: Role }) {
  const manager = role === 'gerente';
  const client = useClient();
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<Supplier[] | null>(null);
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    const timer = setTimeout(() => {
      void client.tryCall('suppliers/search', { query: query.trim(), limit: 500 }).then((env) => {
        if (alive.current && env.ok) setRows(env.value);
      });
    }, 150);
    return () => {
      alive.current = false;
      clearTimeout(timer);
    };
  }, [client, query, version]);

  return (
    <div className="catalog-panel suppliers-panel">
      {editing !== null && (
        <SupplierEditor
          key={editing === 'new' ? 'new' : editing.id}
          supplier={editing === 'new' ? null : editing}
          readOnly={!manager}
          onSaved={(s) => {
            setEditing(s);
            reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      <section className="card card--fill">
        <header className="card-head">
          <h3 className="card-title">{t('backoffice.suppliers')}</h3>
          {manager && (
            <button
              type="button"
              className="btn btn--small btn--primary"
              onClick={() => setEditing('new')}
              data-testid="supplier-new"
            >
              {t('suppliers.new')}
            </button>
          )}
        </header>
        <FilterBar label={t('backoffice.suppliers')}>
          <FilterText label={t('suppliers.filter')} value={query} onChange={setQuery} />
        </FilterBar>
        <DataTable
          rows={rows}
          columns={COLUMNS}
          rowKey={(s) => s.id}
          onRowClick={(s) => setEditing(s)}
          emptyText={t('suppliers.empty')}
          pageSize={50}
          csvName="fornecedores.csv"
          testId="suppliers-table"
          rowTestId="supplier-row"
        />
      </section>
    </div>
  );
}
