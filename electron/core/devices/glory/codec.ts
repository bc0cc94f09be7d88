import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { DevId } from './codes';

/**
 * Pure SOAP codec for the Glory FCC "BrueBoxService" (glory-ci5.md §1.2, §2.1–2.2). No I/O, no timers.
 * Requests are hand-built document/literal envelopes; responses are parsed namespace-agnostically because
 * Axis2C prefixes most elements and attributes with `n:` but leaves `Status`, `Cash`, `Denomination`,
 * `DevStatus` unprefixed in the same message (S7 capture).
 */

export const BRUEBOX_XSD = 'http://www.glory.co.jp/bruebox.xsd';
export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SERVICE_PATH = '/axis2/services/BrueBoxService';

/** Operation → [SOAPAction, request element, response element]. GetStatus is the odd one (WSDL S3). */
export const OPERATIONS = {
  Open: 'OpenOperation',
  Close: 'CloseOperation',
  Occupy: 'OccupyOperation',
  Release: 'ReleaseOperation',
  RegisterEvent: 'RegisterEventOperation',
  UnRegisterEvent: 'UnRegisterEventOperation',
  AdjustTime: 'AdjustTimeOperation',
  Status: 'GetStatus',
  Inventory: 'InventoryOperation',
  Change: 'ChangeOperation',
  ChangeCancel: 'ChangeCancelOperation',
  StartCashin: 'StartCashinOperation',
  EndCashin: 'EndCashinOperation',
  CashinCancel: 'CashinCancelOperation',
  RefreshSalesTotal: 'RefreshSalesTotalOperation',
  Cashout: 'CashoutOperation',
  Collect: 'CollectOperation',
  StartReplenishmentFromEntrance: 'StartReplenishmentFromEntranceOperation',
  EndReplenishmentFromEntrance: 'EndReplenishmentFromEntranceOperation',
  ReplenishmentFromEntranceCancel: 'ReplenishmentFromEntranceCancelOperation',
  LockUnit: 'LockUnitOperation',
  UnLockUnit: 'UnLockUnitOperation',
  Reset: 'ResetOperation',
  OpenExitCover: 'OpenExitCoverOperation',
  CloseExitCover: 'CloseExitCoverOperation',
} as const;
export type GloryOp = keyof typeof OPERATIONS;

export const soapAction = (op: GloryOp): string => OPERATIONS[op];
export const requestElement = (op: GloryOp): string => `${op}Request`;
export const responseElement = (op: GloryOp): string => `${op}Response`;

const opByResponse = new Map<string, GloryOp>(
  (Object.keys(OPERATIONS) as GloryOp[]).map((op) => [responseElement(op), op]),
);
const opByAction = new Map<string, GloryOp>(
  (Object.keys(OPERATIONS) as GloryOp[]).map((op) => [OPERATIONS[op], op]),
);
export const opFromAction = (action: string): GloryOp | undefined =>
  opByAction.get(action.replace(/^"|"$/g, ''));
export const opFromRequestElement = (name: string): GloryOp | undefined =>
  name.endsWith('Request')
    ? ((name.slice(0, -7) in OPERATIONS ? name.slice(0, -7) : undefined) as GloryOp | undefined)
    : undefined;

// ---------------------------------------------------------------- building

export interface XmlNode {
  name: string;
  attrs?: Record<string, string | number>;
  text?: string | number;
  children?: XmlNode[];
}

export const el = (name: string, text?: string | number, attrs?: XmlNode['attrs']): XmlNode => ({
  name,
  text,
  attrs,
});
export const node = (name: string, attrs: XmlNode['attrs'], children: XmlNode[] = []): XmlNode => ({
  name,
  attrs,
  children,
});

export const escapeXml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

export interface WriteOptions {
  /** Element prefix bound to the bruebox.xsd namespace; '' writes unprefixed elements in a default namespace. */
  prefix: string;
  /**
   * Whether attributes carry the prefix too (`bru:type="1"`). Responses from Axis2C qualify attributes; what the
   * FCC accepts in requests is not public — [ASSUMPTION], configurable (`qualifiedAttributes`).
   */
  qualifiedAttributes: boolean;
}

export function writeNode(n: XmlNode, o: WriteOptions): string {
  const p = o.prefix ? `${o.prefix}:` : '';
  const ap = o.qualifiedAttributes && o.prefix ? p : '';
  const attrs = Object.entries(n.attrs ?? {})
    .map(([k, v]) => ` ${ap}${k}="${escapeXml(String(v))}"`)
    .join('');
  const inner =
    (n.text !== undefined ? escapeXml(String(n.text)) : '') +
    (n.children ?? []).map((c) => writeNode(c, o)).join('');
  return inner ? `<${p}${n.name}${attrs}>${inner}</${p}${n.name}>` : `<${p}${n.name}${attrs}/>`;
}

export interface RequestHeader {
  /** Free client name (Odoo sends the POS name). */
  id: string;
  seqNo: string;
  sessionId?: string;
}

/** One SOAP 1.1 envelope for `op`; body fields follow the common header Id, SeqNo, SessionID (WSDL S3). */
export function buildRequest(
  op: GloryOp,
  header: RequestHeader,
  body: XmlNode[] = [],
  opts: WriteOptions = { prefix: 'bru', qualifiedAttributes: true },
): string {
  const fields: XmlNode[] = [el('Id', header.id), el('SeqNo', header.seqNo)];
  if (header.sessionId) fields.push(el('SessionID', header.sessionId));
  const ns = opts.prefix ? `xmlns:${opts.prefix}="${BRUEBOX_XSD}"` : `xmlns="${BRUEBOX_XSD}"`;
  const req = writeNode({ name: requestElement(op), children: [...fields, ...body] }, opts);
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV}" ${ns}><soapenv:Header/><soapenv:Body>${req}</soapenv:Body></soapenv:Envelope>`
  );
}

/** Money denomination on the wire: fv in cents, devid 1 notes / 2 coins, Piece = count (glory-ci5.md §2.1). */
export interface Denom {
  fv: number;
  devid: DevId;
  piece: number;
  cc?: string;
  /** Inventory level (§2.5) when present. */
  status?: number;
}
export interface CashBlock {
  type: number;
  denominations: Denom[];
}

export function cashNode(type: number, denoms: readonly Denom[], cc = 'EUR'): XmlNode {
  return node(
    'Cash',
    { type },
    denoms.map((d) =>
      node('Denomination', { cc: d.cc ?? cc, fv: d.fv, rev: 0, devid: d.devid }, [
        el('Piece', d.piece),
        el('Status', 0),
      ]),
    ),
  );
}
export const optionNode = (type: number): XmlNode => el('Option', undefined, { type });

// ---------------------------------------------------------------- parsing

export class CodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodecError';
  }
}

const ARRAYS = new Set(['Cash', 'Denomination', 'DevStatus', 'CashUnits', 'CashUnit']);
export const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

// Device frames are a trust boundary: every number is checked before use.
const IntText = z
  .union([
    z
      .string()
      .trim()
      .regex(/^-?\d+$/),
    z.number().int(),
  ])
  .transform((v) => Number(v));
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function int(v: unknown, what: string): number {
  const r = IntText.safeParse(isObj(v) ? v['#text'] : v);
  if (!r.success)
    throw new CodecError(`Valor numérico inválido em ${what}: ${JSON.stringify(v)?.slice(0, 40)}`);
  return r.data;
}
const optInt = (v: unknown, what: string): number | undefined =>
  v === undefined || v === '' || (isObj(v) && v['#text'] === undefined) ? undefined : int(v, what);
const text = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : isObj(v) && typeof v['#text'] === 'string'
      ? v['#text']
      : v === undefined
        ? undefined
        : String(v);
const arr = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function parseDenominations(v: unknown): Denom[] {
  return arr(v).map((d) => {
    if (!isObj(d)) throw new CodecError('Denomination inválida');
    const devid = int(d['@devid'], 'Denomination@devid');
    if (devid !== 1 && devid !== 2) throw new CodecError(`devid desconhecido: ${devid}`);
    const piece = optInt(d.Piece, 'Piece') ?? 0;
    const status = optInt(d.Status, 'Denomination/Status');
    const cc = text(d['@cc']);
    return {
      fv: int(d['@fv'], 'Denomination@fv'),
      devid,
      piece,
      ...(cc ? { cc } : {}),
      ...(status !== undefined ? { status } : {}),
    };
  });
}

export function parseCash(v: unknown): CashBlock[] {
  return arr(v).map((c) => {
    if (!isObj(c)) return { type: 0, denominations: [] };
    return { type: optInt(c['@type'], 'Cash@type') ?? 0, denominations: parseDenominations(c.Denomination) };
  });
}

export interface MachineStatus {
  code: number;
  devStatus: { devid: number; val: number; st: number }[];
}

function parseStatus(v: unknown): MachineStatus | undefined {
  if (!isObj(v)) return undefined;
  return {
    code: int(v.Code, 'Status/Code'),
    devStatus: arr(v.DevStatus)
      .filter(isObj)
      .map((d) => ({
        devid: optInt(d['@devid'], 'DevStatus@devid') ?? 0,
        val: optInt(d['@val'], 'DevStatus@val') ?? 0,
        st: optInt(d['@st'], 'DevStatus@st') ?? 0,
      })),
  };
}

export interface GloryResponse {
  /** Operation the response answers (from the element name). */
  op: GloryOp | undefined;
  element: string;
  result: number;
  id?: string;
  seqNo?: string;
  user?: string;
  sessionId?: string;
  amount?: number;
  manualDeposit?: number;
  status?: MachineStatus;
  cash: CashBlock[];
  transactionId?: string;
}

/** Parses one `XxxResponse` element object (already namespace-stripped). */
export function parseResponseElement(element: string, v: unknown): GloryResponse {
  const o = isObj(v) ? v : {};
  const result = optInt(o['@result'], `${element}@result`);
  if (result === undefined) throw new CodecError(`${element} sem atributo result`);
  const r: GloryResponse = { op: opByResponse.get(element), element, result, cash: parseCash(o.Cash) };
  const s = (k: string) => text(o[k]);
  if (s('Id') !== undefined) r.id = s('Id');
  if (s('SeqNo') !== undefined) r.seqNo = s('SeqNo');
  if (s('User')) r.user = s('User');
  if (s('SessionID')) r.sessionId = s('SessionID');
  if (s('TransactionId')) r.transactionId = s('TransactionId');
  const amount = optInt(o.Amount, 'Amount');
  if (amount !== undefined) r.amount = amount;
  const md = optInt(o.ManualDeposit, 'ManualDeposit');
  if (md !== undefined) r.manualDeposit = md;
  const st = parseStatus(o.Status);
  if (st) r.status = st;
  return r;
}

/** Parses a whole SOAP response (or a SOAP Fault, reported as CodecError). */
export function parseSoapResponse(xml: string): GloryResponse {
  let doc: unknown;
  try {
    doc = xmlParser.parse(xml);
  } catch (e) {
    throw new CodecError(`XML inválido: ${e instanceof Error ? e.message : String(e)}`);
  }
  const env = isObj(doc) ? doc.Envelope : undefined;
  const body = isObj(env) ? env.Body : undefined;
  if (!isObj(body)) throw new CodecError('Resposta SOAP sem Body');
  if (body.Fault !== undefined) {
    const f = isObj(body.Fault) ? body.Fault : {};
    throw new CodecError(`SOAP Fault: ${text(f.faultstring) ?? 'sem descrição'}`);
  }
  const element = Object.keys(body).find((k) => k.endsWith('Response'));
  if (!element) throw new CodecError('Resposta SOAP sem elemento XxxResponse');
  return parseResponseElement(element, body[element]);
}

/** Total in cents of a list of denominations. */
export const totalCents = (ds: readonly Denom[]): number => ds.reduce((s, d) => s + d.fv * d.piece, 0);
export const cashOfType = (r: { cash: CashBlock[] }, type: number): Denom[] =>
  r.cash.filter((c) => c.type === type).flatMap((c) => c.denominations);
