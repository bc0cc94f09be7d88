import { z } from 'zod';
import { channel, ROLES } from './define';
import { Empty, Id, Ok, Pin } from './common';

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const OperatorSummary = z.object({ id: Id, name: z.string(), role: Role });
export type OperatorSummary = z.infer<typeof OperatorSummary>;

export const Session = z.object({ token: z.string(), operator: OperatorSummary, startedAt: z.string() });
export type Session = z.infer<typeof Session>;

/**
 * Details of a refused PIN (error details of auth/login and auth/verify-manager, and of RATE_LIMITED):
 * `attemptsLeft` before the lock, `seconds` of lockout when locked. The PIN screen warns and counts down.
 */
export const WrongPinDetails = z.object({
  attemptsLeft: z.number().int().min(0).optional(),
  seconds: z.number().int().min(0).optional(),
});
export type WrongPinDetails = z.infer<typeof WrongPinDetails>;

export const authContract = {
  'auth/list-operators': channel({
    input: Empty,
    output: z.array(OperatorSummary),
    access: 'public',
    summary: 'Operadores ativos para o ecrã de entrada',
  }),
  'auth/login': channel({
    input: z.object({ operatorId: Id, pin: Pin }).strict(),
    output: Session,
    access: 'public',
    summary: 'Entrada de um operador por PIN',
  }),
  'auth/logout': channel({ input: Empty, output: Ok, access: 'session', summary: 'Saída do operador' }),
  'auth/whoami': channel({
    input: Empty,
    output: Session,
    access: 'session',
    summary: 'Sessão do operador atual',
  }),
  'auth/verify-manager': channel({
    input: z.object({ pin: Pin }).strict(),
    output: OperatorSummary,
    access: 'operator',
    summary: 'Confirma o PIN de um gerente (autorização)',
  }),
};
