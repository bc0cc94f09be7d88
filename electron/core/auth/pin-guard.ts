import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { WrongPinDetails } from '../../../shared/api/auth';
import type { CoreContext } from '../context';

/** Wrong PINs in a row before a scope locks (the README promises 5). */
export const MAX_ATTEMPTS = 5;
/** The first lockout lasts this long; each further one in a row twice as long, up to MAX_LOCK_SECONDS. */
export const BASE_LOCK_SECONDS = 60;
export const MAX_LOCK_SECONDS = 3600;

/**
 * What a wrong PIN counts against:
 * - a login PIN names its operator: 'operator:<id>';
 * - an approval PIN (auth/verify-manager, `approval.pin`) names nobody — it is tried against every gerente —
 *   so it counts against the terminal: 'approval:terminal'. Guessing across managers, sessions or callers
 *   then shares one budget: 5 wrong in a row lock every approval on this terminal, with growing lockouts.
 * ASSUMPTION: one core is one terminal, so a terminal-wide counter is also the per-caller one.
 */
export interface PinScope {
  readonly key: string;
  /** pt-PT refusal while the scope is locked. */
  lockedMessage(seconds: number): string;
  /** Whose audit trail the failures go to (the operator, or the caller asking for an approval). */
  readonly auditOperatorId: number | null;
}

export const operatorScope = (operatorId: number): PinScope => ({
  key: `operator:${operatorId}`,
  lockedMessage: (seconds) => t('auth.locked', { seconds }),
  auditOperatorId: operatorId,
});

export const approvalScope = (requestedBy: number | null): PinScope => ({
  key: 'approval:terminal',
  lockedMessage: (seconds) => t('auth.approvalLocked', { seconds }),
  auditOperatorId: requestedBy,
});

export const lockSeconds = (level: number): number =>
  Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** Math.max(0, level - 1));

/** What the caller may tell the person about a wrong PIN (issue 15 item 5: warn before the lock, show it). */
export interface WrongPin {
  /** Wrong PINs still allowed before the scope locks (0 once it has locked). */
  attemptsLeft: number;
  /** Set when this wrong PIN locked the scope: for how long. */
  lockedSeconds?: number;
}

export interface PinGuard {
  /**
   * Runs one PIN check under a scope's counter. The try is counted *before* the (slow, asynchronous) hash is
   * compared, so parallel guesses cannot all slip in under the limit: with MAX_ATTEMPTS tries in flight the
   * next one is refused at once. A right PIN (check returns a value) resets the scope; a wrong one (null) may
   * lock it. A check interrupted by a crash stays counted as a wrong PIN.
   */
  attempt<T>(
    scope: PinScope,
    check: () => Promise<T | null>,
  ): Promise<{ ok: true; value: T } | ({ ok: false } & WrongPin)>;
}

export function createPinGuard(ctx: CoreContext): PinGuard {
  const { db } = ctx;
  const row = (key: string) => db.get(db.k.selectFrom('pin_guard').selectAll().where('scope', '=', key));
  const nowIso = () => ctx.clock.now().toISOString();

  function reserve(scope: PinScope): void {
    db.tx(() => {
      const r = row(scope.key);
      const now = ctx.clock.now();
      if (r?.locked_until && new Date(r.locked_until) > now) {
        const seconds = Math.ceil((new Date(r.locked_until).getTime() - now.getTime()) / 1000);
        throw new PosError('RATE_LIMITED', scope.lockedMessage(seconds), { seconds });
      }
      if (r && r.failures >= MAX_ATTEMPTS) throw new PosError('RATE_LIMITED', t('auth.busy'), { seconds: 1 });
      db.run(
        db.k
          .insertInto('pin_guard')
          .values({ scope: scope.key, failures: 1, level: 0, locked_until: null, updated_at: nowIso() })
          .onConflict((oc) =>
            oc.column('scope').doUpdateSet({
              failures: (r?.failures ?? 0) + 1,
              locked_until: null,
              updated_at: nowIso(),
            }),
          ),
      );
    });
  }

  function succeeded(scope: PinScope): void {
    db.run(
      db.k
        .updateTable('pin_guard')
        .set({ failures: 0, level: 0, locked_until: null, updated_at: nowIso() })
        .where('scope', '=', scope.key),
    );
  }

  function failed(scope: PinScope): WrongPin {
    const r = row(scope.key);
    const attempts = r?.failures ?? 1;
    const locks = attempts >= MAX_ATTEMPTS;
    const level = (r?.level ?? 0) + (locks ? 1 : 0);
    const seconds = locks ? lockSeconds(level) : 0;
    if (locks) {
      db.run(
        db.k
          .updateTable('pin_guard')
          .set({
            failures: 0,
            level,
            locked_until: new Date(ctx.clock.now().getTime() + seconds * 1000).toISOString(),
            updated_at: nowIso(),
          })
          .where('scope', '=', scope.key),
      );
    }
    ctx.audit('auth.pin-failed', scope.auditOperatorId, {
      scope: scope.key,
      attempts,
      locked: locks,
      ...(locks ? { lockSeconds: seconds, level } : {}),
    });
    return locks ? { attemptsLeft: 0, lockedSeconds: seconds } : { attemptsLeft: MAX_ATTEMPTS - attempts };
  }

  return {
    async attempt(scope, check) {
      reserve(scope);
      const result = await check();
      if (result === null) return { ok: false, ...failed(scope) };
      succeeded(scope);
      return { ok: true, value: result };
    },
  };
}

/** The error details of a wrong PIN (shared/api/auth.ts WrongPinDetails). */
export const wrongPinDetails = (w: WrongPin): WrongPinDetails => ({
  attemptsLeft: w.attemptsLeft,
  ...(w.lockedSeconds ? { seconds: w.lockedSeconds } : {}),
});
