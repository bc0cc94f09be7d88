import { CASH_DEVICE_SETTING, CashDeviceSettings } from '../../../shared/api/cash';
import type { TerminalMode } from '../../../shared/api/system';
import type { Db } from '../db/open';
import { readSetting } from '../system/settings';

/**
 * Device settings live in the `setting` table as JSON under `cash.device`, validated with zod. Without a setting,
 * training mode runs the in-process simulator and production a manual drawer (never a guessed machine address).
 */
export function loadCashSettings(db: Db, mode: TerminalMode): CashDeviceSettings {
  const stored = readSetting(db, CASH_DEVICE_SETTING, CashDeviceSettings);
  if (stored) return stored;
  return CashDeviceSettings.parse(mode === 'training' ? { kind: 'simulator' } : { kind: 'none' });
}
