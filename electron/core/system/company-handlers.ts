import { PosError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import type { FiscalService } from '../fiscal/service';
import type { DomainHandlers, HandlerContext } from '../rpc/dispatch';
import { manager, reader } from '../rpc/policy';
import type { Backups } from './backups';
import type { CompanyAdmin } from './company';
import { importProductionKey, productionReadiness, switchToProduction } from './production';

type CompanyChannels =
  | 'company/get'
  | 'company/save'
  | 'company/set-logo'
  | 'fiscal/open-series'
  | 'system/production-check'
  | 'system/switch-to-production'
  | 'system/import-production-key'
  | 'backups/list'
  | 'backups/create'
  | 'backups/restore'
  | 'backups/cancel-restore';

const opId = (h: HandlerContext): number => {
  if (!h.operator) throw new PosError('UNAUTHENTICATED', 'Inicie sessão para continuar.');
  return h.operator.id;
};

/** Gestão › Empresa e configuração (issue 12 item 7): the gerente changes, the contabilista reads. */
export function companyHandlers(
  ctx: CoreContext,
  company: CompanyAdmin,
  fiscal: FiscalService,
  backups: Backups,
): DomainHandlers<CompanyChannels> {
  return {
    'company/get': reader(() => company.get()),
    'company/save': manager((p, h) => company.save(opId(h), p)),
    'company/set-logo': manager(({ logo }, h) => company.setLogo(opId(h), logo)),
    'fiscal/open-series': manager(({ docType, code, seriesType, validationCode }, h) => {
      const s = fiscal.series.open(docType, code, validationCode, seriesType);
      ctx.audit('fiscal.series-opened', opId(h), { id: s.id, docType, code, seriesType, validationCode });
      return s;
    }),
    'system/production-check': reader(() => productionReadiness(ctx)),
    'system/switch-to-production': manager((_i, h) => switchToProduction(ctx, opId(h))),
    'system/import-production-key': manager(({ pem }, h) => importProductionKey(ctx, pem, opId(h))),
    'backups/list': reader(() => backups.list()),
    'backups/create': manager((_i, h) => backups.create(opId(h))),
    'backups/restore': manager(({ file }, h) => backups.planRestore(file, opId(h))),
    'backups/cancel-restore': manager((_i, h) => backups.cancelRestore(opId(h))),
  };
}
