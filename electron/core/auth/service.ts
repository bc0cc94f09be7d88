import { randomBytes } from 'node:crypto';
import type { OperatorSummary, Session } from '../../../shared/api/auth';
import { PosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { CoreContext } from '../context';
import { approvalScope, createPinGuard, operatorScope, wrongPinDetails } from './pin-guard';
import { hashPin, verifyPin } from './pin';

export interface AuthService {
  listOperators(): OperatorSummary[];
  /** PIN login; wrong PINs count toward the operator's lockout (electron/core/auth/pin-guard.ts). */
  login(operatorId: number, pin: string): Promise<Session>;
  logout(token: string): void;
  resolve(token: string): Session | null;
  /**
   * Checks a manager's PIN for an approval (auth/verify-manager, `approval.pin`); returns the approving manager.
   * Wrong PINs count toward the terminal's approval lockout (such a PIN names no operator).
   */
  verifyManager(pin: string, requestedBy: number | null, reason?: string): Promise<OperatorSummary>;
  createOperator(name: string, role: OperatorSummary['role'], pin: string): OperatorSummary;
  /**
   * Ends every open session of an operator (deactivated, role changed, PIN reset): the cached sessions go too,
   * so the next call of that operator is refused at once, on every transport.
   */
  endSessionsOf(operatorId: number, reason: 'expired' | 'replaced'): void;
}

export function createAuthService(ctx: CoreContext): AuthService {
  const { db } = ctx;
  const sessions = new Map<string, Session>();
  const guard = createPinGuard(ctx);

  const summary = (r: { id: number; name: string; role: OperatorSummary['role'] }): OperatorSummary => ({
    id: r.id,
    name: r.name,
    role: r.role,
  });

  const operatorById = (id: number) =>
    db.get(db.k.selectFrom('operator').selectAll().where('id', '=', id).where('active', '=', 1));

  return {
    listOperators() {
      return db
        .all(db.k.selectFrom('operator').select(['id', 'name', 'role']).where('active', '=', 1).orderBy('id'))
        .map(summary);
    },

    async login(operatorId, pin) {
      const found = operatorById(operatorId);
      if (!found) throw new PosError('NOT_FOUND', t('auth.unknownOperator'));
      const tried = await guard.attempt(operatorScope(found.id), async () =>
        (await verifyPin(pin, found.pin_hash, found.pin_salt)) ? found : null,
      );
      // The details let the PIN screen warn before the lock and count the lock down (issue 15 item 5).
      if (!tried.ok) throw new PosError('UNAUTHENTICATED', t('auth.wrongPin'), wrongPinDetails(tried));
      const op = tried.value;
      const token = randomBytes(24).toString('base64url');
      const now = ctx.clock.now().toISOString();
      db.run(
        db.k.insertInto('operator_session').values({
          token,
          operator_id: op.id,
          started_at: now,
          last_seen_at: now,
          ended_at: null,
          end_reason: null,
        }),
      );
      const session: Session = { token, operator: summary(op), startedAt: now };
      sessions.set(token, session);
      ctx.audit('auth.login', op.id);
      return session;
    },

    logout(token) {
      const s = sessions.get(token);
      sessions.delete(token);
      const now = ctx.clock.now().toISOString();
      db.run(
        db.k
          .updateTable('operator_session')
          .set({ ended_at: now, end_reason: 'logout' })
          .where('token', '=', token)
          .where('ended_at', 'is', null),
      );
      if (s) {
        ctx.audit('auth.logout', s.operator.id);
        ctx.events.emit('auth/session-ended', { token, reason: 'logout' });
      }
    },

    resolve(token) {
      const cached = sessions.get(token);
      if (cached) return cached;
      // Sessions survive a restart of the core (the cashier is not thrown out by a crash-restart).
      const row = db.get(
        db.k
          .selectFrom('operator_session as s')
          .innerJoin('operator as o', 'o.id', 's.operator_id')
          .select(['s.token', 's.started_at', 'o.id', 'o.name', 'o.role'])
          .where('s.token', '=', token)
          .where('s.ended_at', 'is', null)
          .where('o.active', '=', 1),
      );
      if (!row) return null;
      const session: Session = { token: row.token, operator: summary(row), startedAt: row.started_at };
      sessions.set(token, session);
      return session;
    },

    async verifyManager(pin, requestedBy, reason) {
      const managers = db.all(
        db.k.selectFrom('operator').selectAll().where('active', '=', 1).where('role', '=', 'gerente'),
      );
      const tried = await guard.attempt(approvalScope(requestedBy), async () => {
        const hits = await Promise.all(managers.map((c) => verifyPin(pin, c.pin_hash, c.pin_salt)));
        return managers.find((_c, i) => hits[i]) ?? null;
      });
      const m = tried.ok ? tried.value : null;
      if (m) {
        ctx.audit('auth.manager-approval', m.id, { requestedBy, reason: reason ?? null });
        return summary(m);
      }
      ctx.audit('auth.manager-approval-refused', requestedBy, { reason: reason ?? null });
      throw new PosError('FORBIDDEN', t('auth.notManager'), tried.ok ? undefined : wrongPinDetails(tried));
    },

    endSessionsOf(operatorId, reason) {
      const now = ctx.clock.now().toISOString();
      const open = db.all(
        db.k
          .selectFrom('operator_session')
          .select('token')
          .where('operator_id', '=', operatorId)
          .where('ended_at', 'is', null),
      );
      db.run(
        db.k
          .updateTable('operator_session')
          .set({ ended_at: now, end_reason: reason })
          .where('operator_id', '=', operatorId)
          .where('ended_at', 'is', null),
      );
      for (const [token, s] of sessions) if (s.operator.id === operatorId) sessions.delete(token);
      for (const { token } of open) ctx.events.emit('auth/session-ended', { token, reason });
    },

    createOperator(name, role, pin) {
      const { hash, salt } = hashPin(pin);
      const r = db.run(
        db.k.insertInto('operator').values({
          name,
          role,
          pin_hash: hash,
          pin_salt: salt,
          active: 1,
          locked_until: null,
          created_at: ctx.clock.now().toISOString(),
        }),
      );
      return { id: r.lastInsertRowid, name, role };
    },
  };
}
