import type { DomainHandlers } from '../../rpc/dispatch';
import { manager, reader } from '../../rpc/policy';
import { sentRow } from './history';
import type { IlinkService } from './service';

type IlinkChannel =
  | 'ilink/config'
  | 'ilink/configure'
  | 'ilink/test-connection'
  | 'ilink/history'
  | 'ilink/send-now'
  | 'ilink/resend'
  | 'ilink/attempts'
  | 'ilink/xml';

/** Channel handlers for `ilink/*` (contract: shared/api/ilink.ts). All the manager's (Gestão › Integrações). */
export function ilinkHandlers(ilink: IlinkService): DomainHandlers<IlinkChannel> {
  return {
    'ilink/config': manager(() => ilink.publicConfig()),
    'ilink/configure': manager((input) => ilink.configure(input), 'ilink.configure'),
    'ilink/test-connection': manager(() => ilink.testConnection()),
    'ilink/history': reader((f) => ilink.history(f).map(sentRow)),
    'ilink/send-now': manager((i) => sentRow(ilink.sendNow(i.documentId)), 'ilink.send-now'),
    'ilink/resend': manager((i) => sentRow(ilink.resend(i.documentId)), 'ilink.resend'),
    'ilink/attempts': reader((i) =>
      ilink.attempts(i.documentId).map((a) => ({
        attempt: a.attempt,
        outcome: a.outcome,
        request: a.request_summary,
        httpStatus: a.http_status,
        code: a.error_code,
        message: a.error_message,
        durationMs: a.duration_ms,
        startedAt: a.started_at,
      })),
    ),
    'ilink/xml': reader(async (i) => ({ xml: await ilink.xml(i.documentId) })),
  };
}
