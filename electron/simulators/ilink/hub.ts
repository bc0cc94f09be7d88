import crypto from 'node:crypto';
import { checkUblStructure, nifOfVatId } from '../../core/integrations/ilink/wire/structure';
import { ilinkSignature, sameSignature } from '../../core/integrations/ilink/wire/signature';

/**
 * The iLink hub the simulator plays: credentials, issued documents, their state events, received documents.
 * Pure state and rules (no HTTP): server.ts maps requests onto it. iLink's JSON shapes per
 * paypay-ilink-ciuspt.md §2.3–2.5 and §6.3; the parts the public docs do not show (states-report events, the
 * accept body, the read-ack body) are ASSUMPTIONs, marked where they are built.
 */

export interface SimClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** ASSUMPTION (§5.4 OPEN): an OAuth2 client acts for one NIF. */
  readonly nif: string;
}
export interface SimLegacyKey {
  readonly publicKey: string;
  readonly nif: string;
}

export interface IssuedDoc {
  readonly id: string;
  readonly number: string;
  readonly type: string;
  readonly issueDate: string;
  readonly supplierNif: string;
  readonly customerNif: string;
  xml: Buffer;
  state: 'tosend' | 'sent' | 'accepted' | 'rejected';
  edi: 'regularization' | null;
  reasons: { reason: string; created_at: string }[];
  readonly createdAt: string;
  /** 1 when created; +1 per accepted resend (s012). */
  versions: number;
}

export interface ReceivedDoc {
  readonly id: string;
  readonly number: string;
  readonly supplierNif: string;
  readonly customerNif: string;
  readonly xml: Buffer;
  readonly createdAt: string;
  imported: { success: boolean; response: string } | null;
  decision: { accepted: boolean; reason: string | null } | null;
}

export interface StateEventRow {
  readonly id: string;
  readonly docId: string;
  readonly number: string;
  readonly state: IssuedDoc['state'];
  readonly edi: IssuedDoc['edi'];
  readonly reasons: { reason: string; created_at: string }[];
  readonly createdAt: string;
  read: boolean;
}

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const err = (status: number, code: string, msg: string): Reply => ({
  status,
  body: { success: false, errors: [{ code, msg }] },
});

const STATE_DESCRIPTION: Record<IssuedDoc['state'], string> = {
  tosend: 'Por enviar ao cliente.',
  sent: 'Enviado ao cliente.',
  accepted: 'Aceite pelo cliente.',
  rejected: 'Recusado pelo cliente.',
};
const TYPE_CODE: Record<string, string> = { FT: '380', FR: '380', FS: '380', ND: '383', NC: '381' };

export interface HubOptions {
  readonly now: () => number;
  readonly clients?: readonly SimClient[];
  readonly legacyTokens?: readonly string[];
  readonly legacyKeys?: readonly SimLegacyKey[];
  /** Seconds a token lives (iLink: 1800). */
  readonly tokenTtlS?: number;
  /** How far the request timestamp may be from the simulator's clock (ASSUMPTION: 300 s). */
  readonly timestampWindowS?: number;
}

/** The demo company's credentials (training: AT's test NIF 599999993). */
import { SIM_DEFAULTS } from './defaults';
export { SIM_DEFAULTS };

export function createHub(o: HubOptions) {
  const clients = new Map(
    (
      o.clients ?? [
        { clientId: SIM_DEFAULTS.clientId, clientSecret: SIM_DEFAULTS.clientSecret, nif: SIM_DEFAULTS.nif },
        { clientId: 'demoapp', clientSecret: 'qwerty', nif: SIM_DEFAULTS.nif },
      ]
    ).map((c) => [c.clientId, c]),
  );
  const legacyTokens = new Set(o.legacyTokens ?? [SIM_DEFAULTS.legacyToken]);
  const legacyKeys = new Map(
    (o.legacyKeys ?? [{ publicKey: SIM_DEFAULTS.publicKey, nif: SIM_DEFAULTS.nif }]).map((k) => [
      k.publicKey,
      k.nif,
    ]),
  );
  const tokens = new Map<string, { nif: string; expiresAt: number }>();
  const nonces = new Set<string>();
  const handshakes = new Set<string>();
  const issued = new Map<string, IssuedDoc>();
  const issuedByNumber = new Map<string, string>();
  const received = new Map<string, ReceivedDoc>();
  const events: StateEventRow[] = [];
  const orderRequired = new Set<string>();
  let seq = 0;
  const ttl = o.tokenTtlS ?? 1800;
  const window = o.timestampWindowS ?? 300;
  const iso = (): string => new Date(o.now()).toISOString();
  const newId = (): string =>
    `${(o.now() / 1000).toString(16).replace('.', '')}.${String(++seq).padStart(8, '0')}`;

  function event(d: IssuedDoc): void {
    events.push({
      id: String(events.length + 1),
      docId: d.id,
      number: d.number,
      state: d.state,
      edi: d.edi,
      reasons: [...d.reasons],
      createdAt: iso(),
      read: false,
    });
  }

  function documentJson(d: IssuedDoc) {
    return {
      id: d.id,
      number: d.number,
      emission_date: d.issueDate,
      type_document_fact: {
        code: TYPE_CODE[d.type] ?? '380',
        alias: d.type === 'NC' ? 'credit_note' : 'invoice',
        type: d.type,
      },
      type_document: { alias: 'issued' },
      state_document: { alias: d.state, description: STATE_DESCRIPTION[d.state] },
      state_edi_document: d.edi ? { alias: d.edi, alias_espap: '14', description: 'Regularizar' } : null,
      reasons: d.reasons,
    };
  }

  return {
    // ---------------------------------------------------------------- authentication
    /** `POST /oauth2/token`: the real signature check, timestamp window, nonce reuse refused. */
    token(form: Record<string, string>): Reply {
      const c = clients.get(form.client_id ?? '');
      const ts = Number(form.timestamp);
      const nonce = form.nonce ?? '';
      if (form.grant_type !== 'client_credentials' || !c) return err(401, 'e069', 'Invalid authentication');
      if (!Number.isInteger(ts) || Math.abs(ts - o.now() / 1000) > window)
        return err(401, 'e069', 'Invalid authentication (timestamp)');
      if (!/^[A-Za-z0-9]{1,20}$/.test(nonce)) return err(401, 'e069', 'Invalid authentication (nonce)');
      if (nonces.has(`${c.clientId}:${nonce}`))
        return err(401, 'e069', 'Invalid authentication (nonce reused)');
      if (!sameSignature(String(form.signature ?? ''), ilinkSignature(c.clientId, c.clientSecret, ts, nonce)))
        return err(401, 'e069', 'Invalid authentication (signature)');
      nonces.add(`${c.clientId}:${nonce}`);
      const access = crypto.randomBytes(24).toString('base64url');
      tokens.set(access, { nif: c.nif, expiresAt: o.now() + ttl * 1000 });
      return {
        status: 200,
        body: {
          access_token: access,
          token_type: 'Bearer',
          expires_in: ttl,
          scope: 'document_create,document_read,states_read',
        },
      };
    },
    /** `POST /apps/authentications` (legacy handshake): platform token + NIF + public key. */
    handshake(bearer: string, body: Record<string, unknown>): Reply {
      if (!legacyTokens.has(bearer)) return err(401, 'e069', 'Invalid authentication');
      const key = String(body.key ?? '');
      const nif = String(body.nif ?? '');
      if (legacyKeys.get(key) !== nif) return err(400, 'e100', 'Invalid entity key.');
      handshakes.add(key);
      return {
        status: 200,
        body: { success: true, message: { code: 'e123', msg: 'Integration completed successfully.' } },
      };
    },
    /** The acting NIF of a request, or null (then 401 e069). */
    actingNif(bearer: string, entity: string | undefined): string | null {
      const t = tokens.get(bearer);
      if (t) return t.expiresAt > o.now() ? t.nif : null;
      if (legacyTokens.has(bearer) && entity && handshakes.has(entity)) return legacyKeys.get(entity) ?? null;
      return null;
    },
    unauthorized: (): Reply => err(401, 'e069', 'Invalid authentication'),
    expireTokens(): void {
      for (const t of tokens.values()) t.expiresAt = 0;
    },

    // ---------------------------------------------------------------- issued documents
    /** `POST /apps/documentsUBL`. */
    sendUbl(nif: string, xml: Buffer | null): Reply {
      if (!xml) return err(400, 'e217', 'The file field is mandatory.');
      const check = checkUblStructure(xml);
      if (!check.ok) return err(400, 'e217', `[${check.rule}] ${check.message}`);
      const s = check.summary;
      if (!/^urn:cen\.eu:en16931:2017#compliant#urn:feap\.gov\.pt:CIUS-PT:(.{1,10})$/.test(s.customizationId))
        return err(400, 'e217', `[DT-CIUS-PT-022] CustomizationID inválido: "${s.customizationId}".`);
      if (!s.customerVatId)
        return err(400, 'e217', '[BR-CIUS-PT-03] O NIF do adquirente (BT-48) é obrigatório.');
      if (nifOfVatId(s.supplierVatId) !== nif)
        return {
          status: 400,
          body: {
            success: false,
            errors: {
              supplier: { code: 'e199', msg: 'The supplier does not match the authenticated entity.' },
            },
          },
        };
      const customerNif = nifOfVatId(s.customerVatId);
      if (orderRequired.has(customerNif) && !s.orderReference)
        return err(400, 'e048', 'The order number is mandatory.');
      const type = s.number.split(' ')[0] ?? s.typeCode;
      const key = `${nif}|${s.number}`;
      const existingId = issuedByNumber.get(key);
      if (existingId) {
        const d = issued.get(existingId)!;
        // Resend after "Regularizar" keeps number, type and date (§2.4), answered s012.
        if (
          d.state === 'rejected' &&
          d.edi === 'regularization' &&
          d.type === type &&
          d.issueDate === s.issueDate
        ) {
          d.xml = Buffer.from(xml);
          d.state = 'sent';
          d.edi = null;
          d.versions++;
          event(d);
          return {
            status: 200,
            body: {
              success: true,
              message: { code: 's012', msg: 'Document successfully updated' },
              response: { data: documentJson(d) },
            },
          };
        }
        return err(400, 'e200', 'Document already exists.');
      }
      const d: IssuedDoc = {
        id: newId(),
        number: s.number,
        type,
        issueDate: s.issueDate,
        supplierNif: nif,
        customerNif,
        xml: Buffer.from(xml),
        state: 'sent',
        edi: null,
        reasons: [],
        createdAt: iso(),
        versions: 1,
      };
      issued.set(d.id, d);
      issuedByNumber.set(key, d.id);
      event(d);
      return {
        status: 201,
        body: {
          success: true,
          message: { code: 's011', msg: 'Document successfully created' },
          response: { data: documentJson(d) },
        },
      };
    },
    /**
     * `GET /apps/states-report/documents`: unread events of the acting NIF's documents.
     * ASSUMPTION (§6.3, invented): `response.data[]{id, document{id,number}, state_document, state_edi_document, reasons, created_at}`.
     */
    statesReport(nif: string, rows: number): Reply {
      const data = events
        .filter((e) => !e.read && issued.get(e.docId)?.supplierNif === nif)
        .slice(0, rows)
        .map((e) => ({
          id: e.id,
          document: { id: e.docId, number: e.number },
          state_document: { alias: e.state, description: STATE_DESCRIPTION[e.state] },
          state_edi_document: e.edi ? { alias: e.edi, alias_espap: '14', description: 'Regularizar' } : null,
          reasons: e.reasons,
          created_at: e.createdAt,
        }));
      return {
        status: 200,
        body: { success: true, response: { current_page: 1, last_page: 1, total: data.length, data } },
      };
    },
    /** `POST /apps/states-report/documents/read` — ASSUMPTION: body `{ids: [...]}`. */
    statesRead(nif: string, ids: readonly string[]): Reply {
      let n = 0;
      for (const e of events)
        if (ids.includes(e.id) && issued.get(e.docId)?.supplierNif === nif && !e.read) {
          e.read = true;
          n++;
        }
      return {
        status: 200,
        body: { success: true, message: { code: 's040', msg: `${n} events marked as read` } },
      };
    },

    // ---------------------------------------------------------------- received documents
    /** `GET /apps/documents`: the work queue of received documents, or issued ones by number (e200 lookup). */
    list(nif: string, q: URLSearchParams, origin: string): Reply {
      const rows = Math.min(50, Math.max(1, Number(q.get('rows') ?? 50) || 50));
      const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
      const number = q.get('document_number');
      let data: unknown[];
      if (q.get('document_type') === 'issued') {
        data = [...issued.values()]
          .filter((d) => d.supplierNif === nif && (!number || d.number === number))
          .map(documentJson);
      } else {
        data = [...received.values()]
          .filter(
            (d) => d.customerNif === nif && !d.imported && !d.decision && (!number || d.number === number),
          )
          .map((d) => ({
            id: d.id,
            number: d.number,
            type_document: { alias: 'received' },
            supplier: { number: d.supplierNif },
            created_at: d.createdAt,
            url: `${origin}/apps/documents/${d.id}`,
          }));
      }
      const total = data.length;
      const last = Math.max(1, Math.ceil(total / rows));
      return {
        status: 200,
        body: {
          success: 'true',
          response: {
            current_page: page,
            last_page: last,
            per_page: rows,
            total,
            data: data.slice((page - 1) * rows, page * rows),
          },
        },
      };
    },
    /** `GET /apps/documents/{id}`: full data with the XML as an attachment URL. */
    get(nif: string, id: string, origin: string): Reply {
      const r = received.get(id);
      if (r && r.customerNif === nif)
        return {
          status: 200,
          body: {
            success: true,
            response: {
              data: {
                id: r.id,
                number: r.number,
                type_document: { alias: 'received' },
                supplier: { number: r.supplierNif },
                customer: { number: r.customerNif },
                attachments: [
                  {
                    type: 'xml',
                    ubl_type: 'xml_representation',
                    file: `${origin}/file/${r.id}.xml`,
                    identifier: r.id,
                  },
                ],
              },
            },
          },
        };
      const d = issued.get(id);
      if (d && d.supplierNif === nif)
        return {
          status: 200,
          body: {
            success: true,
            response: {
              data: {
                ...documentJson(d),
                attachments: [
                  { type: 'xml', ubl_type: 'xml_representation', file: `${origin}/file/${d.id}.xml` },
                ],
              },
            },
          },
        };
      return err(404, 'e404', 'Document not found.');
    },
    file(name: string): Buffer | null {
      const id = name.replace(/\.xml$/, '');
      return received.get(id)?.xml ?? issued.get(id)?.xml ?? null;
    },
    /** `POST /apps/documents/{id}`: import ack, `success` 0|1 and `response`. */
    ack(nif: string, id: string, body: Record<string, unknown>): Reply {
      const r = received.get(id);
      if (!r || r.customerNif !== nif) return err(404, 'e404', 'Document not found.');
      const s = String(body.success ?? '');
      if (s !== '0' && s !== '1' && s !== 'true' && s !== 'false')
        return err(400, 'e001', 'The success field is mandatory.');
      r.imported = { success: s === '1' || s === 'true', response: String(body.response ?? '') };
      return {
        status: 200,
        body: { success: true, message: { code: 's020', msg: 'Document import registered' } },
      };
    },
    /** `POST /apps/documents/{id}/accepted` — ASSUMPTION: body `{accepted: 1|0, reason}` (Swagger only). */
    decide(nif: string, id: string, body: Record<string, unknown>): Reply {
      const r = received.get(id);
      if (!r || r.customerNif !== nif) return err(404, 'e404', 'Document not found.');
      const a = String(body.accepted ?? '');
      const accepted = a === '1' || a === 'true';
      if (!accepted && !(a === '0' || a === 'false'))
        return err(400, 'e001', 'The accepted field is mandatory.');
      if (!accepted && !String(body.reason ?? '').trim()) return err(400, 'e001', 'The reason is mandatory.');
      r.decision = { accepted, reason: accepted ? null : String(body.reason) };
      return {
        status: 200,
        body: {
          success: true,
          message: { code: 's021', msg: accepted ? 'Document accepted' : 'Document rejected' },
        },
      };
    },

    // ---------------------------------------------------------------- control (ours, not iLink's)
    setState(
      number: string,
      state: IssuedDoc['state'],
      reason?: 'regularization' | 'other',
    ): IssuedDoc | null {
      const d = [...issued.values()].find((x) => x.number === number);
      if (!d) return null;
      d.state = state;
      d.edi = state === 'rejected' && reason === 'regularization' ? 'regularization' : null;
      if (state === 'rejected')
        d.reasons.push({
          reason: reason === 'regularization' ? 'Regularizar' : 'Documento recusado pelo cliente',
          created_at: iso(),
        });
      event(d);
      return d;
    },
    /** A purchase document for the terminal; stored even when it is hostile (that is what tests send). */
    deliver(xml: Buffer, toNif?: string): ReceivedDoc {
      const c = checkUblStructure(xml);
      const s = c.ok ? c.summary : null;
      const d: ReceivedDoc = {
        id: newId(),
        number: s?.number || `RX-${seq}`,
        supplierNif: s ? nifOfVatId(s.supplierVatId) : '',
        customerNif: toNif ?? (s ? nifOfVatId(s.customerVatId) : SIM_DEFAULTS.nif),
        xml: Buffer.from(xml),
        createdAt: iso(),
        imported: null,
        decision: null,
      };
      received.set(d.id, d);
      return d;
    },
    requireOrder(nif: string, required: boolean): void {
      if (required) orderRequired.add(nif);
      else orderRequired.delete(nif);
    },
    issued: (): IssuedDoc[] => [...issued.values()],
    received: (): ReceivedDoc[] => [...received.values()],
  };
}
export type IlinkHub = ReturnType<typeof createHub>;
