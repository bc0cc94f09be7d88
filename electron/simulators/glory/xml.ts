import { XMLParser } from 'fast-xml-parser';
import type { SimDenom } from './stock';

/**
 * Wire format of the simulated FCC. Responses imitate the Axis2C quirks seen in the S7 capture
 * (glory-ci5.md §1.2, §2.2): `n:`-prefixed elements and attributes, but unprefixed `Status`, `DevStatus`, `Cash`,
 * `Denomination`. Written independently of the driver's codec so one cannot hide the other's mistakes.
 */
const NS = 'http://www.glory.co.jp/bruebox.xsd';
const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export type Field =
  | { el: string; text?: string | number }
  | { status: { code: number } }
  | { cash: { type: number; denoms: readonly SimDenom[]; withLevel?: (fv: number) => number } }
  | { raw: string };

export function cashXml(
  type: number,
  denoms: readonly SimDenom[],
  withLevel?: (fv: number) => number,
  prefix = 'n:',
): string {
  const a = (k: string, v: string | number) => ` ${prefix}${k}="${v}"`;
  const ds = denoms
    .map(
      (d) =>
        `<Denomination${a('cc', 'EUR')}${a('fv', d.fv)}${a('rev', 0)}${a('devid', d.devid)}>` +
        `<${prefix}Piece>${d.piece}</${prefix}Piece><${prefix}Status>${withLevel ? withLevel(d.fv) : 0}</${prefix}Status></Denomination>`,
    )
    .join('');
  return `<Cash${a('type', type)}>${ds}</Cash>`;
}

export const statusXml = (code: number): string =>
  `<Status><n:Code>${code}</n:Code><DevStatus n:devid="1" n:val="0" n:st="${code === 1 ? 1000 : 3000}"/>` +
  `<DevStatus n:devid="2" n:val="0" n:st="${code === 1 ? 1000 : 3000}"/></Status>`;

export function responseBody(
  element: string,
  result: number,
  header: { id?: string; seqNo?: string },
  fields: Field[],
): string {
  const inner = fields
    .map((f) => {
      if ('el' in f)
        return f.text === undefined || f.text === ''
          ? `<n:${f.el}/>`
          : `<n:${f.el}>${esc(String(f.text))}</n:${f.el}>`;
      if ('status' in f) return statusXml(f.status.code);
      if ('cash' in f) return cashXml(f.cash.type, f.cash.denoms, f.cash.withLevel);
      return f.raw;
    })
    .join('');
  return (
    `<n:${element} xmlns:n="${NS}" n:result="${result}"><n:Id>${esc(header.id ?? '')}</n:Id>` +
    `<n:SeqNo>${esc(header.seqNo ?? '')}</n:SeqNo><n:User/>${inner}</n:${element}>`
  );
}

export const envelope = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">` +
  `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

export const faultEnvelope = (msg: string): string =>
  envelope(
    `<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>${esc(msg)}</faultstring></soapenv:Fault>`,
  );

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (n) => n === 'Cash' || n === 'Denomination',
});

export interface SimRequest {
  element: string;
  id?: string;
  seqNo?: string;
  sessionId?: string;
  body: Record<string, unknown>;
}

/** Parses a request envelope, accepting prefixed or unprefixed elements and attributes. */
export function parseRequest(xml: string): SimRequest {
  const doc = parser.parse(xml) as Record<string, unknown>;
  const env = doc.Envelope as Record<string, unknown> | undefined;
  const body = (env?.Body ?? {}) as Record<string, unknown>;
  const element = Object.keys(body).find((k) => k.endsWith('Request'));
  if (!element) throw new Error('pedido sem elemento XxxRequest');
  const b = (body[element] ?? {}) as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { element, id: s(b.Id), seqNo: s(b.SeqNo), sessionId: s(b.SessionID) || undefined, body: b };
}

export const reqInt = (v: unknown): number | undefined => {
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'object' && v
        ? (v as Record<string, unknown>)['#text']
        : undefined;
  return typeof s === 'string' && /^-?\d+$/.test(s.trim()) ? Number(s) : undefined;
};
export const reqAttr = (v: unknown, name: string): number | undefined =>
  typeof v === 'object' && v ? reqInt((v as Record<string, unknown>)[`@${name}`]) : undefined;

export function reqDenoms(cash: unknown): SimDenom[] {
  const blocks = Array.isArray(cash) ? cash : cash ? [cash] : [];
  const out: SimDenom[] = [];
  for (const c of blocks) {
    const ds = (c as Record<string, unknown>).Denomination;
    for (const d of Array.isArray(ds) ? ds : []) {
      const fv = reqAttr(d, 'fv');
      const devid = reqAttr(d, 'devid');
      const piece = reqInt((d as Record<string, unknown>).Piece) ?? 0;
      if (fv !== undefined && (devid === 1 || devid === 2)) out.push({ fv, devid, piece });
    }
  }
  return out;
}

/** Event frame body (unprefixed, as in captured frames, glory-ci5.md §1.3). */
export const eventXml = (inner: string): string => `<BbxEventRequest>${inner}</BbxEventRequest>`;
