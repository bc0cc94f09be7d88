import { el, type GloryOp, type GloryResponse, type XmlNode } from './codec';
import { Result } from './codes';
import type { ResolvedConfig } from './device-types';
import { resultError } from './results';

/** One SOAP request with the link's identity and session (GloryLink.#raw), without the state-machine guard. */
export type RawCall = (op: GloryOp, body: XmlNode[], timeoutMs?: number) => Promise<GloryResponse>;

/** The start-up handshake steps of glory-ci5.md §2.7, each one request. */

/** Open: a new session; returns its id. */
export async function openSession(
  raw: RawCall,
  cfg: Pick<ResolvedConfig, 'user' | 'password' | 'deviceName'>,
): Promise<string> {
  const r = await raw('Open', [
    el('User', cfg.user),
    el('UserPwd', cfg.password),
    el('DeviceName', cfg.deviceName),
  ]);
  if (r.result !== Result.SUCCESS || !r.sessionId) throw resultError('Open', r.result);
  return r.sessionId;
}

export async function registerEvents(raw: RawCall, host: string, port: number): Promise<void> {
  const r = await raw('RegisterEvent', [el('Url', host), el('Port', port)]);
  // 36 = registrations over: ours is presumably still registered from before a restart — keep going.
  if (r.result !== Result.SUCCESS && r.result !== Result.EVENT_REGISTRATION_OVER)
    throw resultError('RegisterEvent', r.result);
}

/** Occupy; returns true when another client holds the machine. */
export async function occupy(raw: RawCall): Promise<boolean> {
  const r = await raw('Occupy', []);
  const other = r.result === Result.OCCUPIED_BY_OTHER;
  if (!other && r.result !== Result.SUCCESS && r.result !== Result.OCCUPIED_BY_ITSELF)
    throw resultError('Occupy', r.result);
  return other;
}

export async function adjustTime(raw: RawCall): Promise<void> {
  const d = new Date();
  await raw('AdjustTime', [
    el('Date', undefined, { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() }),
    el('Time', undefined, { hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() }),
  ]);
}
