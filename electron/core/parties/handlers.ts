import { PosError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { ulidFactory } from '../jobs/ids';
import type { DomainHandlers, HandlerContext } from '../rpc/dispatch';
import { manager, reader, session } from '../rpc/policy';
import { customerAccount } from './customers/account';
import { exportCustomersCsv, importCustomersCsv } from './customers/csv-io';
import type { Actor, CustomerService } from './customers/service';
import type { SupplierStore } from './suppliers';

type PartiesChannels =
  | 'customers/search'
  | 'customers/get'
  | 'customers/save'
  | 'customers/account'
  | 'customers/import-csv'
  | 'customers/export-csv'
  | 'suppliers/search'
  | 'suppliers/get'
  | 'suppliers/save';

const actor = (h: HandlerContext): Actor => {
  if (!h.operator) throw new PosError('UNAUTHENTICATED', 'Inicie sessão.');
  return { operatorId: h.operator.id, via: h.transport === 'cli' ? 'cli' : 'backoffice' };
};

/**
 * Gestão › Clientes and Fornecedores (issue 12 item 3). Customer lookups are every session's (the till picks
 * customers, the back-office FT form too, the contabilista reads them); the conta corrente, the export and the
 * supplier file are for reading (gerente, contabilista); every write and the import are the gerente's. The
 * service re-checks every rule, whoever calls.
 */
export function partiesHandlers(
  ctx: CoreContext,
  customers: CustomerService,
  suppliers: SupplierStore,
): DomainHandlers<PartiesChannels> {
  const ulid = ulidFactory();
  const newSupplierId = (): string => `${ctx.terminalId}-${ulid(ctx.clock.now().getTime())}`;
  return {
    'customers/search': session(({ query, limit, includeInactive }) =>
      customers.search(query, limit, includeInactive),
    ),
    'customers/get': session(({ id }) => customers.get(id)),
    'customers/save': manager(({ id, customer }, h) =>
      ctx.db.tx(() => customers.get(customers.save(actor(h), id, customer).id)),
    ),
    'customers/account': reader(({ id }) => customerAccount(ctx.db, customers, id)),
    'customers/import-csv': manager(({ csv, skipInvalid, dryRun }, h) =>
      importCustomersCsv(ctx, customers, { ...actor(h), via: 'csv' }, csv, { skipInvalid, dryRun }),
    ),
    'customers/export-csv': reader(() => exportCustomersCsv(customers)),
    'suppliers/search': reader(({ query, limit, includeInactive }) =>
      suppliers.search(query, limit, includeInactive),
    ),
    'suppliers/get': reader(({ id }) => suppliers.view(id)),
    'suppliers/save': manager(({ id, supplier }, h) => {
      const saved = ctx.db.tx(() =>
        suppliers.save(id, supplier, newSupplierId, ctx.clock.now().toISOString()),
      );
      ctx.audit(id ? 'suppliers.updated' : 'suppliers.created', actor(h).operatorId, { id: saved.id });
      return saved;
    }),
  };
}
