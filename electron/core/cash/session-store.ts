import { z } from 'zod';
import type { Db } from '../db/open';
import type { SessionStore } from '../devices/glory/device-types';
import { readSetting, writeSetting } from '../system/settings';

/** Setting key of the CI-5 session this terminal holds on the machine (see devices/glory/README.md). */
export const CASH_SESSION_SETTING = 'cash.device.session';

const Stored = z.object({ soapUrl: z.string(), sessionId: z.string().min(1).nullable() });

/**
 * The FCC SessionID kept in the `setting` table (synchronous, durable write before it is used), per machine
 * address: a session of another machine is never offered to this one.
 */
export function settingSessionStore(db: Db, soapUrl: string): SessionStore {
  return {
    load() {
      let v: z.infer<typeof Stored> | undefined;
      try {
        v = readSetting(db, CASH_SESSION_SETTING, Stored);
      } catch {
        return undefined; // a damaged value only costs the fast recovery
      }
      return v && v.soapUrl === soapUrl && v.sessionId ? v.sessionId : undefined;
    },
    save(sessionId) {
      writeSetting(db, CASH_SESSION_SETTING, { soapUrl, sessionId: sessionId ?? null });
    },
  };
}
