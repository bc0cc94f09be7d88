import type { OperatorSummary, Role } from '../../../shared/api/auth';
import type { OperatorView } from '../../../shared/api/operators';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CoreContext } from '../context';
import type { OperatorTable } from '../db/schema';
import { createPinGuard, operatorScope, wrongPinDetails } from './pin-guard';
import { hashPin, verifyPin } from './pin';
import type { AuthService } from './service';

/**
 * Gestão › Operadores (issue 12 item 6): add, edit, deactivate operators and change PINs. PINs are hashed as at
 * creation (scrypt, per-operator salt, auth/pin.ts) and never leave the core. Every change is audited with the
 * manager who made it. An operator is never deleted: documents, shifts and the audit trail name them.
 */
export interface OperatorAdmin {
  list(includeInactive: boolean): OperatorView[];
  save(
    by: OperatorSummary,
    id: number | undefined,
    input: { name: string; role: Role; pin?: string },
  ): OperatorView;
  setActive(by: OperatorSummary, id: number, active: boolean): OperatorView;
  /** The operator changes their own PIN; the old one is checked and counted toward their lockout. */
  changePin(who: OperatorSummary, oldPin: string, newPin: string): Promise<void>;
  /** A manager sets a new PIN for someone who forgot theirs; that operator's sessions end. */
  resetPin(by: OperatorSummary, id: number, newPin: string): void;
}

type Row = Pick<OperatorTable, 'name' | 'role' | 'active' | 'created_at'> & {
  id: number;
  pin_changed_at: string | null;
};

const view = (r: Row): OperatorView => ({
  id: r.id,
  name: r.name,
  role: r.role,
  active: r.active === 1,
  createdAt: r.created_at,
  pinChangedAt: r.pin_changed_at,
});

export function createOperatorAdmin(ctx: CoreContext, auth: AuthService): OperatorAdmin {
  const { db } = ctx;
  const guard = createPinGuard(ctx);
  const now = (): string => ctx.clock.now().toISOString();
  const COLS = ['id', 'name', 'role', 'active', 'created_at', 'pin_changed_at'] as const;

  const row = (id: number): Row => {
    const r = db.get(db.k.selectFrom('operator').select(COLS).where('id', '=', id));
    if (!r) throw new PosError('NOT_FOUND', t('operators.notFound'));
    return r;
  };

  const activeManagers = (): number =>
    db.get(
      db.k
        .selectFrom('operator')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'gerente')
        .where('active', '=', 1),
    )?.n ?? 0;

  /** Two active operators with the same name cannot be told apart on the login screen. */
  const refuseDuplicateName = (name: string, except: number | null): void => {
    const same = db
      .all(db.k.selectFrom('operator').select(['id', 'name']).where('active', '=', 1))
      .find((o) => o.id !== except && o.name.localeCompare(name, 'pt-PT', { sensitivity: 'base' }) === 0);
    if (same) throw new PosError('CONFLICT', t('operators.duplicateName', { name }));
  };

  /** Demoting or deactivating the last active gerente would leave nobody to manage the terminal. */
  const refuseLastManager = (r: Row): void => {
    if (r.role === 'gerente' && r.active === 1 && activeManagers() <= 1)
      throw new PosError('CONFLICT', t('operators.lastManager'));
  };

  const setPin = (id: number, pin: string): void => {
    const { hash, salt } = hashPin(pin);
    db.run(
      db.k
        .updateTable('operator')
        .set({ pin_hash: hash, pin_salt: salt, pin_changed_at: now() })
        .where('id', '=', id),
    );
  };

  return {
    list(includeInactive) {
      let q = db.k.selectFrom('operator').select(COLS);
      if (!includeInactive) q = q.where('active', '=', 1);
      return db
        .all(q)
        .map(view)
        .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'pt-PT'));
    },

    save(by, id, input) {
      return db.tx(() => {
        if (id === undefined) {
          if (!input.pin) throw new PosError('VALIDATION', t('operators.pinRequired'));
          refuseDuplicateName(input.name, null);
          const created = auth.createOperator(input.name, input.role, input.pin);
          ctx.audit('operators.created', by.id, { id: created.id, name: input.name, role: input.role });
          return view(row(created.id));
        }
        if (input.pin) throw new PosError('VALIDATION', t('operators.pinNotOnEdit'));
        const before = row(id);
        if (before.role !== input.role) {
          if (id === by.id) throw new PosError('CONFLICT', t('operators.ownRole'));
          refuseLastManager(before);
        }
        if (before.active === 1) refuseDuplicateName(input.name, id);
        if (before.name === input.name && before.role === input.role) return view(before);
        db.run(db.k.updateTable('operator').set({ name: input.name, role: input.role }).where('id', '=', id));
        ctx.audit('operators.updated', by.id, {
          id,
          from: { name: before.name, role: before.role },
          to: { name: input.name, role: input.role },
        });
        // A session carries the role it was opened with: a changed role takes effect at the next login.
        if (before.role !== input.role) auth.endSessionsOf(id, 'replaced');
        return view(row(id));
      });
    },

    setActive(by, id, active) {
      const r = db.tx(() => {
        const before = row(id);
        if ((before.active === 1) === active) return before;
        if (!active) {
          if (id === by.id) throw new PosError('CONFLICT', t('operators.ownDeactivation'));
          refuseLastManager(before);
        } else refuseDuplicateName(before.name, id);
        db.run(
          db.k
            .updateTable('operator')
            .set({ active: active ? 1 : 0 })
            .where('id', '=', id),
        );
        ctx.audit(active ? 'operators.activated' : 'operators.deactivated', by.id, { id, name: before.name });
        return row(id);
      });
      if (!active) auth.endSessionsOf(id, 'expired');
      return view(r);
    },

    async changePin(who, oldPin, newPin) {
      const found = db.get(
        db.k.selectFrom('operator').select(['id', 'pin_hash', 'pin_salt']).where('id', '=', who.id),
      );
      if (!found) throw new PosError('NOT_FOUND', t('operators.notFound'));
      // Same counter as the login PIN: the change-PIN form is no way round the lockout.
      const tried = await guard.attempt(operatorScope(who.id), async () =>
        (await verifyPin(oldPin, found.pin_hash, found.pin_salt)) ? true : null,
      );
      if (!tried.ok)
        throw new PosError('UNAUTHENTICATED', t('operators.wrongOldPin'), wrongPinDetails(tried));
      setPin(who.id, newPin);
      ctx.audit('operators.pin-changed', who.id, { id: who.id });
    },

    resetPin(by, id, newPin) {
      row(id);
      if (id === by.id) throw new PosError('CONFLICT', t('operators.ownReset'));
      setPin(id, newPin);
      ctx.audit('operators.pin-reset', by.id, { id });
      auth.endSessionsOf(id, 'expired');
    },
  };
}
