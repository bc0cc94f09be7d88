import {
  CodecError,
  parseCash,
  parseResponseElement,
  xmlParser,
  type CashBlock,
  type GloryResponse,
} from './codec';
import type { DevId } from './codes';

/**
 * Parses the XML inside one `<BbxEventRequest>` frame (glory-ci5.md §1.3, §2.6). Pure. Unknown events are
 * returned as `unknown` so a newer firmware never breaks the listener.
 */
export type GloryEvent =
  | { kind: 'heartbeat'; serialNo?: string }
  | { kind: 'status'; code: number; amount?: number; error?: number; seqNo?: string }
  | {
      kind: 'cashier';
      devid: DevId;
      event: string;
      /** Position/door/unit id when the sub-event carries one (child element name is an [ASSUMPTION]). */
      position?: number;
      errorCode?: number;
      recoveryUrl?: string;
      cash: CashBlock[];
      transactionId?: string;
    }
  | { kind: 'response'; response: GloryResponse }
  | { kind: 'special-error'; message: string }
  | { kind: 'unknown'; name: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const txt = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : isObj(v) && typeof v['#text'] === 'string' ? v['#text'] : undefined;
const num = (v: unknown): number | undefined => {
  const s = txt(v)?.trim();
  return s && /^-?\d+$/.test(s) ? Number(s) : undefined;
};

function cashierEvent(v: Obj): GloryEvent {
  const devid = num(v['@devid']);
  if (devid !== 1 && devid !== 2)
    throw new CodecError(`GlyCashierEvent com devid inválido: ${String(v['@devid'])}`);
  const sub = Object.keys(v).find((k) => k.startsWith('event'));
  if (!sub) return { kind: 'unknown', name: 'GlyCashierEvent' };
  const body = v[sub];
  const ev: Extract<GloryEvent, { kind: 'cashier' }> = { kind: 'cashier', devid, event: sub, cash: [] };
  const tid = txt(v.TransactionId);
  if (tid) ev.transactionId = tid;
  const direct = num(body);
  if (direct !== undefined) ev.position = direct;
  if (isObj(body)) {
    const code = num(body.ErrorCode);
    if (code !== undefined) ev.errorCode = code;
    const url = txt(body.RecoveryURL);
    if (url) ev.recoveryUrl = url;
    ev.cash = parseCash(body.Cash);
    // The position child is named differently across event types; take the first purely numeric child.
    for (const [k, c] of Object.entries(body)) {
      if (k === 'ErrorCode' || k.startsWith('@') || ev.position !== undefined) continue;
      const n = num(c);
      if (n !== undefined) ev.position = n;
    }
  }
  return ev;
}

/** One frame's XML → events (normally one). Throws CodecError on malformed XML. */
export function parseEventFrame(xml: string): GloryEvent[] {
  let doc: unknown;
  try {
    doc = xmlParser.parse(xml);
  } catch (e) {
    throw new CodecError(`Trama de evento inválida: ${e instanceof Error ? e.message : String(e)}`);
  }
  const root = isObj(doc) ? (doc.BbxEventRequest ?? doc) : undefined;
  if (!isObj(root)) throw new CodecError('Trama sem BbxEventRequest');
  const out: GloryEvent[] = [];
  for (const [name, v] of Object.entries(root)) {
    if (name.startsWith('@') || name === '?xml' || name === '#text') continue;
    const o = isObj(v) ? v : {};
    if (name === 'HeartBeatEvent') out.push({ kind: 'heartbeat', serialNo: txt(o.SerialNo) });
    else if (name === 'StatusChangeEvent') {
      // Odoo reads `Code` or `Status` (glory-ci5.md §2.6); accept both.
      const code = num(o.Status) ?? num(o.Code) ?? (isObj(o.Status) ? num(o.Status.Code) : undefined);
      if (code === undefined) throw new CodecError('StatusChangeEvent sem Status');
      out.push({ kind: 'status', code, amount: num(o.Amount), error: num(o.Error), seqNo: txt(o.SeqNo) });
    } else if (name === 'GlyCashierEvent') out.push(cashierEvent(o));
    else if (name === 'SpecialDeviceError')
      out.push({ kind: 'special-error', message: txt(o.ErrorMessage) ?? '' });
    else if (name.endsWith('Response'))
      out.push({ kind: 'response', response: parseResponseElement(name, v) });
    else out.push({ kind: 'unknown', name });
  }
  return out;
}
