import type { SystemInfo } from '../../../shared/api/system';
import type { DomainHandlers } from '../rpc/dispatch';
import { publicCall } from '../rpc/policy';
import type { CoreContext } from '../context';
import type { DeviceRegistry } from '../devices/registry';

type SystemChannels = 'system/info' | 'system/ping' | 'devices/list';

export function systemHandlers(
  ctx: CoreContext,
  devices: DeviceRegistry,
  startedAt: string,
): DomainHandlers<SystemChannels> {
  const info = (): SystemInfo => {
    const c = ctx.db.get(ctx.db.k.selectFrom('company').selectAll());
    return {
      version: ctx.version,
      mode: ctx.mode,
      terminalId: ctx.terminalId,
      startedAt,
      company: {
        name: c?.name ?? '',
        nif: c?.nif ?? '',
        address: c?.address ?? '',
        postalCode: c?.postal_code ?? '',
        city: c?.city ?? '',
        country: c?.country ?? 'PT',
        certificateNumber: c?.certificate_number ?? '',
      },
    };
  };
  return {
    'system/info': publicCall(info),
    'system/ping': publicCall(({ echo }) => ({
      pong: true as const,
      ...(echo !== undefined ? { echo } : {}),
      at: ctx.clock.now().toISOString(),
    })),
    'devices/list': publicCall(() => devices.list()),
  };
}
