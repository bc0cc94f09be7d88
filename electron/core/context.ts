import type { Db } from './db/open';
import type { EventBus } from './events';
import type { Logger } from './log/logger';
import type { Clock } from './util/clock';
import type { TerminalMode } from '../../shared/api/system';

/** What every domain service is built from. Anything environment-specific is injected here. */
export interface CoreContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly log: Logger;
  readonly events: EventBus;
  readonly dataDir: string;
  readonly mode: TerminalMode;
  readonly terminalId: string;
  readonly version: string;
  /** Append-only audit trail: who did what, when. */
  audit(action: string, operatorId: number | null, details?: Record<string, unknown>): void;
}
